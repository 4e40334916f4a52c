import { randomInt } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { InstalledBetween } from '../classify/context.js';
import { diffSoftware, installedByName, softwareDiff, type ListedSoftware } from '../engine/software-diff.js';
import type { StoredAgent } from '../store/agent-repo.js';
import { responseJson } from '../store/snapshot-repo.js';
import { encodeChanges } from '../store/software-change-repo.js';
import type { StagedGen } from '../store/staging-repo.js';
import type { StoreTx } from '../store/tx-types.js';
import type { Store } from '../store/store.js';
import type { IngestOutcome, IngestRecord, SnapshotRecord, TouchRecord } from './ingest-records.js';
import { keyedLock } from './keyed-lock.js';

/**
 * Rows a list may write (its programs and its changes) and still be written in the
 * ingest transaction itself. Above it the rows go in slices beforehand: 20,000 programs
 * and 40,000 changes written at once held the event loop for about a second.
 */
export const WRITE_AT_ONCE = 4_000;
/** Rows per slice: a short transaction, then the event loop's turn. */
const SLICE = 4_000;
/**
 * A list staged this long ago and not made current is left over from a crash. Younger,
 * it may be another process's ingest in progress (a second collector, an import beside
 * `serve`), which is never swept under it: staging a list takes seconds, not minutes.
 */
export const LEFT_OVER_AFTER_MS = 15 * 60_000;

export interface IngestWriter {
  /**
   * Stores a snapshot that changed nothing: the snapshot row and the machine heard from,
   * answered with the standing verdict; `judge` when the state or the rules moved
   * meanwhile (then `commit` it).
   */
  touch(record: TouchRecord): Promise<IngestOutcome | { kind: 'judge' }>;
  /** Stores snapshot, machine state, software and verdict in one transaction, re-checking duplicate and seq inside it. */
  commit(record: IngestRecord): Promise<IngestOutcome>;
}

const writers = new WeakMap<Store, IngestWriter>();

/** The store's one writer: every path that ingests (HTTP, a bundle's import) shares its per-agent order. */
export function ingestWriter(store: Store): IngestWriter {
  let writer = writers.get(store);
  if (!writer) {
    writer = createIngestWriter(store);
    writers.set(store, writer);
  }
  return writer;
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

/** Duplicate, conflict or replay: what refuses a snapshot before anything is written. */
async function refusal(tx: StoreTx, r: SnapshotRecord, agent: StoredAgent): Promise<IngestOutcome | undefined> {
  const existing = await tx.snapshots.find(r.snapshotId);
  if (existing) return existing.agentId === r.agentId ? { kind: 'duplicate', response: existing.response } : { kind: 'snapshot-conflict' };
  if (agent.lastSeq !== null && r.seq <= agent.lastSeq) return { kind: 'seq-replay', lastSeq: agent.lastSeq };
  return undefined;
}

async function findAgent(tx: StoreTx, id: string): Promise<StoredAgent> {
  const agent = await tx.agents.findForUpdate(id);
  if (!agent) throw new Error(`agent ${id} vanished during ingest`);
  return agent;
}

/**
 * When a new machine is first seen: when its snapshot was received, or just after the
 * last machine already in the queues if that is later. Machines enter the seat queues in
 * the order their first snapshots commit (under the seats' lock), which with several
 * collectors, or intake threads that finish out of order, is not always the order they
 * were received in; a machine that comes later in a queue than one already judged would
 * otherwise take its place ahead of it while the seats it holds stay where they are.
 */
async function firstSeen(tx: StoreTx, r: IngestRecord, agent: StoredAgent): Promise<string> {
  if (agent.lastSnapshotId !== null) return r.receivedAt;
  const latest = await tx.agents.latestFirstSeen();
  if (latest === null || latest < r.receivedAt) return r.receivedAt;
  return new Date(Date.parse(latest) + 1).toISOString();
}

/** The rest of the transaction, once the list is in place: snapshot row, machine, verdict. */
async function storeJudged(tx: StoreTx, r: IngestRecord, agent: StoredAgent, softwareGen: number, installed: ReadonlyMap<string, InstalledBetween> | null): Promise<IngestOutcome> {
  await tx.snapshots.insert({ ...r, responseJson: '{}' });
  const advanced = await tx.agents.advance({
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
    firstSeen: await firstSeen(tx, r, agent),
  });
  if (!advanced) throw new Error(`agent ${r.agentId} seq moved during ingest`);
  const verdict = await r.decide(tx.engine, { unitId: agent.unitId, installed: installed ?? (await tx.software.installedSince(r.agentId)) });
  await tx.snapshots.setResponse(r.snapshotId, { snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false }, await tx.engine.verdictIdOf(r.agentId));
  return { kind: 'stored', softwareRewritten: installed !== null, verdict };
}

/** A snapshot that repeats the judged state: its row and the machine heard from, nothing judged, nothing else written. */
async function touchOne(tx: StoreTx, r: TouchRecord): Promise<IngestOutcome | { kind: 'judge' }> {
  const agent = await findAgent(tx, r.agentId);
  const refused = await refusal(tx, r, agent);
  if (refused) return refused;
  if (agent.stateHash !== r.stateHash) return { kind: 'judge' };
  const standing = await r.standing(tx.engine);
  if (!standing) return { kind: 'judge' };
  await tx.snapshots.insert({ ...r, responseJson: responseJson({ snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false }, standing.id) });
  if (!(await tx.agents.touch({ agentId: r.agentId, seq: r.seq, lastSeen: r.receivedAt, lastIp: r.clientIp, snapshotId: r.snapshotId, collectedAt: r.collectedAt }))) {
    throw new Error(`agent ${r.agentId} seq moved during ingest`);
  }
  return { kind: 'stored', softwareRewritten: false, verdict: standing.verdict };
}

/** Everything in one transaction: a list that did not change, or a short one. */
async function commitAtOnce(tx: StoreTx, r: IngestRecord): Promise<IngestOutcome> {
  await tx.engine.lockSeats();
  const agent = await findAgent(tx, r.agentId);
  const refused = await refusal(tx, r, agent);
  if (refused) return refused;
  if (agent.softwareHash === r.softwareHash) return storeJudged(tx, r, agent, agent.softwareGen, null);
  const between = installedAt(r, agent);
  const diff = diffSoftware(await tx.software.listed(r.agentId), r.software, between);
  if (between) await tx.softwareChanges.insert(r.agentId, between, encodeChanges(diff.changes));
  const gen = newGen();
  await tx.software.insert(r.agentId, gen, diff.list);
  await tx.software.deleteGen(r.agentId, agent.softwareGen, Number.MAX_SAFE_INTEGER);
  return storeJudged(tx, r, agent, gen, installedByName(diff.list));
}

/** The final step of a staged list: made current only if nothing moved since it was staged. */
async function commitStaged(tx: StoreTx, r: IngestRecord, seen: StoredAgent, gen: number, installed: ReadonlyMap<string, InstalledBetween>): Promise<IngestOutcome | 'moved'> {
  await tx.engine.lockSeats();
  const agent = await findAgent(tx, r.agentId);
  const refused = await refusal(tx, r, agent);
  if (refused) return refused;
  if (agent.softwareGen !== seen.softwareGen || agent.lastSnapshotId !== seen.lastSnapshotId) return 'moved';
  await tx.staging.remove(r.agentId, gen);
  await tx.staging.add({ agentId: r.agentId, gen: agent.softwareGen, snapshotId: null, stagedAt: new Date().toISOString() });
  return storeJudged(tx, r, agent, gen, installed);
}

/**
 * What a staged generation leaves to delete: its rows unless it became the machine's
 * list, and the changes written for its snapshot if that snapshot was never stored.
 */
async function leftovers(tx: StoreTx, s: StagedGen): Promise<{ rows: boolean; changesOf: string | null }> {
  return {
    rows: s.gen !== (await tx.agents.find(s.agentId))?.softwareGen,
    changesOf: s.snapshotId !== null && !(await tx.snapshots.find(s.snapshotId)) ? s.snapshotId : null,
  };
}

/**
 * Whether a staged generation is this process's to sweep: an old list (never anyone's
 * work in progress), the one this ingest staged, or one left over from a crash.
 */
function sweepable(s: StagedGen, now: number, own?: number): boolean {
  return s.snapshotId === null || s.gen === own || s.stagedAt === null || now - Date.parse(s.stagedAt) > LEFT_OVER_AFTER_MS;
}

/**
 * What a crash left: lists being written and lists left to delete. Run as a collector
 * starts and before a writer's first ingest.
 */
export async function sweepLeftovers(store: Store, now = Date.now()): Promise<void> {
  await store.transaction((tx) => sweepAll(tx, now));
}

async function sweepAll(tx: StoreTx, now: number): Promise<void> {
  for (const s of await tx.staging.list()) {
    if (!sweepable(s, now)) continue;
    const left = await leftovers(tx, s);
    if (left.rows) await tx.software.deleteGen(s.agentId, s.gen, Number.MAX_SAFE_INTEGER);
    if (left.changesOf) await tx.softwareChanges.deleteOf(s.agentId, left.changesOf);
    await tx.staging.remove(s.agentId, s.gen);
  }
}

/**
 * Ingest's writes: the snapshot, the machine, its software list and changes, and the
 * verdict `record.decide` makes, committed together. A list that changed and is long is
 * staged first (migration 7): its rows and changes go in short transactions under a new
 * generation no reader sees, and the ingest transaction only makes it the machine's
 * list. Snapshots of one agent are committed one at a time. The first ingest sweeps what
 * a crash left staged.
 */
function createIngestWriter(store: Store): IngestWriter {
  const oneAgentAtATime = keyedLock();
  let swept: Promise<void> | undefined;
  const ready = () => (swept ??= sweepLeftovers(store));
  /** Staged rows nobody reads before the ingest transaction that makes them current. */
  const staged = <T>(fn: (tx: StoreTx) => Promise<T>) => store.transaction(fn, { durable: false });

  /** Deletes, a slice at a time, what an agent's staging names: old lists, and lists and changes of snapshots never stored. */
  async function sweep(agentId: string, own: number): Promise<void> {
    for (const s of await store.read.staging.list(agentId)) {
      if (!sweepable(s, Date.now(), own)) continue;
      const left = await leftovers(store.read, s);
      if (left.rows) while ((await staged((tx) => tx.software.deleteGen(agentId, s.gen, SLICE))) === SLICE) await yieldToEventLoop();
      await store.transaction(async (tx) => {
        if (left.changesOf) await tx.softwareChanges.deleteOf(agentId, left.changesOf);
        await tx.staging.remove(agentId, s.gen);
      });
    }
  }

  async function commitLong(r: IngestRecord, seen: StoredAgent): Promise<IngestOutcome> {
    const refused = await refusal(store.read, r, seen);
    if (refused) return refused;
    const before: ListedSoftware[] = [];
    for (let from: number | null = 0; from !== null; ) {
      const { page, next }: { page: ListedSoftware[]; next: number | null } = await store.read.software.listedPage(r.agentId, seen.softwareGen, from, SLICE);
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
    await store.transaction((tx) => tx.staging.add({ agentId: r.agentId, gen, snapshotId: r.snapshotId, stagedAt: new Date().toISOString() }));
    try {
      for (const part of slices(diff.list)) {
        await staged((tx) => tx.software.insert(r.agentId, gen, part));
        await yieldToEventLoop();
      }
      if (between) {
        const changed = encodeChanges(diff.changes);
        await staged((tx) => tx.softwareChanges.insert(r.agentId, between, changed));
      }
      const installed = installedByName(diff.list);
      const outcome = await store.transaction((tx) => commitStaged(tx, r, seen, gen, installed));
      // Another writer (a second process) moved this machine's list meanwhile: do it all again, inside one transaction.
      return outcome === 'moved' ? await store.transaction((tx) => commitAtOnce(tx, r)) : outcome;
    } finally {
      // After the answer, and before this agent's next snapshot is taken in: the old list, or the rows of a refused one.
      store.inBackground(oneAgentAtATime(r.agentId, () => sweep(r.agentId, gen)));
    }
  }

  return {
    touch: async (r) => {
      await ready();
      return oneAgentAtATime(r.agentId, () => store.transaction((tx) => touchOne(tx, r)));
    },
    commit: async (r) => {
      await ready();
      return oneAgentAtATime(r.agentId, async () => {
        const seen = await store.read.agents.find(r.agentId);
        if (!seen) throw new Error(`agent ${r.agentId} vanished during ingest`);
        // Rows a rewrite writes: the old list deleted and the new one inserted, with a change for most of them.
        const long = seen.softwareHash !== r.softwareHash && 2 * (seen.softwareCount + r.software.length) > WRITE_AT_ONCE;
        return long ? commitLong(r, seen) : store.transaction((tx) => commitAtOnce(tx, r));
      });
    },
  };
}
