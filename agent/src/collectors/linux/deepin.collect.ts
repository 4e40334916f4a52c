import type { Activation, CollectionError } from '@zhengban/shared';
import { ExecFailedError, ExecNotFoundError } from '../../exec/run.js';
import { collectionError } from '../collection-error.js';
import { settle } from '../parts.js';
import { readSource, runSource, type Io } from '../io.js';
import { LINUX_OS } from '../sources/linux-os.js';
import { clip } from '../text.js';
import { askDbus, DBUS_TIMEOUT_MS } from './dbus.collect.js';
import { deepinCommunityActivation, needsActivator, uosActivation, type ActivatorAnswer } from './deepin-license.js';
import type { DistroFacts } from './os-identity.js';
import { parseDeepinVersion, parseOsVersion, uosEdition } from './os-version.parse.js';

/**
 * UOS and Deepin: edition and update line from /etc/os-version (and
 * /etc/deepin-version), the licence state from com.deepin.license on D-Bus, with
 * `uos-activator-cmd -q` as the fallback on UOS. Deepin's community edition is free;
 * its licence service is still asked so that what it says can be quoted.
 */
export async function collectDeepinFamily(
  io: Io,
  variant: 'uos' | 'deepin',
): Promise<{ facts: DistroFacts; activation: Activation; errors: CollectionError[] }> {
  const errors: CollectionError[] = [];
  const [osVersion, deepinVersion] = await Promise.all([
    settle('os-version', () => readSource(io, LINUX_OS.osVersion)),
    settle('deepin-version', () => readSource(io, LINUX_OS.deepinVersion)),
  ]);
  for (const r of [osVersion, deepinVersion]) if (!r.ok) errors.push(r.error);

  const facts: DistroFacts = {};
  const v = osVersion.ok && osVersion.value !== null ? parseOsVersion(osVersion.value) : {};
  const dv = deepinVersion.ok && deepinVersion.value !== null ? parseDeepinVersion(deepinVersion.value) : {};
  const version = v.majorVersion ?? dv.version;
  if (version) facts.version = version;
  // The update line (1060) is what UOS users and vendors quote; OsBuild pins the image.
  if (v.minorVersion) facts.build = v.osBuild ? `${v.minorVersion} (${v.osBuild})` : v.minorVersion;
  const edition = uosEdition(v) ?? dv.type;
  if (edition) facts.edition = edition;

  const dbus = await askDbus(io, LINUX_OS.deepinAuthState);
  if (dbus.kind === 'failed' && dbus.error) errors.push(dbus.error);
  if (variant === 'deepin') return { facts, activation: deepinCommunityActivation(dbus), errors };

  const activator = needsActivator(dbus) ? await askActivator(io, errors) : undefined;
  return { facts, activation: uosActivation(dbus, activator), errors };
}

async function askActivator(io: Io, errors: CollectionError[]): Promise<ActivatorAnswer> {
  try {
    const { stdout } = await runSource(io, LINUX_OS.uosActivatorQuery, { timeoutMs: DBUS_TIMEOUT_MS });
    return { kind: 'output', text: stdout };
  } catch (err) {
    if (err instanceof ExecNotFoundError) return { kind: 'absent' };
    errors.push(collectionError('uos-activator-cmd', err));
    const said = err instanceof ExecFailedError ? err.stderr.trim() : '';
    return { kind: 'failed', reason: clip(said || ((err as Error).message ?? String(err)), 200) };
  }
}
