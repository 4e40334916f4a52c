import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { InvalidJsonError, SCHEMA_VERSIONS, SignatureError, Snapshot, parseJson, verifyBytes, type AnySnapshot } from '@zhengban/shared';
import { decodeBody } from './snapshot-body.js';
import { publicKeyOf } from './key-cache.js';
import { readSnapshot } from './snapshot-read.js';

const gzipAsync = promisify(gzip);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A body as it arrived, and what to check it against. Plain data: it crosses to a worker thread. */
export interface IntakeInput {
  /** The body as received (gzipped when `encoding` says so). */
  body: Uint8Array;
  encoding: string | undefined;
  signature: string | undefined;
  /** The agent's enrolled key (SPKI PEM). */
  publicKeyPem: string;
  /** Largest snapshot after gunzip. */
  maxDecompressed: number;
  /** The state the machine's verdict was judged from (stateHash), if any: a body that repeats it is not parsed. */
  knownStateHash: string | null;
}

/** What identifies a snapshot and when it was measured: all a repeat of a known state needs. */
export interface SnapshotHead {
  snapshotId: string;
  /** As the snapshot names it: the caller checks it is the agent that signed. */
  agentId: string | null;
  seq: number;
  collectedAt: string;
  stateHash: string;
  /** The text gzipped: the agent's own gzip when it sent one (gunzip gives the signed bytes back), else made here. */
  payloadGz: Uint8Array;
}

/** A body that repeats the known state, byte for byte after its head: checked, not parsed. */
export interface RepeatedSnapshot extends SnapshotHead {
  kind: 'repeat';
}

/** A verified, valid snapshot: its ids, its hashes, its text and the text gzipped for storage. */
export interface ReadSnapshot extends SnapshotHead {
  kind: 'read';
  /** SHA-256 of the software list as parsed. */
  softwareHash: string;
  /** The exact signed text: parsed again only when the machine is judged. */
  text: string;
}

export type IntakeResult = RepeatedSnapshot | ReadSnapshot;

/**
 * Verify → decode → parse → validate → hash, in the order the security model gives: a
 * body that is not signed by the agent's key is refused before any parsing. No store,
 * no clock: the same work runs in a worker thread (intake-pool.ts) or in this thread.
 */
export async function intakeSnapshot(input: IntakeInput): Promise<IntakeResult> {
  const raw = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  const bytes = await decodeBody(raw, input.encoding, input.maxDecompressed);
  if (!input.signature || !verifyBytes(bytes, input.signature, publicKeyOf(input.publicKeyPem))) {
    throw new SignatureError(input.signature ? undefined : 'the X-Zhengban-Signature header is missing');
  }
  const gz = async () => (bytes === raw ? gzipAsync(bytes, { level: 6 }) : raw);
  const head = readHead(bytes);
  if (head && head.stateHash === input.knownStateHash) return { kind: 'repeat', ...head.fields, stateHash: head.stateHash, payloadGz: await gz() };
  // A long snapshot is read in steps with the event loop's turn between them, so that in
  // this thread /healthz, admins and other agents are answered while it is taken in
  // (issue 11: 20,000 programs).
  await yieldToEventLoop();
  const text = decodeUtf8(bytes);
  await yieldToEventLoop();
  const snapshot = readSnapshot(parseJson(text, 'the snapshot'));
  await yieldToEventLoop();
  const softwareHash = softwareHashOf(snapshot.software);
  return {
    kind: 'read',
    snapshotId: snapshot.snapshotId,
    agentId: snapshot.agentId,
    seq: snapshot.seq,
    collectedAt: snapshot.collectedAt,
    softwareHash,
    // A body in the agent's own order hashes by its bytes, so that its next repeat is known without parsing.
    stateHash: head?.stateHash ?? parsedStateHash(snapshot, softwareHash),
    text,
    payloadGz: await gz(),
  };
}

/**
 * The head the agent writes first, in its order: schemaVersion, snapshotId, agentId,
 * seq, collectedAt, as plain JSON values in printable ASCII without escapes. Everything after it is the
 * measured state, the same bytes when nothing changed (the agent sorts what the OS
 * lists in no fixed order).
 */
const TEXT = '[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]';
const HEAD = new RegExp(`^\\{"schemaVersion":([1-9]\\d{0,2}),"snapshotId":"(${TEXT}{1,100})","agentId":(null|"${TEXT}{1,100}"),"seq":(0|[1-9]\\d{0,15}),"collectedAt":"(${TEXT}{1,40})",`);
const HEAD_FIELDS = Compile(Type.Object({
  schemaVersion: Type.Union(SCHEMA_VERSIONS.map((v) => Type.Literal(v))),
  snapshotId: Snapshot.properties.snapshotId,
  agentId: Snapshot.properties.agentId,
  seq: Snapshot.properties.seq,
  collectedAt: Snapshot.properties.collectedAt,
}));

/**
 * The head's fields, checked against the snapshot schema, and the hash of the state
 * (the bytes after the head, under the format's version); undefined for a body in
 * another order, which is then only read whole. A body whose state hashes as the state
 * of a snapshot that was read whole and valid is that snapshot's state byte for byte,
 * and its head is checked here: it is valid without being parsed.
 */
function readHead(bytes: Buffer): { fields: Omit<SnapshotHead, 'stateHash' | 'payloadGz'>; stateHash: string } | undefined {
  const m = HEAD.exec(bytes.subarray(0, 400).toString('latin1'));
  if (!m) return undefined;
  const fields = {
    schemaVersion: Number(m[1]),
    snapshotId: m[2]!,
    agentId: m[3] === 'null' ? null : m[3]!.slice(1, -1),
    seq: Number(m[4]),
    collectedAt: m[5]!,
  };
  if (!HEAD_FIELDS.Check(fields)) return undefined;
  const stateHash = createHash('sha256').update(`zhengban-state/${fields.schemaVersion}\n`).update(bytes.subarray(m[0].length)).digest('hex');
  const { schemaVersion: _v, ...rest } = fields;
  return { fields: rest, stateHash };
}

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch (err) {
    throw new InvalidJsonError('the snapshot', err);
  }
}

/**
 * The state's hash for a body not in the agent's order (no head to hash after): every
 * section of the parsed value but the snapshot's id, seq and time and the agent's id
 * (the same for every snapshot of a machine), the software by its own hash.
 */
function parsedStateHash(snapshot: AnySnapshot, softwareHash: string): string {
  const { snapshotId: _id, agentId: _agent, seq: _seq, collectedAt: _at, software: _software, ...rest } = snapshot;
  return createHash('sha256').update(JSON.stringify(rest)).update(softwareHash).digest('hex');
}

/** The software list's hash: its rows are rewritten only when it changes. */
export function softwareHashOf(software: AnySnapshot['software']): string {
  return createHash('sha256').update(JSON.stringify(software)).digest('hex');
}
