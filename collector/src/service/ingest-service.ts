import type { AnySnapshot, IngestResponse } from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import type { Assessment } from '../classify/assessment.js';
import type { AssessEnv, ClassifyPolicy } from '../classify/context.js';
import type { JudgedSnapshot } from '../classify/judged-snapshot.js';
import { judgeAtIngest, standingVerdict } from '../engine/ingest-decide.js';
import { warmRecognition } from '../engine/warm.js';
import type { Store } from '../store/store.js';
import type { IngestOutcome } from './ingest-records.js';
import { ingestWriter } from './ingest-writer.js';
import type { EngineTx } from '../store/engine-types.js';
import type { Intake } from './intake-pool.js';
import type { IntakeResult } from './snapshot-intake.js';
import { AgentMismatchError, ClockSkewError, SeqReplayError, SnapshotConflictError, UnknownAgentError } from './errors.js';
import { listsCache } from './lists-cache.js';

/** The registry-independent assessment; replaceable in tests. */
export type Classify = (snapshot: JudgedSnapshot, env: AssessEnv) => Assessment;

export interface IngestDeps {
  store: Store;
  policy: ClassifyPolicy;
  classify: Classify;
  catalog: () => Promise<CompiledCatalog>;
  now: () => Date;
  /** Where bodies are verified and read (intake-pool.ts). */
  intake: Intake;
  /** Largest snapshot after gunzip. */
  maxDecompressed: number;
}

export interface IngestInput {
  agentId: string | undefined;
  signature: string | undefined;
  /** The body as received. */
  body: Buffer;
  /** Its Content-Encoding (gzip or none). */
  encoding: string | undefined;
  /** The address the snapshot came from, as the server saw it (a proxy's, behind one). */
  clientIp?: string;
}

export interface IngestResult {
  /** 202 for a newly stored snapshot, 200 for a duplicate answered from the store. */
  status: 200 | 202;
  response: IngestResponse;
}

const MAX_FUTURE_MS = 24 * 3_600_000;
/** Lists longer than this are recognised in slices before the transaction (engine/warm.ts). */
const WARM_ABOVE = 2_000;

/**
 * Verify and read (in the intake: a worker thread) → check → store. A snapshot that
 * repeats the state the machine's verdict was judged from, under the same rules, is
 * stored and the machine marked as heard from, and nothing else (the hash-first path of
 * DESIGN.md); any other is judged and stored with its verdict in one transaction.
 */
export async function ingestSnapshot(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const agent = input.agentId ? await deps.store.read.agents.key(input.agentId) : undefined;
  if (!agent) throw new UnknownAgentError(input.agentId);
  const intake = (knownStateHash: string | null) =>
    deps.intake.run({
      body: input.body,
      encoding: input.encoding,
      signature: input.signature,
      publicKeyPem: agent.publicKey,
      maxDecompressed: deps.maxDecompressed,
      knownStateHash,
    });
  let read: IntakeResult = await intake(agent.stateHash);
  if (read.agentId !== agent.id) throw new AgentMismatchError(agent.id, read.agentId);

  const stored = await deps.store.read.snapshots.find(read.snapshotId);
  if (stored && stored.agentId === agent.id) return { status: 200, response: { ...stored.response, duplicate: true } };
  if (agent.lastSeq !== null && read.seq <= agent.lastSeq) throw new SeqReplayError(read.seq, agent.lastSeq);
  const now = deps.now();
  if (Date.parse(read.collectedAt) - now.getTime() > MAX_FUTURE_MS) throw new ClockSkewError(read.collectedAt, now);
  const catalog = await deps.catalog();
  const record = (r: IntakeResult) => ({
    snapshotId: r.snapshotId,
    agentId: agent.id,
    seq: r.seq,
    collectedAt: r.collectedAt,
    receivedAt: now.toISOString(),
    clientIp: input.clientIp ?? null,
    payloadGz: Buffer.from(r.payloadGz.buffer, r.payloadGz.byteOffset, r.payloadGz.byteLength),
    signature: input.signature!,
    stateHash: r.stateHash,
  });

  if (agent.stateHash === read.stateHash) {
    const standing = (tx: EngineTx) => standingVerdict(tx, agent.id, { now, catalogVersion: catalog.version });
    const outcome = await ingestWriter(deps.store).touch({ ...record(read), standing });
    if (outcome.kind !== 'judge') return answer(outcome, record(read));
  }
  // The rules moved, or the day is new: the repeat is read whole after all, and judged.
  if (read.kind === 'repeat') read = await intake(null);
  if (read.kind === 'repeat') throw new Error('snapshot intake: a body read whole came back as a repeat');

  // Validated by the intake: the same text parses to the same value.
  const snapshot = JSON.parse(read.text) as AnySnapshot;
  const judge = { now, policy: deps.policy, catalog, lists: await listsCache(deps.store), assess: deps.classify };
  if (snapshot.software.length > WARM_ABOVE) await warmRecognition(snapshot.software, judge.catalog, judge.lists);
  const outcome = await ingestWriter(deps.store).commit({
    ...record(read),
    softwareHash: read.softwareHash,
    facts: {
      machine: snapshot.machine,
      os: snapshot.os,
      office: snapshot.office,
      antivirus: snapshot.antivirus,
      collectedAt: snapshot.collectedAt,
      indicators: snapshot.indicators,
      collectionErrors: snapshot.collectionErrors,
      ...('observations' in snapshot && snapshot.observations ? { observations: snapshot.observations } : {}),
    },
    software: snapshot.software,
    decide: (tx, machine) => judgeAtIngest(tx, agent.id, machine, snapshot, judge),
  });
  return answer(outcome, record(read));
}

/** Re-checked inside the transaction: another request of the same agent may have committed meanwhile. */
function answer(outcome: IngestOutcome, r: { snapshotId: string; agentId: string; seq: number }): IngestResult {
  switch (outcome.kind) {
    case 'stored':
      return { status: 202, response: { snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false, verdict: outcome.verdict } };
    case 'duplicate':
      return { status: 200, response: { ...outcome.response, duplicate: true } };
    case 'seq-replay':
      throw new SeqReplayError(r.seq, outcome.lastSeq);
    case 'snapshot-conflict':
      throw new SnapshotConflictError(r.snapshotId);
  }
}
