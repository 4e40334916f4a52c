import type { Database, Statement } from 'better-sqlite3';
import type { LicenceDocument } from './registry-types.js';

interface DocumentRow {
  licence_id: number;
  file_name: string;
  media_type: string;
  sha256: string;
  size: number;
  content: Buffer;
  stored_at: string;
  stored_by: string;
}

/** SQL for `licence_documents`: one 授权文本 per licence, replaced when stored again. */
export class LicenceDocumentRepo {
  private readonly byLicence: Statement<[number], DocumentRow>;
  private readonly upsert: Statement<[DocumentRow]>;

  constructor(db: Database) {
    this.byLicence = db.prepare('SELECT * FROM licence_documents WHERE licence_id = ?');
    this.upsert = db.prepare(`INSERT INTO licence_documents (licence_id, file_name, media_type, sha256, size, content, stored_at, stored_by)
      VALUES (@licence_id, @file_name, @media_type, @sha256, @size, @content, @stored_at, @stored_by)
      ON CONFLICT (licence_id) DO UPDATE SET file_name = excluded.file_name, media_type = excluded.media_type,
        sha256 = excluded.sha256, size = excluded.size, content = excluded.content,
        stored_at = excluded.stored_at, stored_by = excluded.stored_by`);
  }

  get(licenceId: number): LicenceDocument | undefined {
    const r = this.byLicence.get(licenceId);
    return (
      r && {
        fileName: r.file_name,
        mediaType: r.media_type,
        sha256: r.sha256,
        size: r.size,
        content: r.content,
        storedAt: r.stored_at,
        storedBy: r.stored_by,
      }
    );
  }

  put(licenceId: number, doc: LicenceDocument): void {
    this.upsert.run({
      licence_id: licenceId,
      file_name: doc.fileName,
      media_type: doc.mediaType,
      sha256: doc.sha256,
      size: doc.size,
      content: doc.content,
      stored_at: doc.storedAt,
      stored_by: doc.storedBy,
    });
  }
}
