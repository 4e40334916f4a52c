import { createHash } from 'node:crypto';
import { forEachLine, parseEntry, parseManifest, ZhengbanError, type BundleManifest, type LineRef } from '@zhengban/shared';

/** An entry line found in the first pass: where to read it again, and what orders it. */
export type IndexedEntry =
  | { kind: 'snapshot'; ref: LineRef; agentId: string; seq: number }
  | { kind: 'enrollment'; ref: LineRef; agentId: string }
  | { kind: 'inspection'; ref: LineRef };

export interface LineRefusal {
  line: number;
  agentId: string | null;
  code: string;
  message: string;
}

export interface BundleIndex {
  manifest: BundleManifest;
  /** Problems of the file as a whole: the lines do not match the manifest. */
  problems: string[];
  entries: number;
  enrollments: IndexedEntry[];
  /** Per agent, by seq: the collector takes an agent's snapshots in order only. */
  snapshots: Map<string, Array<Extract<IndexedEntry, { kind: 'snapshot' }>>>;
  inspections: IndexedEntry[];
  /** Lines that are not an entry of the format (damaged JSON, a hand-edited field). */
  refused: LineRefusal[];
}

/**
 * The first pass over a plain bundle file: checks the manifest, hashes the lines,
 * and notes where each entry is, without keeping any. A line that is not an entry is
 * refused here and the rest still go; a file whose first line is not a manifest is
 * not a bundle and is refused whole (BundleFormatError).
 */
export async function indexBundle(file: string, fileName: string): Promise<BundleIndex> {
  let manifest: BundleManifest | undefined;
  const hash = createHash('sha256');
  const index: Omit<BundleIndex, 'manifest' | 'problems'> = { entries: 0, enrollments: [], snapshots: new Map(), inspections: [], refused: [] };
  await forEachLine(file, (line, ref) => {
    if (ref.lineNo === 1) {
      manifest = parseManifest(line.toString('utf8'), fileName);
      return;
    }
    hash.update(line).update('\n');
    index.entries++;
    try {
      const entry = parseEntry(line.toString('utf8'), `line ${ref.lineNo}`);
      if (entry.kind === 'enrollment') index.enrollments.push({ kind: 'enrollment', ref, agentId: entry.envelope.agentId });
      else if (entry.kind === 'inspection') index.inspections.push({ kind: 'inspection', ref });
      else {
        const list = index.snapshots.get(entry.envelope.agentId) ?? [];
        list.push({ kind: 'snapshot', ref, agentId: entry.envelope.agentId, seq: entry.seq });
        index.snapshots.set(entry.envelope.agentId, list);
      }
    } catch (err) {
      if (!(err instanceof ZhengbanError)) throw err;
      index.refused.push({ line: ref.lineNo, agentId: agentOf(line), code: err.code, message: err.message });
    }
  });
  if (!manifest) throw new EmptyBundleError(fileName);
  for (const list of index.snapshots.values()) list.sort((a, b) => a.seq - b.seq || a.ref.lineNo - b.ref.lineNo);
  const problems: string[] = [];
  if (index.entries !== manifest.count) problems.push(`the manifest counts ${manifest.count} entries; the file holds ${index.entries}`);
  if (hash.digest('hex') !== manifest.sha256) problems.push('the lines do not match the SHA-256 in the manifest: the file was changed or cut short after it was written');
  return { manifest, problems, ...index };
}

/** The agent a damaged line names, when its start is still readable; for the report only. */
function agentOf(line: Buffer): string | null {
  const m = /"agentId":"([^"\\]{1,100})"/.exec(line.subarray(0, 200).toString('utf8'));
  return m ? m[1]! : null;
}

export class EmptyBundleError extends ZhengbanError {
  constructor(fileName: string) {
    super('E_BUNDLE_FORMAT', `${fileName} is empty: not a zhengban bundle`, { status: 400 });
  }
}
