import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  gunzipFile, isGzipFile, parseEntry, readLineAt, ZhengbanError,
  type EnrollmentEnvelope, type InspectionEnvelope, type LineRef, type SignedEnvelope,
} from '@zhengban/shared';
import type { ImportReport } from '../schema/imports.js';
import type { NewBundleImport } from '../store/import-types.js';
import type { Store } from '../store/store.js';
import { indexBundle, type BundleIndex, type LineRefusal } from './bundle-scan.js';
import { SeqReplayError } from './errors.js';
import { ingestSnapshot, type IngestDeps } from './ingest-service.js';
import { enrollFromBundle } from './offline-enroll-service.js';

export interface InspectionImported {
  spotCheckId: number | null;
  hostname: string;
  matchedBy: string;
  status: string;
}

export interface ImportDeps {
  ingest: IngestDeps;
  /** Attaches an inspector kit's scan to its spot check (import-inspection.ts). */
  inspect: (envelope: InspectionEnvelope, options: { spotCheckId?: number }) => Promise<InspectionImported>;
}

export interface ImportInput {
  /** The bundle on disk, plain or gzipped. */
  path: string;
  /** As the report names it: the file's name, or `upload` over HTTP. */
  fileName: string;
  actor: string;
  /** Kit scans whose record names no spot check go to this one. */
  spotCheckId?: number;
}

/** Agents whose snapshots are taken at once; each agent's own go one after another, by seq. */
const LANES = 16;
/** Refusals and replays listed in a report; the rest are counted. */
const MAX_LISTED = 500;

/**
 * Takes in a bundle carried from a network with no route: every snapshot through the
 * same ingest as HTTP (signature, agent, seq, schema, then stored and judged), after
 * the enrollment requests that let its machines be known. A line that fails is refused
 * with its reason and the rest still go; a bundle imported again finds every snapshot
 * stored already and changes nothing but the import log.
 */
export async function importBundle(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const started = process.hrtime.bigint();
  const work = await mkdtemp(join(tmpdir(), 'zhengban-import-'));
  try {
    let plain = input.path;
    if (await isGzipFile(input.path)) {
      plain = join(work, 'bundle');
      await gunzipFile(input.path, plain).catch((err: unknown) => {
        throw new BundleUnreadableError(input.fileName, err);
      });
    }
    const index = await indexBundle(plain, input.fileName);
    const fd = await open(plain, 'r');
    try {
      const report = await applyBundle(deps, input, index, (ref) => readLineAt(fd, ref).then((b) => b.toString('utf8')));
      report.seconds = Number(process.hrtime.bigint() - started) / 1e9;
      report.importId = await recordImport(deps.ingest.store, {
        sha256: report.sha256,
        fileName: report.fileName,
        network: report.network,
        createdAt: report.createdAt,
        createdBy: report.createdBy,
        importedAt: deps.ingest.now().toISOString(),
        actor: input.actor,
        entries: report.entries,
        accepted: report.accepted,
        duplicates: report.duplicates,
        refused: report.refusedTotal,
        reportJson: JSON.stringify(report),
      });
      return report;
    } finally {
      await fd.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function applyBundle(deps: ImportDeps, input: ImportInput, index: BundleIndex, lineAt: (ref: LineRef) => Promise<string>): Promise<ImportReport> {
  const { manifest } = index;
  const store = deps.ingest.store;
  const refused: LineRefusal[] = [...index.refused];
  const report: ImportReport = {
    importId: 0,
    fileName: input.fileName,
    sha256: manifest.sha256,
    network: manifest.network,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    intact: index.problems.length === 0,
    problems: index.problems,
    earlier: (await store.read.imports.earlier(manifest.sha256)).map((e) => ({ id: e.id, importedAt: e.importedAt, actor: e.actor, fileName: e.fileName })),
    entries: index.entries,
    accepted: 0,
    duplicates: 0,
    enrolled: [],
    enrollmentsKnown: 0,
    replayed: [],
    replayedTotal: 0,
    refused: [],
    refusedTotal: 0,
    inspections: [],
    notSeen: [],
    seconds: 0,
  };
  const refuse = (line: number, agentId: string | null, err: unknown) => {
    if (!(err instanceof ZhengbanError)) throw err;
    refused.push({ line, agentId, code: err.code, message: err.message });
  };
  const envelopeAt = async <K extends 'snapshot' | 'enrollment' | 'inspection'>(ref: LineRef, kind: K) => {
    const entry = parseEntry(await lineAt(ref), `line ${ref.lineNo}`);
    if (entry.kind !== kind) throw new Error(`bundle import: line ${ref.lineNo} changed while it was read`);
    return entry.envelope as K extends 'snapshot' ? SignedEnvelope : K extends 'enrollment' ? EnrollmentEnvelope : InspectionEnvelope;
  };

  for (const e of index.enrollments) {
    const agentId = e.kind === 'enrollment' ? e.agentId : null;
    try {
      const done = await enrollFromBundle(store, await envelopeAt(e.ref, 'enrollment'), deps.ingest.now());
      if (done.kind === 'enrolled') report.enrolled.push({ agentId: done.agentId, hostname: done.hostname, unit: done.unit });
      else report.enrollmentsKnown++;
    } catch (err) {
      refuse(e.ref.lineNo, agentId, err);
    }
  }

  const agents = [...index.snapshots.entries()];
  let next = 0;
  const lane = async () => {
    while (next < agents.length) {
      const [agentId, list] = agents[next++]!;
      for (const s of list) {
        try {
          const envelope = await envelopeAt(s.ref, 'snapshot');
          const result = await ingestSnapshot(deps.ingest, { agentId: envelope.agentId, signature: envelope.signature, body: Buffer.from(envelope.payload, 'utf8'), encoding: undefined });
          if (result.status === 202) report.accepted++;
          else report.duplicates++;
        } catch (err) {
          if (err instanceof SeqReplayError) report.replayed.push({ line: s.ref.lineNo, agentId, seq: s.seq, message: err.message });
          else refuse(s.ref.lineNo, agentId, err);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES, agents.length) }, lane));

  for (const e of index.inspections) {
    try {
      const done = await deps.inspect(await envelopeAt(e.ref, 'inspection'), input.spotCheckId === undefined ? {} : { spotCheckId: input.spotCheckId });
      report.inspections.push({ line: e.ref.lineNo, ...done });
    } catch (err) {
      refuse(e.ref.lineNo, null, err);
    }
  }

  const brought = new Set([...index.snapshots.keys(), ...index.enrollments.flatMap((e) => (e.kind === 'enrollment' ? [e.agentId] : []))]);
  report.notSeen = (await store.read.imports.networkMachines(manifest.network, [...brought])).filter((m) => !brought.has(m.agentId));
  refused.sort((a, b) => a.line - b.line);
  report.replayed.sort((a, b) => a.line - b.line);
  report.replayedTotal = report.replayed.length;
  report.replayed = report.replayed.slice(0, MAX_LISTED);
  report.refusedTotal = refused.length;
  report.refused = refused.slice(0, MAX_LISTED);
  return report;
}

/** A gzipped bundle that does not gunzip. */
export class BundleUnreadableError extends ZhengbanError {
  constructor(fileName: string, cause: unknown) {
    super('E_BUNDLE_FORMAT', `${fileName} is compressed but does not decompress: ${(cause as Error).message}`, { status: 400, cause });
  }
}

/** The import's row and its audit entry. */
function recordImport(store: Store, row: NewBundleImport): Promise<number> {
  return store.transaction(async (tx) => {
    const id = await tx.imports.insert(row);
    await tx.audit.record({
      at: row.importedAt,
      actor: row.actor,
      action: 'bundle.import',
      target: row.network || row.fileName,
      detail: { id, sha256: row.sha256, file: row.fileName, entries: row.entries, accepted: row.accepted, duplicates: row.duplicates, refused: row.refused },
    });
    return id;
  });
}
