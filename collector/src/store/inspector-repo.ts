import type { Database, Statement } from 'better-sqlite3';
import type { Inspector, NewInspector } from './inspector-types.js';

interface InspectorRow {
  id: number;
  name: string;
  public_key: string;
  kit_id: string;
  unit: string | null;
  spot_check_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

const toInspector = (r: InspectorRow): Inspector => ({
  id: r.id,
  name: r.name,
  publicKey: r.public_key,
  kitId: r.kit_id,
  unit: r.unit,
  spotCheckId: r.spot_check_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** SQL for `inspectors` (migration 16). */
export class InspectorRepo {
  private readonly insertStmt: Statement<[NewInspector], { id: number }>;
  private readonly byId: Statement<[number], InspectorRow>;
  private readonly all: Statement<[], InspectorRow>;
  private readonly revokeStmt: Statement<[string, number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO inspectors (name, public_key, kit_id, unit, spot_check_id, created_at)
      VALUES (@name, @publicKey, @kitId, @unit, @spotCheckId, @createdAt) RETURNING id`);
    this.byId = db.prepare('SELECT * FROM inspectors WHERE id = ?');
    this.all = db.prepare('SELECT * FROM inspectors ORDER BY id');
    this.revokeStmt = db.prepare('UPDATE inspectors SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  insert(i: NewInspector): Inspector {
    return this.find(this.insertStmt.get(i)!.id)!;
  }

  find(id: number): Inspector | undefined {
    const row = this.byId.get(id);
    return row && toInspector(row);
  }

  list(): Inspector[] {
    return this.all.all().map(toInspector);
  }

  /** True when it was revoked now, false when it was already. */
  revoke(id: number, at: string): boolean {
    return this.revokeStmt.run(at, id).changes > 0;
  }
}
