import { createHash } from 'node:crypto';
import { Value } from 'typebox/value';
import { ZhengbanError } from '../errors.js';
import { SignedEnvelope } from '../signing/envelope.js';
import { BUNDLE_KIND, BUNDLE_VERSION, BundleManifest, EnrollmentEnvelope, InspectionEnvelope, type BundleAgentRange } from './schema.js';
import { assertValid, parseJson } from '../validate.js';

/** A bundle line that is not a manifest or entry of this format. */
export class BundleFormatError extends ZhengbanError {
  constructor(message: string) {
    super('E_BUNDLE_FORMAT', message, { status: 400 });
  }
}

export type BundleEntry =
  | { kind: 'snapshot'; envelope: SignedEnvelope; snapshotId: string; seq: number }
  | { kind: 'enrollment'; envelope: EnrollmentEnvelope }
  | { kind: 'inspection'; envelope: InspectionEnvelope };

/** The manifest line; anything else (a spool file, a CSV) is named as not a bundle. */
export function parseManifest(line: string, what = 'the bundle'): BundleManifest {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BundleFormatError(`${what} is not a zhengban bundle: its first line is not JSON`);
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind !== BUNDLE_KIND) throw new BundleFormatError(`${what} is not a zhengban bundle: its first line is not a manifest`);
  const version = (value as { version?: unknown }).version;
  if (version !== BUNDLE_VERSION) throw new BundleFormatError(`${what} is bundle version ${String(version)}; this version reads ${BUNDLE_VERSION}`);
  return assertValid(BundleManifest, value, `${what}'s manifest`);
}

/** One entry line, its shape checked; signatures are the importer's to check. */
export function parseEntry(line: string, what: string): BundleEntry {
  const value = parseJson(line, what);
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'enrollment') return { kind, envelope: assertValid(EnrollmentEnvelope, value, what) };
  if (kind === 'inspection') return { kind, envelope: assertValid(InspectionEnvelope, value, what) };
  if (kind !== undefined) throw new BundleFormatError(`${what} is an entry of unknown kind ${JSON.stringify(kind)}`);
  const envelope = assertValid(SignedEnvelope, value, what);
  const head = snapshotHead(envelope.payload);
  if (!head) throw new BundleFormatError(`${what} carries no snapshot id and seq`);
  return { kind: 'snapshot', envelope, ...head };
}

// The agent writes schemaVersion, snapshotId, agentId, seq first (snapshot/build.ts).
const HEAD = /^\{"schemaVersion":\d+,"snapshotId":"([^"\\]{1,100})","agentId":(?:null|"[^"\\]{0,100}"),"seq":(\d{1,16}),/;

/**
 * A snapshot's id and seq, read from the agent's head without parsing the rest (a
 * merge or an import sorts thousands by seq); a payload in another order is parsed.
 * Undefined when the text has neither: the importer refuses that line.
 */
export function snapshotHead(payload: string): { snapshotId: string; seq: number } | undefined {
  const m = HEAD.exec(payload.slice(0, 300));
  if (m) return { snapshotId: m[1]!, seq: Number(m[2]) };
  try {
    const v = JSON.parse(payload) as { snapshotId?: unknown; seq?: unknown };
    if (typeof v.snapshotId === 'string' && Number.isSafeInteger(v.seq)) return { snapshotId: v.snapshotId, seq: v.seq as number };
  } catch {
    // Not JSON: no head.
  }
  return undefined;
}

export interface ManifestMeta {
  createdAt: string;
  createdBy: string;
  network: string;
}

/**
 * Builds a manifest one entry line at a time, so that a merge of thousands of
 * snapshots never holds them all.
 */
export class ManifestBuilder {
  private readonly hash = createHash('sha256');
  private readonly ranges = new Map<string, BundleAgentRange>();
  private count = 0;
  private enrollments = 0;
  private inspections = 0;

  /** `line` is the entry's text without its '\n', exactly as it is written. */
  add(line: string | Buffer, entry: BundleEntry): void {
    this.hash.update(line).update('\n');
    this.count++;
    if (entry.kind === 'enrollment') this.enrollments++;
    else if (entry.kind === 'inspection') this.inspections++;
    else {
      const id = entry.envelope.agentId;
      const r = this.ranges.get(id);
      this.ranges.set(id, r
        ? { agentId: id, seqFrom: Math.min(r.seqFrom, entry.seq), seqTo: Math.max(r.seqTo, entry.seq), count: r.count + 1 }
        : { agentId: id, seqFrom: entry.seq, seqTo: entry.seq, count: 1 });
    }
  }

  finish(meta: ManifestMeta): BundleManifest {
    const manifest: BundleManifest = {
      kind: BUNDLE_KIND,
      version: BUNDLE_VERSION,
      createdAt: meta.createdAt,
      createdBy: meta.createdBy,
      network: meta.network,
      count: this.count,
      sha256: this.hash.digest('hex'),
      agents: [...this.ranges.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)),
      enrollments: this.enrollments,
      inspections: this.inspections,
    };
    // Checked here so that a writer never produces a file its importer refuses.
    if (!Value.Check(BundleManifest, manifest)) throw new BundleFormatError('the bundle manifest made here is not valid');
    return manifest;
  }
}

/** The manifest over entry lines (each without its '\n'), as they will be written. */
export function manifestFor(lines: readonly string[], meta: ManifestMeta): BundleManifest {
  const builder = new ManifestBuilder();
  lines.forEach((line, i) => builder.add(line, parseEntry(line, `entry ${i + 1}`)));
  return builder.finish(meta);
}

/** The whole file: manifest, entries, one a line. */
export function bundleText(lines: readonly string[], meta: ManifestMeta): string {
  return `${JSON.stringify(manifestFor(lines, meta))}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/**
 * The agent id of a key enrolled offline: `ag_` and the first 16 bytes of the SHA-256
 * of its SPKI DER, the same shape as a collector-made id. Derived rather than chosen,
 * so a request cannot claim another machine's id, and the collector checks it.
 */
export function offlineAgentId(spkiDer: Buffer): string {
  return `ag_${createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)}`;
}
