import type { CollectionError } from '@zhengban/shared';
import type { HostFacts } from '../host.js';
import { settle, type PlatformParts } from '../parts.js';
import { machineFromSi, osFromSi, type SiAnswers } from './systeminformation.parse.js';

/**
 * Platforms without their own inventory yet (Windows and macOS come in later
 * versions): what systeminformation tells, plus an error saying the software
 * inventory is missing. Imported lazily so a Linux scan never pays for loading it.
 */
export async function collectViaSysteminformation(platform: string, host: HostFacts): Promise<PlatformParts> {
  const errors: CollectionError[] = [];
  const si: SiAnswers = {};
  const loaded = await settle('systeminformation', async () => (await import('systeminformation')).default);
  if (loaded.ok) {
    const lib = loaded.value;
    const [osInfo, system, chassis, uuid] = await Promise.all([
      settle('systeminformation:osInfo', () => lib.osInfo()),
      settle('systeminformation:system', () => lib.system()),
      settle('systeminformation:chassis', () => lib.chassis()),
      settle('systeminformation:uuid', () => lib.uuid()),
    ]);
    for (const [key, r] of [['osInfo', osInfo], ['system', system], ['chassis', chassis], ['uuid', uuid]] as const) {
      if (r.ok) Object.assign(si, { [key]: r.value });
      else errors.push(r.error);
    }
  } else {
    errors.push(loaded.error);
  }
  errors.push({
    source: 'inventory',
    code: 'E_PLATFORM_UNSUPPORTED',
    message: `installed software, office and antivirus inventory on ${platform} is not supported by this agent version`,
  });
  return {
    machine: machineFromSi(si, host),
    os: osFromSi(platform, si, host),
    office: [],
    antivirus: [],
    software: [],
    collectionErrors: errors,
  };
}
