import { manifestFor, writeBundleFile, type BundleManifest, type Snapshot } from '@zhengban/shared';
import { NotEnrolledError } from '../config/errors.js';
import type { AgentConfig } from '../config/schema.js';
import type { BuildSnapshot } from '../commands/io.js';
import type { SpoolItem } from '../spool/spool.js';
import { spoolNextSnapshot, withSpool } from '../spool/spool-next.js';
import { readEnrollmentFile } from './enrollment-file.js';
import { OfflineFileError } from './errors.js';

export interface ExportOutcome {
  file: string;
  manifest: BundleManifest;
  /** The snapshot made for this bundle; null with `fresh: false`. */
  snapshot: Snapshot | null;
  /** Spool files that could not be read, moved to `rejected/`. */
  damaged: number;
}

/**
 * Writes the spooled snapshots (and, unless `fresh` is false, a new one) into a bundle
 * for removable media, with the signed enrollment request first when the agent was
 * enrolled offline. The spool is emptied only after the bundle is on the disk whole:
 * a failed write loses nothing.
 */
export async function runExport(d: {
  config: AgentConfig;
  out: string;
  fresh: boolean;
  buildSnapshot: BuildSnapshot;
  warn: (line: string) => void;
  now?: () => Date;
  platform?: NodeJS.Platform;
}): Promise<ExportOutcome> {
  const { config } = d;
  const now = d.now ?? (() => new Date());
  const agentId = config.agentId;
  if (!agentId) throw new NotEnrolledError(config.configFile);
  return withSpool({ config, warn: d.warn, now, platform: d.platform }, async ({ key, spool }) => {
    const snapshot = d.fresh ? (await spoolNextSnapshot({ config, agentId, key, spool, buildSnapshot: d.buildSnapshot, now })).snapshot : null;
    const lines: string[] = [];
    const enrollment = await readEnrollmentFile(config);
    if (enrollment) lines.push(JSON.stringify(enrollment));
    const exported: SpoolItem[] = [];
    let damaged = 0;
    for (const item of await spool.list()) {
      try {
        lines.push(JSON.stringify(await spool.read(item)));
        exported.push(item);
      } catch (err) {
        const keptAt = await spool.reject(item, { status: null, code: 'E_SPOOL_FILE', message: (err as Error).message });
        d.warn(`spooled snapshot seq ${item.seq} is damaged (${(err as Error).message}); moved to ${keptAt}`);
        damaged++;
      }
    }
    if (lines.length === 0) throw new OfflineFileError('nothing to export: the spool is empty (leave out --no-new to add a snapshot of this PC)');
    const manifest = manifestFor(lines, { createdAt: now().toISOString(), createdBy: `agent ${agentId}`, network: config.network ?? '' });
    try {
      await writeBundleFile(d.out, manifest, lines);
    } catch (err) {
      throw new OfflineFileError(`cannot write ${d.out}: ${(err as Error).message}; the spool is kept`, err);
    }
    for (const item of exported) await spool.remove(item);
    return { file: d.out, manifest, snapshot, damaged };
  });
}
