import type { Activation } from '@zhengban/shared';
import { clip } from '../text.js';
import type { OsRelease } from './os-release.parse.js';

/**
 * What the agent can say about a Linux distribution's activation from os-release
 * alone. Data, so a distribution is added by adding a line. Matching is on the
 * lower-cased os-release ID (openEuler writes `ID="openEuler"`), never on ID_LIKE:
 * Kylin and UOS are "like debian" and still have activation.
 */

/** Community distributions with no product activation at all. */
const NO_ACTIVATION = new Set([
  'almalinux', 'alpine', 'anolis', 'arch', 'centos', 'debian', 'elementary', 'fedora',
  'gentoo', 'kali', 'linuxmint', 'manjaro', 'nixos', 'ol', 'opencloudos', 'openeuler',
  'openkylin', 'opensuse', 'pop', 'raspbian', 'rocky', 'ubuntu', 'void', 'zorin',
]);
/** opensuse-leap, opensuse-tumbleweed, opensuse-slowroll … */
const NO_ACTIVATION_PREFIXES = ['opensuse-'];

/** Distributions that do have activation; reading it (D-Bus, see license-detection.md §7) comes later. */
const HAS_ACTIVATION: Readonly<Record<string, string>> = {
  kylin: 'Kylin',
  neokylin: 'NeoKylin',
  uos: 'UOS',
  deepin: 'Deepin',
};

/** Commercial distributions licensed by subscription rather than activation. */
const SUBSCRIPTION: Readonly<Record<string, string>> = {
  rhel: 'Red Hat Enterprise Linux',
  sles: 'SUSE Linux Enterprise Server',
  sled: 'SUSE Linux Enterprise Desktop',
};

const SOURCE = 'os-release';

export function linuxActivation(rel: OsRelease): Activation {
  const rawId = (rel.ID ?? '').trim();
  const id = rawId.toLowerCase();
  const name = clip((rel.NAME ?? '').trim() || rawId || 'This distribution', 200);
  const details = { ID: clip(rawId, 100) || null };

  if (NO_ACTIVATION.has(id) || NO_ACTIVATION_PREFIXES.some((p) => id.startsWith(p))) {
    return { state: 'not-applicable', reason: `${name} has no product activation`, source: SOURCE, details };
  }
  const activated = HAS_ACTIVATION[id];
  if (activated) {
    return {
      state: 'unknown',
      reason: `reading ${activated} activation is not supported by this agent version`,
      source: SOURCE,
      details,
    };
  }
  const subscribed = SUBSCRIPTION[id];
  if (subscribed) {
    return {
      state: 'unknown',
      reason: `${subscribed} is licensed by subscription; reading subscription status is not supported by this agent version`,
      source: SOURCE,
      details,
    };
  }
  return {
    state: 'unknown',
    reason: rawId
      ? `${name} (ID=${rawId}) is not in this agent's list of distributions, so its activation is not known`
      : 'os-release names no distribution ID, so activation is not known',
    source: SOURCE,
    details,
  };
}
