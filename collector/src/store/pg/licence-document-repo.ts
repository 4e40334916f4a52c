import type { Async } from '../async.js';
import type { LicenceDocumentRepo } from '../licence-document-repo.js';
import type { LicenceDocument } from '../registry-types.js';
import { row, run, stmt, type Queryable } from './query.js';

const BY_LICENCE = stmt(
  'licenceDocuments.get',
  `SELECT file_name AS "fileName", media_type AS "mediaType", sha256, size, content, stored_at AS "storedAt", stored_by AS "storedBy"
   FROM licence_documents WHERE licence_id = $1`,
);
const UPSERT = stmt(
  'licenceDocuments.put',
  `INSERT INTO licence_documents (licence_id, file_name, media_type, sha256, size, content, stored_at, stored_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
   ON CONFLICT (licence_id) DO UPDATE SET file_name = excluded.file_name, media_type = excluded.media_type,
     sha256 = excluded.sha256, size = excluded.size, content = excluded.content,
     stored_at = excluded.stored_at, stored_by = excluded.stored_by`,
);

/** `licence_documents` on PostgreSQL: the bytes in a bytea, which node-postgres answers as a Buffer. */
export class PgLicenceDocumentRepo implements Async<LicenceDocumentRepo> {
  constructor(private readonly q: Queryable) {}

  async get(licenceId: number): Promise<LicenceDocument | undefined> {
    return row<LicenceDocument & Record<string, unknown>>(this.q, BY_LICENCE, [licenceId]);
  }

  async put(licenceId: number, d: LicenceDocument): Promise<void> {
    await run(this.q, UPSERT, [licenceId, d.fileName, d.mediaType, d.sha256, d.size, d.content, d.storedAt, d.storedBy]);
  }
}
