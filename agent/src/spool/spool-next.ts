import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sealEnvelope, type Snapshot } from '@zhengban/shared';
import type { AgentConfig } from '../config/schema.js';
import { loadKeyFile, type AgentKey } from '../keys/key-file.js';
import { acquireLock } from '../state/lock.js';
import { loadState, saveState, type AgentState } from '../state/state-file.js';
import type { BuildSnapshot } from '../commands/io.js';
import { Spool, type SpoolItem } from './spool.js';

export interface SpooledSnapshot {
  seq: number;
  snapshot: Snapshot;
  item: SpoolItem;
  /** state.json as saved with this seq, for the caller to record the outcome on. */
  state: AgentState;
}

/**
 * Takes the next seq, builds and signs a snapshot, and puts it in the spool: the one
 * step `report` (before it sends) and `export` (before it writes a bundle) share. The
 * caller holds the state folder's lock.
 */
export async function spoolNextSnapshot(d: {
  config: AgentConfig;
  agentId: string;
  key: AgentKey;
  spool: Spool;
  buildSnapshot: BuildSnapshot;
  now: () => Date;
}): Promise<SpooledSnapshot> {
  const state = await loadState(d.config.stateFile);
  // The spool is a floor for seq in case state.json was restored from an old backup.
  const seq = Math.max(state.lastSeq, await d.spool.highestSeq()) + 1;
  // Saved before signing: a seq once used is never used again, even after a crash.
  const latest: AgentState = { ...state, lastSeq: seq, lastAttemptAt: d.now().toISOString() };
  await saveState(d.config.stateFile, latest);
  try {
    const snapshot = await d.buildSnapshot({ agentId: d.agentId, seq, now: d.now() });
    const item = await d.spool.add(sealEnvelope(d.agentId, JSON.stringify(snapshot), d.key.privateKey), seq);
    return { seq, snapshot, item, state: latest };
  } catch (err) {
    await recordFailure(d.config.stateFile, latest, err);
    throw err;
  }
}

/** `code: message` in state.json, for `status` to show. */
export async function recordFailure(stateFile: string, state: AgentState, err: unknown): Promise<void> {
  const code = (err as { code?: unknown }).code;
  await saveState(stateFile, { ...state, lastError: `${typeof code === 'string' ? code : 'ERROR'}: ${(err as Error).message}` });
}

/**
 * The state folder held for one run of `report` or `export`: its lock taken (a daemon
 * and a hand-run command never interleave seqs), the key loaded, the spool opened and
 * crash leftovers cleaned.
 */
export async function withSpool<T>(
  d: { config: AgentConfig; warn: (line: string) => void; now: () => Date; platform?: NodeJS.Platform | undefined },
  fn: (held: { key: AgentKey; spool: Spool }) => Promise<T>,
): Promise<T> {
  const { config } = d;
  await mkdir(config.stateDir, { recursive: true, mode: 0o700 });
  const unlock = await acquireLock(join(config.stateDir, 'report.lock'));
  try {
    const key = await loadKeyFile(config.keyFile, d.platform);
    const spool = new Spool({ dir: config.spoolDir, rejectedDir: config.rejectedDir, maxItems: config.spool.maxItems, warn: d.warn, now: d.now });
    await spool.cleanTemp();
    return await fn({ key, spool });
  } finally {
    await unlock();
  }
}
