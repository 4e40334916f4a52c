import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type Snapshot } from '@zhengban/shared';
import { hostFacts, type HostFacts } from '../collectors/host.js';
import { realIo, type Io } from '../collectors/io.js';
import { collectLinux } from '../collectors/linux/index.js';
import type { PlatformParts } from '../collectors/parts.js';
import type { CollectWindowsInventoryOptions } from '../collectors/windows/inventory.collect.js';
import { AGENT_VERSION } from '../version.js';

export interface BuildOptions {
  agentId: string | null;
  seq: number;
  now?: Date;
  /** Tests replay recorded outputs through their own Io; a real scan uses the machine. */
  io?: Io;
  /** Tests pretend to be another platform; defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** Tests pin the host facts (hostname, CPU …) so results compare across machines. */
  host?: HostFacts;
  /**
   * `scan --from DIR`: build the snapshot from a folder recorded on another machine
   * (see snapshot/recorded.ts) instead of this one. The recording's own platform and
   * time are used; nothing is read from this machine.
   */
  from?: string;
  /** Live Windows: where PowerShell lives and how long the inventory script may take. */
  windows?: CollectWindowsInventoryOptions;
}

/** The schema's bound on software[]; a list beyond it is cut and the cut is reported. */
const MAX_SOFTWARE = 20_000;

/**
 * One scan: runs the platform's collectors concurrently and assembles the snapshot.
 * It never rejects for a failing source: each failure is listed in collectionErrors
 * and the rest still arrives (a partial snapshot, never none). The result is not
 * validated here, to keep a scan cheap; the parts are clipped to the schema's limits
 * where they are read, and tests validate whole snapshots. With `from`, a folder that
 * cannot be read or holds no recognisable recording rejects (RecordedInputError).
 */
export async function buildSnapshot(opts: BuildOptions): Promise<Snapshot> {
  let collectedAt = (opts.now ?? new Date()).toISOString();
  let platform = opts.platform ?? process.platform;
  let parts: PlatformParts;
  if (opts.from !== undefined) {
    const { readRecorded } = await import('./recorded.js');
    const recorded = await readRecorded(opts.from, opts.now);
    ({ platform, parts } = recorded);
    if (recorded.collectedAt) collectedAt = recorded.collectedAt;
  } else {
    parts = await collectLive(platform, opts);
  }

  const errors = [...parts.collectionErrors];
  let software = parts.software;
  if (software.length > MAX_SOFTWARE) {
    errors.push({
      source: 'software',
      code: 'E_TOO_MANY',
      message: `${software.length} software entries found; only the first ${MAX_SOFTWARE} are sent`,
    });
    software = software.slice(0, MAX_SOFTWARE);
  }

  const snapshot: Snapshot = {
    schemaVersion: SCHEMA_VERSION,
    snapshotId: randomUUID(),
    agentId: opts.agentId,
    seq: opts.seq,
    collectedAt,
    agent: { version: AGENT_VERSION, platform, arch: process.arch, nodeVersion: process.version },
    machine: parts.machine,
    os: parts.os,
    office: parts.office,
    antivirus: parts.antivirus,
    software,
    indicators: (parts.indicators ?? []).slice(0, 500),
    collectionErrors: errors.slice(0, 500),
  };
  // Only a platform that looked sends observations; none is not the same as an empty list.
  if (parts.observations) snapshot.observations = parts.observations;
  return snapshot;
}

/** Each platform's collectors, imported only on that platform so a scan loads what it runs. */
async function collectLive(platform: NodeJS.Platform, opts: BuildOptions): Promise<PlatformParts> {
  const host = opts.host ?? hostFacts();
  const now = opts.now ?? new Date();
  if (platform === 'linux') return collectLinux(opts.io ?? realIo, host, now);
  if (platform === 'darwin') {
    const { collectMacos } = await import('../collectors/macos/collect.js');
    return collectMacos(opts.io ?? realIo, host, now);
  }
  if (platform === 'win32') {
    const { collectWindows } = await import('../collectors/windows/collect.js');
    return collectWindows(host, opts.now, opts.windows);
  }
  const { collectViaSysteminformation } = await import('../collectors/other/systeminformation.collect.js');
  return collectViaSysteminformation(platform, host);
}
