import type { Activation, CollectionError } from '@zhengban/shared';
import { settle } from '../parts.js';
import { readSource, type Io } from '../io.js';
import { LINUX_OS } from '../sources/linux-os.js';
import { askDbus, type DbusAnswer } from './dbus.collect.js';
import { kylinActivation, type KylinAnswers } from './kylin-activation.js';
import { kyinfoEdition, parseKyinfo, parseKylinBuild, parseKylinSystemVersion, type Kyinfo } from './kylin.parse.js';
import type { DistroFacts } from './os-identity.js';

/**
 * Kylin (desktop and Advanced Server): build and edition from its version files,
 * activation from its activation daemon on D-Bus. `status` is asked first; only
 * when the daemon answers are the other four methods asked, so a machine without
 * the daemon costs one call, not five.
 */
export async function collectKylin(io: Io, now: Date): Promise<{ facts: DistroFacts; activation: Activation; errors: CollectionError[] }> {
  const errors: CollectionError[] = [];
  const [kyinfo, systemVersion, build, kyactivation] = await Promise.all([
    settle('kyinfo', () => readSource(io, LINUX_OS.kyinfo)),
    settle('kylin-system-version', () => readSource(io, LINUX_OS.kylinSystemVersion)),
    settle('kylin-build', () => readSource(io, LINUX_OS.kylinBuild)),
    settle('kyactivation', () => readSource(io, LINUX_OS.kyactivation)),
  ]);
  for (const r of [kyinfo, systemVersion, build, kyactivation]) if (!r.ok) errors.push(r.error);
  const info: Kyinfo | undefined = kyinfo.ok && kyinfo.value !== null ? parseKyinfo(kyinfo.value) : undefined;

  const facts: DistroFacts = {};
  const sys = systemVersion.ok && systemVersion.value !== null ? parseKylinSystemVersion(systemVersion.value) : {};
  const buildId = build.ok && build.value !== null ? parseKylinBuild(build.value) : undefined;
  // The release the system is updated to, then the one it was installed from, then the build line.
  const release = sys.updateVersion ?? sys.osVersion ?? buildId;
  if (release) facts.build = release;
  const edition = kyinfoEdition(info?.name);
  if (edition) facts.edition = edition;

  const answers = await askActivation(io);
  for (const a of Object.values(answers) as (DbusAnswer | undefined)[]) {
    if (a?.kind === 'failed' && a.error) errors.push(a.error);
  }
  const files = { kyactivationPresent: kyactivation.ok && kyactivation.value !== null, ...(info ? { kyinfo: info } : {}) };
  return { facts, activation: kylinActivation(answers, files, now), errors };
}

async function askActivation(io: Io): Promise<KylinAnswers> {
  const status = await askDbus(io, LINUX_OS.kylinStatus);
  if (status.kind !== 'reply') return { status };
  const [trialStatus, date, trialDate, serial] = await Promise.all([
    askDbus(io, LINUX_OS.kylinTrialStatus),
    askDbus(io, LINUX_OS.kylinDate),
    askDbus(io, LINUX_OS.kylinTrialDate),
    askDbus(io, LINUX_OS.kylinSerial),
  ]);
  return { status, trialStatus, date, trialDate, serial };
}
