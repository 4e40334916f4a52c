import type { Database } from 'better-sqlite3';

/** The id of an outline's row, added when new. */
export function outlineIdOf(db: Database): (json: string) => number {
  const insert = db.prepare('INSERT OR IGNORE INTO finding_outlines (json) VALUES (?)');
  const select = db.prepare('SELECT id FROM finding_outlines WHERE json = ?');
  return (json) => {
    insert.run(json);
    return (select.get(json) as { id: number }).id;
  };
}
