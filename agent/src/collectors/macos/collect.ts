import type { Antivirus, CollectionError, OfficeSuite, SoftwareItem } from '@zhengban/shared';
import type { HostFacts } from '../host.js';
import type { Io } from '../io.js';
import { baseMachine, settle, type PlatformParts } from '../parts.js';
import { antivirusFromApps } from './antivirus.parse.js';
import { collectMdatp, collectXProtect } from './antivirus.collect.js';
import { collectApplications } from './applications.collect.js';
import { appKey, type MacApp } from './applications.parse.js';
import { collectIdentity } from './identity.collect.js';
import { collectOfficeLicences } from './office.collect.js';
import { officeSuitesFromApps, type OfficeLicenceFacts } from './office.parse.js';
import { isParallelsWindowsApp, softwareFromApps } from './software.parse.js';
import { osFromSwVers } from './sw-vers.parse.js';

/**
 * Office suites and antivirus are recognised from this list, so its failure is
 * named after both: the verdict then says "could not inspect" instead of "none".
 */
export const APPLICATIONS_SOURCE = 'system_profiler applications (office, antivirus)';

/** Office licences are looked for only when Word, Excel or PowerPoint is installed (the find walks every home). */
const needsOfficeLicence = (apps: readonly MacApp[]) =>
  apps.some((a) => /^Microsoft (Word|Excel|PowerPoint)$/.test(appKey(a)));

/**
 * A macOS scan through the sources in sources/macos.ts (license-detection.md §8):
 * identity, applications and antivirus at once, then the Office licence when Office
 * is there. Every failing source becomes a collection error; the rest still arrives.
 * `now` is the scan's clock (Defender's product expiration is compared with it).
 */
export async function collectMacos(io: Io, host: HostFacts, now: Date): Promise<PlatformParts> {
  const [identity, listed, xprotect, mdatp] = await Promise.all([
    collectIdentity(io),
    settle(APPLICATIONS_SOURCE, () => collectApplications(io)),
    settle('antivirus:xprotect', () => collectXProtect(io)),
    settle('antivirus:mdatp', () => collectMdatp(io, now)),
  ]);
  const errors: CollectionError[] = [...identity.errors];

  const machine = { ...baseMachine(host), ...identity.hardware };
  const os = osFromSwVers(identity.sw ?? {}, host, identity.hardware.manufacturer);

  let apps: MacApp[] = [];
  let software: SoftwareItem[] = [];
  if (listed.ok) {
    apps = listed.value.apps.filter((a) => !isParallelsWindowsApp(a));
    software = softwareFromApps(listed.value.apps);
    if (listed.value.skipped) {
      errors.push({ source: 'system_profiler', code: 'E_PARTIAL', message: `${listed.value.skipped} application entries without a name were left out` });
    }
  } else {
    errors.push(listed.error);
  }

  let licence: OfficeLicenceFacts = {};
  if (needsOfficeLicence(apps)) {
    const read = await collectOfficeLicences(io);
    licence = read.facts;
    errors.push(...read.errors);
  }
  const office: OfficeSuite[] = officeSuitesFromApps(apps, licence);

  const antivirus: Antivirus[] = [];
  for (const found of [xprotect, mdatp]) {
    if (found.ok && found.value) antivirus.push(found.value);
    if (!found.ok) errors.push(found.error);
  }
  // Defender's app is listed only when its own health report is not there.
  const haveMdatp = mdatp.ok && mdatp.value !== undefined;
  antivirus.push(...antivirusFromApps(apps, (rule) => haveMdatp && rule.owner === 'microsoft'));

  return { machine, os, office, antivirus, software, collectionErrors: errors };
}
