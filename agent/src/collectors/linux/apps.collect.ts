import type { Antivirus, CollectionError, OfficeSuite, SoftwareItem } from '@zhengban/shared';
import { settle } from '../parts.js';
import { collectLinuxAntivirus } from './antivirus/antivirus.collect.js';
import type { LinuxContext } from './context.js';
import { recogniseOffice } from './products.js';
import { collectWps } from './wps.collect.js';

/**
 * Office suites and antivirus on Linux: suites recognised from the package list, WPS
 * Office with its edition and serial (wps.collect.ts), antivirus with its running and
 * definitions state (antivirus/). Neither part can fail the other.
 */
export async function collectLinuxApps(
  ctx: LinuxContext,
  software: readonly SoftwareItem[],
): Promise<{ office: OfficeSuite[]; antivirus: Antivirus[]; errors: CollectionError[] }> {
  const [wps, av] = await Promise.all([
    settle('linux:office:wps', () => collectWps(ctx.io, software)),
    settle('linux:antivirus', () => collectLinuxAntivirus(ctx, software)),
  ]);
  const errors: CollectionError[] = [];
  const office = recogniseOffice(software);
  if (wps.ok) {
    office.push(...wps.value.office);
    errors.push(...wps.value.errors);
  } else {
    errors.push(wps.error);
  }
  const antivirus: Antivirus[] = [];
  if (av.ok) {
    antivirus.push(...av.value.antivirus);
    errors.push(...av.value.errors);
  } else {
    errors.push(av.error);
  }
  return { office, antivirus, errors };
}
