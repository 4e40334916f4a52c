import type { Database, Statement } from 'better-sqlite3';
import type { StoreContext } from './context.js';
import type { Inspector, InspectorStore, NewInspector } from './inspector-types.js';

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
  private readonly insertStmt: Statement<[Omit<NewInspector, 'actor'>], { id: number }>;
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

  insert(i: Omit<NewInspector, 'actor'>): Inspector {
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

export function createInspectorStore(ctx: StoreContext): InspectorStore {
  const repo = new InspectorRepo(ctx.db);

  const create = ctx.tx(({ actor, ...i }: NewInspector): Inspector => {
    const inspector = repo.insert(i);
    ctx.audit.record({ at: i.createdAt, actor, action: 'inspector.create', target: inspector.unit, detail: { id: inspector.id, name: inspector.name, kitId: inspector.kitId } });
    return inspector;
  });

  const revoke = ctx.tx((id: number, actor: string, at: string): Inspector | undefined => {
    const before = repo.find(id);
    if (!before) return undefined;
    if (repo.revoke(id, at)) ctx.audit.record({ at, actor, action: 'inspector.revoke', target: before.unit, detail: { id, name: before.name, kitId: before.kitId } });
    return repo.find(id);
  });

  return {
    create: async (i) => create(i),
    list: async () => repo.list(),
    find: async (id) => repo.find(id),
    revoke: async (id, w) => revoke(id, w.actor, w.at),
  };
}
