import type { Database } from 'better-sqlite3';
import type { Finding } from '@zhengban/shared';
import { outlineJson } from '../../reports/finding-outline.js';
import { outlineIdOf } from '../outline-repo.js';
import type { Migration } from './migration.js';

/**
 * Reports count every machine's verdict by category; reading each machine's whole
 * finding set (a few KiB of messages and facts) made that cost seconds at 100,000
 * machines. Each set now points at its outline (reports/finding-outline.ts), stored
 * once by content like the sets themselves: machines in the same state share one, so
 * a report groups machines by outline in SQL and reads each outline once. The sets
 * stored before are outlined here, in batches.
 */
export const findingOutlines: Migration = {
  version: 9,
  name: 'finding-outlines',
  sql: `
CREATE TABLE finding_outlines (
  id   INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE
);
ALTER TABLE finding_sets ADD COLUMN outline_id INTEGER REFERENCES finding_outlines(id);`,
  backfill: (db: Database) => {
    const read = db.prepare('SELECT id, json FROM finding_sets WHERE id > ? ORDER BY id LIMIT 1000');
    const outline = outlineIdOf(db);
    const write = db.prepare('UPDATE finding_sets SET outline_id = ? WHERE id = ?');
    for (let after = 0; ;) {
      const rows = read.all(after) as { id: number; json: string }[];
      if (rows.length === 0) return;
      for (const r of rows) write.run(outline(outlineJson(JSON.parse(r.json) as Finding[])), r.id);
      after = rows.at(-1)!.id;
    }
  },
};
