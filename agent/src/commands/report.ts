import { ZhengbanError, type SignedEnvelope, type Snapshot } from '@zhengban/shared';
import { NotEnrolledError } from '../config/errors.js';
import type { AgentConfig } from '../config/schema.js';
import { isOfflineEnrolled } from '../offline/enrollment-file.js';
import { Spool, type SpoolItem } from '../spool/spool.js';
import { recordFailure, spoolNextSnapshot, withSpool } from '../spool/spool-next.js';
import { saveState } from '../state/state-file.js';
import { CollectorClient, readCaFile, type Ingested } from '../transport/collector-client.js';
import { ProtocolError, RejectedError, UnreachableError, UntrustedCertificateError } from '../transport/errors.js';
import type { BuildSnapshot } from './io.js';

/** Not delivered after the snapshot was spooled: it goes out with the next run. Keeps the cause's code. */
export class SpooledError extends ZhengbanError {
  constructor(cause: UnreachableError | UntrustedCertificateError, waiting: number) {
    super(cause.code, `${cause.message}; snapshot spooled (${waiting} waiting)`, { cause });
  }
}

/** The collector refused this run's snapshot (4xx); it is kept in `rejected/`. */
export class SnapshotRejectedError extends ZhengbanError {
  constructor(cause: RejectedError, keptAt: string) {
    super('E_REJECTED', `${cause.message}; kept in ${keptAt}`, { cause });
  }
}

export interface ReportDeps {
  config: AgentConfig;
  buildSnapshot: BuildSnapshot;
  /** One line for stderr: dropped, rejected or superseded spool items. */
  warn: (line: string) => void;
  userAgent: string;
  now?: () => Date;
  platform?: NodeJS.Platform;
}

export interface ReportOutcome {
  seq: number;
  /** null for an agent enrolled offline: its snapshots leave in bundles (`export`). */
  serverUrl: string | null;
  snapshot: Snapshot;
  /** null when the collector took it (2xx) but its answer could not be read, or offline. */
  answer: Ingested | null;
  /** Older spooled snapshots delivered before this one. */
  delivered: number;
  /** Older spooled snapshots the collector refused, now in `rejected/`. */
  rejected: number;
  /** Offline: snapshots now waiting in the spool for the next export. */
  waiting?: number;
}

/**
 * Builds, signs and spools a snapshot, then drains the spool oldest first. Spooling
 * before sending means a crash or power cut mid-send loses nothing, and the new
 * snapshot and older leftovers follow one path. An agent enrolled offline stops after
 * the spool: `export` carries the spool out.
 */
export async function runReport(d: ReportDeps): Promise<ReportOutcome> {
  const { config } = d;
  const now = d.now ?? (() => new Date());
  const agentId = config.agentId;
  if (!agentId || (!config.serverUrl && !(await isOfflineEnrolled(config)))) throw new NotEnrolledError(config.configFile);
  const serverUrl = config.serverUrl;
  return withSpool({ config, warn: d.warn, now, platform: d.platform }, async ({ key, spool }) => {
    if (!serverUrl) {
      const next = await spoolNextSnapshot({ config, agentId, key, spool, buildSnapshot: d.buildSnapshot, now });
      await saveState(config.stateFile, { ...next.state, lastError: null });
      return { seq: next.seq, serverUrl: null, snapshot: next.snapshot, answer: null, delivered: 0, rejected: 0, waiting: await spool.depth() };
    }
    const ca = config.caFile ? await readCaFile(config.caFile) : undefined;
    const client = new CollectorClient({
      serverUrl, ca, userAgent: d.userAgent,
      connectTimeoutMs: config.timeouts.connectMs, timeoutMs: config.timeouts.requestMs,
    });
    const next = await spoolNextSnapshot({ config, agentId, key, spool, buildSnapshot: d.buildSnapshot, now });
    try {
      const drained = await drain(spool, client, next.item, d.warn);
      const status = drained.answer?.verdict.status ?? null;
      await saveState(config.stateFile, { ...next.state, lastSuccessAt: now().toISOString(), lastError: null, lastStatus: status });
      return { seq: next.seq, serverUrl: client.serverUrl, snapshot: next.snapshot, ...drained };
    } catch (err) {
      await recordFailure(config.stateFile, next.state, err);
      throw err;
    }
  });
}

type Drained = Pick<ReportOutcome, 'answer' | 'delivered' | 'rejected'>;

async function drain(spool: Spool, client: CollectorClient, newest: SpoolItem, warn: (l: string) => void): Promise<Drained> {
  const out: Drained = { answer: null, delivered: 0, rejected: 0 };
  for (const item of await spool.list()) {
    const isNew = item.name === newest.name;
    const label = isNew ? `snapshot seq ${item.seq}` : `spooled snapshot seq ${item.seq}`;
    let envelope: SignedEnvelope;
    try {
      envelope = await spool.read(item);
    } catch (err) {
      // A damaged file (disk trouble, hand edits) can never be sent; keep it for a look.
      const keptAt = await spool.reject(item, { status: null, code: 'E_SPOOL_FILE', message: (err as Error).message });
      warn(`${label} is damaged (${(err as Error).message}); moved to ${keptAt}`);
      out.rejected++;
      continue;
    }
    try {
      const answer = await client.sendSnapshot(envelope);
      await spool.remove(item);
      if (isNew) out.answer = answer;
      else out.delivered++;
    } catch (err) {
      if (err instanceof UnreachableError || err instanceof UntrustedCertificateError) throw new SpooledError(err, await spool.depth());
      if (err instanceof ProtocolError) {
        await spool.remove(item);
        warn(`${label} accepted, but ${err.message}`);
        if (!isNew) out.delivered++;
        continue;
      }
      if (!(err instanceof RejectedError)) throw err;
      // An older item answered 409 was stored before (its answer lost) or superseded.
      if (err.httpStatus === 409 && !isNew) {
        await spool.remove(item);
        warn(`${label} already delivered (${err.collectorCode}: ${err.collectorMessage}); removed from the spool`);
        out.delivered++;
        continue;
      }
      const keptAt = await spool.reject(item, { status: err.httpStatus, code: err.collectorCode, message: err.collectorMessage });
      if (isNew) throw new SnapshotRejectedError(err, keptAt);
      warn(`${label} refused (${err.httpStatus} ${err.collectorCode}: ${err.collectorMessage}); moved to ${keptAt}`);
      out.rejected++;
    }
  }
  return out;
}
