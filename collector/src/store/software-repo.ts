import type { Database, Statement } from 'better-sqlite3';
import type { SoftwareItem } from '@zhengban/shared';

interface SoftwareRow {
  name: string;
  version: string | null;
  publisher: string | null;
  arch: string | null;
  install_date: string | null;
  size_bytes: number | null;
  source: string;
  scope: string | null;
  user_sid: string | null;
  system_component: 0 | 1 | null;
}

interface InsertParams {
  agentId: string;
  name: string;
  version: string | null;
  publisher: string | null;
  arch: string | null;
  installDate: string | null;
  sizeBytes: number | null;
  source: string;
  scope: string | null;
  userSid: string | null;
  systemComponent: 0 | 1 | null;
}

function toItem(r: SoftwareRow): SoftwareItem {
  const item: SoftwareItem = { name: r.name, source: r.source };
  if (r.version !== null) item.version = r.version;
  if (r.publisher !== null) item.publisher = r.publisher;
  if (r.arch !== null) item.arch = r.arch;
  if (r.install_date !== null) item.installDate = r.install_date;
  if (r.size_bytes !== null) item.sizeBytes = r.size_bytes;
  if (r.scope === 'machine' || r.scope === 'user') item.scope = r.scope;
  if (r.user_sid !== null) item.userSid = r.user_sid;
  if (r.system_component !== null) item.systemComponent = r.system_component === 1;
  return item;
}

/** SQL for `machine_software`: the current software list of each machine. */
export class SoftwareRepo {
  private readonly deleteStmt: Statement<[string]>;
  private readonly insertStmt: Statement<[InsertParams]>;
  private readonly listStmt: Statement<[string], SoftwareRow>;

  constructor(db: Database) {
    this.deleteStmt = db.prepare('DELETE FROM machine_software WHERE agent_id = ?');
    this.insertStmt = db.prepare(`INSERT INTO machine_software
      (agent_id, name, version, publisher, arch, install_date, size_bytes, source, scope, user_sid, system_component)
      VALUES (@agentId, @name, @version, @publisher, @arch, @installDate, @sizeBytes, @source, @scope, @userSid, @systemComponent)`);
    this.listStmt = db.prepare(`SELECT name, version, publisher, arch, install_date, size_bytes, source, scope, user_sid, system_component
      FROM machine_software WHERE agent_id = ? ORDER BY rowid`);
  }

  /** Call inside a transaction. */
  replace(agentId: string, items: readonly SoftwareItem[]): void {
    this.deleteStmt.run(agentId);
    for (const s of items) {
      this.insertStmt.run({
        agentId,
        name: s.name,
        version: s.version ?? null,
        publisher: s.publisher ?? null,
        arch: s.arch ?? null,
        installDate: s.installDate ?? null,
        sizeBytes: s.sizeBytes ?? null,
        source: s.source,
        scope: s.scope ?? null,
        userSid: s.userSid ?? null,
        systemComponent: s.systemComponent === undefined ? null : s.systemComponent ? 1 : 0,
      });
    }
  }

  list(agentId: string): SoftwareItem[] {
    return this.listStmt.all(agentId).map(toItem);
  }
}
