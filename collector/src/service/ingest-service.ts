import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  InvalidJsonError,
  SignatureError,
  parseJson,
  verifyBytes,
  type AnySnapshot,
  type IngestResponse,
  type Verdict,
} from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import type { JudgedSnapshot } from '../classify/assess.js';
import type { Assessment } from '../classify/assessment.js';
import type { AssessEnv, ClassifyPolicy } from '../classify/context.js';
import { compileLists } from '../classify/lists.js';
import { judgeAtIngest } from '../engine/ingest-decide.js';
import { warmRecognition } from '../engine/warm.js';
import type { Store } from '../store/types.js';
import { publicKeyOf } from './key-cache.js';
import { readSnapshot } from './snapshot-read.js';
import { AgentMismatchError, ClockSkewError, SeqReplayError, SnapshotConflictError, UnknownAgentError } from './errors.js';

/** The registry-independent assessment; replaceable in tests. */
export type Classify = (snapshot: JudgedSnapshot, env: AssessEnv) => Assessment;

export interface IngestDeps {
  store: Store;
  policy: ClassifyPolicy;
  classify: Classify;
  catalog: () => Promise<CompiledCatalog>;
  now: () => Date;
}

export interface IngestInput {
  agentId: string | undefined;
  signature: string | undefined;
  /** The decompressed body: the exact bytes the agent signed. */
  body: Buffer;
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
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Verify → parse → validate → check → classify → store, in the order the security
 * model gives: cheap refusals of strangers come before any parsing, and nothing is
 * written until everything has passed.
 */
export async function ingestSnapshot(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const agent = input.agentId ? await deps.store.agents.findKey(input.agentId) : undefined;
  if (!agent) throw new UnknownAgentError(input.agentId);
  if (!input.signature || !verifyBytes(input.body, input.signature, publicKeyOf(agent.publicKey))) {
    throw new SignatureError(
      input.signature ? undefined : 'the X-Zhengban-Signature header is missing',
    );
  }
  // A long snapshot is read in steps with the event loop's turn between them, so /healthz,
  // admins and other agents are answered while it is taken in (issue 11: 20,000 programs).
  await yieldToEventLoop();
  const text = decodeUtf8(input.body);
  await yieldToEventLoop();
  const parsed = parseJson(text, 'the snapshot');
  await yieldToEventLoop();
  const snapshot = readSnapshot(parsed);
  if (snapshot.agentId !== agent.id) throw new AgentMismatchError(agent.id, snapshot.agentId);

  const stored = await deps.store.ingest.findResponse(agent.id, snapshot.snapshotId);
  if (stored) return { status: 200, response: { ...stored, duplicate: true } };
  if (agent.lastSeq !== null && snapshot.seq <= agent.lastSeq) throw new SeqReplayError(snapshot.seq, agent.lastSeq);
  const now = deps.now();
  if (Date.parse(snapshot.collectedAt) - now.getTime() > MAX_FUTURE_MS) throw new ClockSkewError(snapshot.collectedAt, now);

  const judge = { now, policy: deps.policy, catalog: await deps.catalog(), lists: compileLists(await deps.store.lists.list({})), assess: deps.classify };
  await yieldToEventLoop();
  const hash = softwareHash(snapshot.software);
  if (snapshot.software.length > WARM_ABOVE) await warmRecognition(snapshot.software, judge.catalog, judge.lists);
  const outcome = await deps.store.ingest.commit({
    snapshotId: snapshot.snapshotId,
    agentId: agent.id,
    seq: snapshot.seq,
    collectedAt: snapshot.collectedAt,
    receivedAt: now.toISOString(),
    clientIp: input.clientIp ?? null,
    payload: text,
    signature: input.signature,
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
    softwareHash: hash,
    software: snapshot.software,
    decide: (tx, machine) => judgeAtIngest(tx, agent.id, machine, snapshot, judge),
  });
  // Re-checked inside the transaction: another request of the same agent may have committed meanwhile.
  switch (outcome.kind) {
    case 'stored':
      return { status: 202, response: { snapshotId: snapshot.snapshotId, agentId: agent.id, seq: snapshot.seq, duplicate: false, verdict: outcome.verdict } };
    case 'duplicate':
      return { status: 200, response: { ...outcome.response, duplicate: true } };
    case 'seq-replay':
      throw new SeqReplayError(snapshot.seq, outcome.lastSeq);
    case 'snapshot-conflict':
      throw new SnapshotConflictError(snapshot.snapshotId);
  }
}

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch (err) {
    throw new InvalidJsonError('the snapshot', err);
  }
}

/**
 * Hash of the software list as parsed. DESIGN.md suggests hashing the section's raw
 * bytes before parsing; re-serialising the parsed list is simpler and costs well
 * under a millisecond for 800 items, while the saving that matters is skipping the
 * row rewrite.
 */
export function softwareHash(software: AnySnapshot['software']): string {
  return createHash('sha256').update(JSON.stringify(software)).digest('hex');
}
