import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseJson } from '@zhengban/shared';
import type { ImportReport, ImportSummary } from '../schema/imports.js';
import type { BundleImportRow } from '../store/import-types.js';
import { assertAdmin, type Caller } from './access.js';
import { importBundle, type ImportDeps } from './bundle-import.js';
import { NotFoundError, PayloadTooLargeError } from './errors.js';
import { actorOf } from './registry-deps.js';

/**
 * `POST /imports`: the upload is written to a temporary file first (a bundle of
 * 10,000 snapshots is ~300 MB; the import reads it twice, and a line again by its
 * offset), then imported like a file on the command line. Admins only: an import
 * enrolls machines.
 */
export async function importUpload(deps: ImportDeps, who: Caller, body: Readable, o: { maxBytes: number; fileName: string; spotCheckId?: number }): Promise<ImportReport> {
  assertAdmin(who, 'only an admin imports bundles');
  const dir = await mkdtemp(join(tmpdir(), 'zhengban-upload-'));
  try {
    const file = join(dir, 'bundle');
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > o.maxBytes) done(new PayloadTooLargeError(o.maxBytes, 'the bundle'));
        else done(null, chunk);
      },
    });
    await pipeline(body, limit, createWriteStream(file, { mode: 0o600 }));
    return await importBundle(deps, { path: file, fileName: o.fileName, actor: actorOf(who), ...(o.spotCheckId !== undefined ? { spotCheckId: o.spotCheckId } : {}) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const summary = (r: BundleImportRow): ImportSummary => ({
  id: r.id,
  fileName: r.fileName,
  sha256: r.sha256,
  network: r.network,
  createdBy: r.createdBy,
  importedAt: r.importedAt,
  actor: r.actor,
  entries: r.entries,
  accepted: r.accepted,
  duplicates: r.duplicates,
  refused: r.refused,
});

export async function listImports(deps: ImportDeps, who: Caller, limit: number): Promise<ImportSummary[]> {
  assertAdmin(who, 'only an admin reads the import log');
  return (await deps.ingest.store.read.imports.list(limit)).map(summary);
}

export async function findImport(deps: ImportDeps, who: Caller, id: number): Promise<ImportReport> {
  assertAdmin(who, 'only an admin reads the import log');
  const row = await deps.ingest.store.read.imports.find(id);
  if (!row) throw new NotFoundError(`import ${id}`);
  // The report is stored before its row has an id.
  return { ...(parseJson(row.reportJson, `import ${id}`) as ImportReport), importId: row.id };
}
