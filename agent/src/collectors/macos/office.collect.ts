import type { CollectionError } from '@zhengban/shared';
import { ExecNotFoundError } from '../../exec/run.js';
import { collectionError } from '../collection-error.js';
import { runSource, type Io } from '../io.js';
import { MACOS } from '../sources/macos.js';
import type { CommandSource } from '../sources/types.js';
import { parseDeviceFind, parseM365Find, parseVolumeLicence } from './office-licence.parse.js';
import type { OfficeLicenceFacts } from './office.parse.js';

/**
 * Runs a licence probe; exit 1 is an answer (plutil: no such file; find: a folder
 * missing or a subfolder refused). A missing tool leaves the fact unread (undefined),
 * which the licence rule reports as unknown rather than as "no licence".
 */
async function probe<T>(
  io: Io,
  source: CommandSource,
  name: string,
  errors: CollectionError[],
  read: (stdout: string, stderr: string, exitCode: number) => T,
): Promise<T | undefined> {
  try {
    const r = await runSource(io, source, { timeoutMs: 60_000, okExitCodes: [1] });
    return read(r.stdout, r.stderr, r.exitCode);
  } catch (err) {
    if (!(err instanceof ExecNotFoundError)) errors.push(collectionError(name, err));
    return undefined;
  }
}

/** The three places Office for Mac keeps a licence, read concurrently. */
export async function collectOfficeLicences(io: Io): Promise<{ facts: OfficeLicenceFacts; errors: CollectionError[] }> {
  const errors: CollectionError[] = [];
  const [volume, m365, device] = await Promise.all([
    probe(io, MACOS.officeVolumeLicence, 'office:volume-licence', errors, parseVolumeLicence),
    probe(io, MACOS.office365Licences, 'office:microsoft-365', errors, (out, err) => parseM365Find(out, err)),
    probe(io, MACOS.officeDeviceLicences, 'office:device-licences', errors, (out) => parseDeviceFind(out)),
  ]);
  const facts: OfficeLicenceFacts = {};
  if (volume) facts.volume = volume;
  if (m365) facts.m365 = m365;
  if (device) facts.device = device;
  return { facts, errors };
}
