import type { CollectionError } from '@zhengban/shared';
import { ExecNotFoundError } from '../../exec/run.js';
import { runSource, type Io } from '../io.js';
import { settle } from '../parts.js';
import { MACOS } from '../sources/macos.js';
import type { CommandSource } from '../sources/types.js';
import { UnreadableOutputError, MacosSourceMissingError } from './errors.js';
import { macHardware, parseIoregPlatform, parseSysctl, type MacHardwareFacts, type PlatformExpert } from './hardware.parse.js';
import { parseSwVers, type SwVers } from './sw-vers.parse.js';

export interface MacIdentity {
  sw?: SwVers;
  hardware: MacHardwareFacts;
  errors: CollectionError[];
}

/** A command every Mac has; when it is missing (a recording without it) the part it answers is unknown. */
async function required(io: Io, source: CommandSource, timeoutMs: number): Promise<string> {
  try {
    return (await runSource(io, source, { timeoutMs })).stdout;
  } catch (err) {
    if (err instanceof ExecNotFoundError) throw new MacosSourceMissingError(`${source.command} ${source.args.join(' ')}`.trim());
    throw err;
  }
}

async function readSwVers(io: Io): Promise<SwVers> {
  const sw = parseSwVers(await required(io, MACOS.swVers, 10_000));
  if (!sw.productVersion) throw new UnreadableOutputError('sw_vers', 'no ProductVersion line');
  return sw;
}

async function readPlatform(io: Io): Promise<PlatformExpert> {
  return parseIoregPlatform(await required(io, MACOS.platformExpert, 15_000));
}

/** sysctl exits 1 when one of the names is unknown, yet prints the others. */
async function readSysctl(io: Io): Promise<Record<string, string>> {
  try {
    return parseSysctl((await runSource(io, MACOS.sysctl, { timeoutMs: 10_000, okExitCodes: [1] })).stdout);
  } catch (err) {
    if (err instanceof ExecNotFoundError) return {};
    throw err;
  }
}

/** Version, model and platform identity, read concurrently; each failure is listed and the rest still counts. */
export async function collectIdentity(io: Io): Promise<MacIdentity> {
  const [sw, platform, sysctl] = await Promise.all([
    settle('sw_vers', () => readSwVers(io)),
    settle('ioreg', () => readPlatform(io)),
    settle('sysctl', () => readSysctl(io)),
  ]);
  const errors: CollectionError[] = [];
  for (const r of [sw, platform, sysctl]) if (!r.ok) errors.push(r.error);
  const identity: MacIdentity = {
    hardware: macHardware(platform.ok ? platform.value : {}, sysctl.ok ? sysctl.value : {}),
    errors,
  };
  if (sw.ok) identity.sw = sw.value;
  return identity;
}
