import type { Activation } from '@zhengban/shared';
import { clip } from '../text.js';
import type { OsRelease } from './os-release.js';

/**
 * Which licensing a Linux distribution has, from its os-release ID, and what can be
 * said from os-release alone. Data, so a distribution is added by adding a line.
 * Matching is on the lower-cased ID (openEuler writes `ID="openEuler"`, Deepin 20
 * `ID=Deepin`), never on ID_LIKE: Kylin and UOS are "like debian" and still have
 * activation.
 */

/** Community distributions with no product activation at all (Ubuntu Kylin is `ID=ubuntu`). */
const NO_ACTIVATION = new Set([
  'almalinux', 'alpine', 'anolis', 'arch', 'centos', 'debian', 'elementary', 'endeavouros', 'fedora',
  'gentoo', 'kali', 'linuxmint', 'manjaro', 'nixos', 'ol', 'opencloudos', 'openeuler',
  'openkylin', 'opensuse', 'pop', 'raspbian', 'rocky', 'ubuntu', 'void', 'zorin',
]);
/** opensuse-leap, opensuse-tumbleweed, opensuse-slowroll … */
const NO_ACTIVATION_PREFIXES = ['opensuse-'];

/** Commercial distributions licensed by subscription rather than activation. */
const SUBSCRIPTION: Readonly<Record<string, string>> = {
  rhel: 'Red Hat Enterprise Linux',
  sles: 'SUSE Linux Enterprise Server',
  sled: 'SUSE Linux Enterprise Desktop',
};

export type ActivationScheme =
  /** Free: no activation to read. */
  | 'none'
  /** Kylin desktop and Advanced Server: org.freedesktop.activation on D-Bus. */
  | 'kylin'
  /** UOS: com.deepin.license on D-Bus, or uos-activator-cmd. */
  | 'uos'
  /** Deepin community edition: free, though it may run the same licence service. */
  | 'deepin'
  | 'neokylin'
  | 'subscription'
  | 'unlisted';

export function activationScheme(rel: OsRelease): ActivationScheme {
  const id = (rel.ID ?? '').trim().toLowerCase();
  if (id === 'kylin') return 'kylin';
  if (id === 'uos') return 'uos';
  if (id === 'deepin') return 'deepin';
  if (id === 'neokylin') return 'neokylin';
  if (SUBSCRIPTION[id]) return 'subscription';
  if (NO_ACTIVATION.has(id) || NO_ACTIVATION_PREFIXES.some((p) => id.startsWith(p))) return 'none';
  return 'unlisted';
}

const SOURCE = 'os-release';

/**
 * What os-release alone says. For Kylin and UOS this is only a placeholder: the OS
 * collector replaces it with what their licence services answer.
 */
export function linuxActivation(rel: OsRelease): Activation {
  const rawId = (rel.ID ?? '').trim();
  const id = rawId.toLowerCase();
  const name = clip((rel.NAME ?? '').trim() || rawId || 'This distribution', 200);
  const details = { ID: clip(rawId, 100) || null };
  const unknown = (reason: string): Activation => ({ state: 'unknown', reason: clip(reason, 500), source: SOURCE, details });

  switch (activationScheme(rel)) {
    case 'none':
      return { state: 'not-applicable', reason: `${name} has no product activation`, source: SOURCE, details };
    case 'deepin':
      return { state: 'not-applicable', reason: 'Deepin community edition is free software with no product activation', source: SOURCE, details };
    case 'kylin':
      return unknown('Kylin activation is read from its activation service on the system D-Bus, which was not asked');
    case 'uos':
      return unknown('UOS activation is read from its licence service on the system D-Bus, which was not asked');
    case 'neokylin':
      return unknown(
        'NeoKylin (中标麒麟) has no documented activation interface this agent can read, so its licence is not known',
      );
    case 'subscription':
      return unknown(
        `${SUBSCRIPTION[id]} is licensed by subscription; reading subscription status is not supported by this agent version`,
      );
    case 'unlisted':
      return unknown(
        rawId
          ? `${name} (ID=${rawId}) is not in this agent's list of distributions, so its activation is not known`
          : 'os-release names no distribution ID, so activation is not known',
      );
  }
}
