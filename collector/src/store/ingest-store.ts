import { randomInt } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import { diffSoftware, installedByName, softwareDiff, type ListedSoftware } from '../engine/software-diff.js';
import type { InstalledBetween } from '../classify/context.js';
import type { AgentRepo, StoredAgent } from './agent-repo.js';
import type { EngineRepo } from './engine-repo.js';
import { keyedLock } from './keyed-lock.js';
import { responseJson, type SnapshotRepo } from './snapshot-repo.js';
import { encodeChanges, type SoftwareChangeRepo } from './software-change-repo.js';
import type { SoftwareRepo } from './software-repo.js';
import type { StagedGen, StagingRepo } from './staging-repo.js';
import type { IngestOutcome, IngestRecord, IngestStore, SnapshotRecord, TouchRecord } from './types.js';

/**
 * Rows a list may write (its programs and its changes) and still be written in the
 * ingest transaction itself. Above it the rows go in slices beforehand: 20,000 programs
 * and 40,000 changes written at once held the event loop for about a second.
 */
export const WRITE_AT_ONCE = 4_000;
/** Rows per slice: a short transaction, then the event loop's turn. */
const SLICE = 4_000;

export interface IngestRepos {
  snapshots: SnapshotRepo;
  agents: AgentRepo;
  software: SoftwareRepo;
  changes: SoftwareChangeRepo;
  staging: StagingRepo;
  engine: EngineRepo;
}

/** A fresh generation for a machine's software rows; random, so two writers never pick the same. */
const newGen = () => randomInt(1, 2 ** 47);

/** When the programs of this snapshot were installed, if they are new: between the previous snapshot and this one. */
const installedAt = (r: IngestRecord, agent: StoredAgent) =>
  agent.lastSnapshotId === null ? null : { snapshotId: r.snapshotId, previousSnapshotId: agent.lastSnapshotId, at: r.collectedAt };

function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
}

/**
 * Ingest's writes: the snapshot, the machine, its software list and changes, and the
 * verdict `record.decide` makes, committed together. A list that changed and is long is
 * staged first (migration 7): its rows and changes go in short transactions under a new
 * generation no reader sees, and the ingest transaction only makes it the machine's list.
 * Snapshots of one agent are committed one at a time.
 */
export function createIngestStore(db: Database, repos: IngestRepos, onBackgroundError: (err: unknown) => void): IngestStore & { settled(): Promise<void> } {
  const { snapshots, agents, software, changes, staging, engine } = repos;
  const oneAgentAtATime = keyedLock();
  /** Sweeps still running (each leaves the set when done); what fails is left in `software_staging` and swept again next time. */
  const background = new Set<Promise<void>>();
  const inBackground = (work: Promise<void>) => {
    const p = work.catch(onBackgroundError).finally(() => background.delete(p));
    background.add(p);
  };

  /** Duplicate, conflict or replay: what refuses a snapshot before anything is written. */
  const refusal = (r: SnapshotRecord, agent: StoredAgent): IngestOutcome | undefined => {
    const existing = snapshots.find(r.snapshotId);
    if (existing) return existing.agentId === r.agentId ? { kind: 'duplicate', response: existing.response } : { kind: 'snapshot-conflict' };
    if (agent.lastSeq !== null && r.seq <= agent.lastSeq) return { kind: 'seq-replay', lastSeq: agent.lastSeq };
    return undefined;
  };

  const findAgent = (id: string): StoredAgent => {
    const agent = agents.find(id);
    if (!agent) throw new Error(`agent ${id} vanished during ingest`);
    return agent;
  };

  /** The rest of the transaction, once the list is in place: snapshot row, machine, verdict. */
  function store(r: IngestRecord, agent: StoredAgent, softwareGen: number, installed: ReadonlyMap<string, InstalledBetween> | null): IngestOutcome {
    snapshots.insert({ ...r, responseJson: '{}' });
    const advanced = agents.advance({
      agentId: r.agentId,
      seq: r.seq,
      lastSeen: r.receivedAt,
      lastIp: r.clientIp,
      snapshotId: r.snapshotId,
      collectedAt: r.collectedAt,
      hostname: r.facts.machine.hostname,
      chassis: r.facts.machine.chassis,
      osName: r.facts.os.name,
      factsJson: JSON.stringify(r.facts),
      softwareHash: r.softwareHash,
      stateHash: r.stateHash,
      softwareCount: r.software.length,
      softwareGen,
    });
    if (!advanced) throw new Error(`agent ${r.agentId} seq moved during ingest`);
    const verdict = r.decide(engine, { unitId: agent.unitId, installed: installed ?? software.installedSince(r.agentId) });
    snapshots.setResponse(r.snapshotId, { snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false }, engine.verdictIdOf(r.agentId));
    return { kind: 'stored', softwareRewritten: installed !== null, verdict };
  }

  /** A snapshot that repeats the judged state: its row and the machine heard from, nothing judged, nothing else written. */
  const touchAtOnce = db.transaction((r: TouchRecord): IngestOutcome | { kind: 'judge' } => {
    const agent = findAgent(r.agentId);
    const refused = refusal(r, agent);
    if (refused) return refused;
    if (agent.stateHash !== r.stateHash) return { kind: 'judge' };
    const standing = r.standing(engine);
    if (!standing) return { kind: 'judge' };
    snapshots.insert({ ...r, responseJson: responseJson({ snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false }, standing.id) });
    if (!agents.touch({ agentId: r.agentId, seq: r.seq, lastSeen: r.receivedAt, lastIp: r.clientIp, snapshotId: r.snapshotId, collectedAt: r.collectedAt })) {
      throw new Error(`agent ${r.agentId} seq moved during ingest`);
    }
    return { kind: 'stored', softwareRewritten: false, verdict: standing.verdict };
  });

  /**
   * Group commit: the touches that arrive while the event loop turns once are written in
   * one transaction, each in a savepoint of its own (a nested better-sqlite3
   * transaction), so one that fails takes nothing else with it. Every answer still waits
   * for the commit; the commit's wait for the disk is shared (0.25 ms a transaction
   * here, 0.05 ms a snapshot in tens).
   */
  const pendingTouches: { r: TouchRecord; resolve: (o: IngestOutcome | { kind: 'judge' }) => void; reject: (e: unknown) => void }[] = [];
  type Touched = { ok: IngestOutcome | { kind: 'judge' } } | { err: unknown };
  const touchAll = db.transaction((batch: readonly TouchRecord[]): Touched[] =>
    batch.map((r): Touched => {
      try {
        return { ok: touchAtOnce(r) };
      } catch (err) {
        return { err };
      }
    }),
  );
  function flushTouches(): void {
    const batch = pendingTouches.splice(0);
    let results: Touched[];
    try {
      results = touchAll(batch.map((p) => p.r));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const x = results[i]!;
      if ('ok' in x) p.resolve(x.ok);
      else p.reject(x.err);
    });
  }
  const queueTouch = (r: TouchRecord) =>
    new Promise<IngestOutcome | { kind: 'judge' }>((resolve, reject) => {
      if (pendingTouches.push({ r, resolve, reject }) === 1) setImmediate(flushTouches);
    });

  /** Everything in one transaction: a list that did not change, or a short one. */
  const commitAtOnce = db.transaction((r: IngestRecord): IngestOutcome => {
    const agent = findAgent(r.agentId);
    const refused = refusal(r, agent);
    if (refused) return refused;
    if (agent.softwareHash === r.softwareHash) return store(r, agent, agent.softwareGen, null);
    const between = installedAt(r, agent);
    const diff = diffSoftware(software.listed(r.agentId), r.software, between);
    if (between) changes.insert(r.agentId, between, encodeChanges(diff.changes));
    const gen = newGen();
    software.insert(r.agentId, gen, diff.list);
    software.deleteGen(r.agentId, agent.softwareGen, Number.MAX_SAFE_INTEGER);
    return store(r, agent, gen, installedByName(diff.list));
  });

  /** The final step of a staged list: made current only if nothing moved since it was staged. */
  const commitStaged = db.transaction((r: IngestRecord, seen: StoredAgent, gen: number, installed: ReadonlyMap<string, InstalledBetween>): IngestOutcome | 'moved' => {
    const agent = findAgent(r.agentId);
    const refused = refusal(r, agent);
    if (refused) return refused;
    if (agent.softwareGen !== seen.softwareGen || agent.lastSnapshotId !== seen.lastSnapshotId) return 'moved';
    staging.remove(r.agentId, gen);
    staging.add({ agentId: r.agentId, gen: agent.softwareGen, snapshotId: null });
    return store(r, agent, gen, installed);
  });

  /**
   * A transaction for staged rows, committed without waiting for the disk: nobody reads
   * them before the ingest transaction that makes them current, and that one is committed
   * with synchronous=FULL, which makes everything written before it durable too. The
   * setting is put back before any other request's code can run.
   */
  function staged<A extends unknown[], R>(write: (...args: A) => R): (...args: A) => R {
    const tx = db.transaction(write);
    return (...args: A) => {
      db.pragma('synchronous = NORMAL');
      try {
        return tx(...args);
      } finally {
        db.pragma('synchronous = FULL');
      }
    };
  }

  /** Deletes, a slice at a time, what an agent's staging names: old lists, and lists and changes of snapshots never stored. */
  async function sweep(agentId: string): Promise<void> {
    const deleteRows = staged((gen: number) => software.deleteGen(agentId, gen, SLICE));
    for (const s of staging.list(agentId)) {
      const left = leftovers(repos, s);
      if (left.rows) while (deleteRows(s.gen) === SLICE) await yieldToEventLoop();
      if (left.changesOf) changes.deleteOf(agentId, left.changesOf);
      staging.remove(agentId, s.gen);
    }
  }

  async function commitLong(r: IngestRecord, seen: StoredAgent): Promise<IngestOutcome> {
    const refused = refusal(r, seen);
    if (refused) return refused;
    const before: ListedSoftware[] = [];
    for (let from: number | null = 0; from !== null; ) {
      const { page, next } = software.listedPage(r.agentId, seen.softwareGen, from, SLICE);
      before.push(...page);
      from = next;
      await yieldToEventLoop();
    }
    const between = installedAt(r, seen);
    const comparison = softwareDiff(before, between);
    for (const part of slices(r.software)) {
      comparison.add(part);
      await yieldToEventLoop();
    }
    const diff = comparison.finish();
    const gen = newGen();
    staging.add({ agentId: r.agentId, gen, snapshotId: r.snapshotId });
    try {
      const writeList = staged((part: ListedSoftware[]) => software.insert(r.agentId, gen, part));
      for (const part of slices(diff.list)) {
        writeList(part);
        await yieldToEventLoop();
      }
      if (between) {
        const changed = encodeChanges(diff.changes);
        await yieldToEventLoop();
        staged(() => changes.insert(r.agentId, between, changed))();
      }
      const installed = installedByName(diff.list);
      await yieldToEventLoop();
      const outcome = commitStaged(r, seen, gen, installed);
      // Another writer (a second process) moved this machine's list meanwhile: do it all again, inside one transaction.
      return outcome === 'moved' ? commitAtOnce(r) : outcome;
    } finally {
      // After the answer, and before this agent's next snapshot is taken in: the old list, or the rows of a refused one.
      inBackground(oneAgentAtATime(r.agentId, () => sweep(r.agentId)));
    }
  }

  return {
    findResponse: async (agentId, snapshotId) => {
      const s = snapshots.find(snapshotId);
      return s && s.agentId === agentId ? s.response : undefined;
    },
    touch: (r) => oneAgentAtATime(r.agentId, () => queueTouch(r)),
    pruneSlice: async (after, before, span, at) => db.transaction(() => snapshots.pruneSlice(after, before, span, at))(),
    commit: (r) =>
      oneAgentAtATime(r.agentId, async () => {
        const seen = findAgent(r.agentId);
        // Rows a rewrite writes: the old list deleted and the new one inserted, with a change for most of them.
        const long = seen.softwareHash !== r.softwareHash && 2 * (seen.softwareCount + r.software.length) > WRITE_AT_ONCE;
        return long ? commitLong(r, seen) : commitAtOnce(r);
      }),
    /** Resolves when the sweeps started so far are done (closing the store waits for them). */
    async settled() {
      while (background.size > 0) await Promise.all(background);
    },
  };
}

/**
 * What a staged generation leaves to delete: its rows unless it became the machine's
 * list, and the changes written for its snapshot if that snapshot was never stored.
 */
function leftovers(repos: Pick<IngestRepos, 'agents' | 'snapshots'>, s: StagedGen): { rows: boolean; changesOf: string | null } {
  return {
    rows: s.gen !== repos.agents.find(s.agentId)?.softwareGen,
    changesOf: s.snapshotId !== null && !repos.snapshots.find(s.snapshotId) ? s.snapshotId : null,
  };
}

/** After a crash: every list that was being written, or was left to delete, goes. Run at open, before any ingest. */
export function sweepStaging(db: Database, repos: Pick<IngestRepos, 'staging' | 'software' | 'changes' | 'snapshots' | 'agents'>): void {
  db.transaction(() => {
    for (const s of repos.staging.list()) {
      const left = leftovers(repos, s);
      if (left.rows) repos.software.deleteGen(s.agentId, s.gen, Number.MAX_SAFE_INTEGER);
      if (left.changesOf) repos.changes.deleteOf(s.agentId, left.changesOf);
      repos.staging.remove(s.agentId, s.gen);
    }
  })();
}
