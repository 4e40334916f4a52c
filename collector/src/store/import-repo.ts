import type { Database, Statement } from 'better-sqlite3';
import type { BundleImportRow, NetworkMachine, NewBundleImport } from './import-types.js';

interface Row {
  id: number;
  sha256: string;
  file_name: string;
  network: string;
  created_at: string;
  created_by: string;
  imported_at: string;
  actor: string;
  entries: number;
  accepted: number;
  duplicates: number;
  refused: number;
  report_json: string;
}

const toImport = (r: Row): BundleImportRow => ({
  id: r.id,
  sha256: r.sha256,
  fileName: r.file_name,
  network: r.network,
  createdAt: r.created_at,
  createdBy: r.created_by,
  importedAt: r.imported_at,
  actor: r.actor,
  entries: r.entries,
  accepted: r.accepted,
  duplicates: r.duplicates,
  refused: r.refused,
  reportJson: r.report_json,
});

interface MachineRow {
  id: string;
  hostname: string;
  unit: string;
  last_seen: string | null;
}

/** SQL for `bundle_imports` and the offline machines of a network. */
export class ImportRepo {
  private readonly insertStmt: Statement<[Omit<NewBundleImport, 'actor'> & { actor: string }], { id: number }>;
  private readonly bySha: Statement<[string], Row>;
  private readonly byId: Statement<[number], Row>;
  private readonly latest: Statement<[number], Row>;
  private readonly inNetwork: Statement<[string], MachineRow>;
  private readonly inUnnamed: Statement<[string], MachineRow>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO bundle_imports
      (sha256, file_name, network, created_at, created_by, imported_at, actor, entries, accepted, duplicates, refused, report_json)
      VALUES (@sha256, @fileName, @network, @createdAt, @createdBy, @importedAt, @actor, @entries, @accepted, @duplicates, @refused, @reportJson)
      RETURNING id`);
    this.bySha = db.prepare('SELECT * FROM bundle_imports WHERE sha256 = ? ORDER BY id');
    this.byId = db.prepare('SELECT * FROM bundle_imports WHERE id = ?');
    this.latest = db.prepare('SELECT * FROM bundle_imports ORDER BY id DESC LIMIT ?');
    const machines = `SELECT a.id, a.hostname, u.name AS unit, a.last_seen FROM agents a JOIN units u ON u.id = a.unit_id`;
    this.inNetwork = db.prepare(`${machines} WHERE a.network = ? ORDER BY u.name, a.hostname, a.id`);
    this.inUnnamed = db.prepare(`${machines} WHERE a.network = '' AND a.unit_id IN (SELECT unit_id FROM agents WHERE id IN (SELECT value FROM json_each(?))) ORDER BY u.name, a.hostname, a.id`);
  }

  insert(row: NewBundleImport): number {
    return this.insertStmt.get({ ...row, actor: row.actor })!.id;
  }

  earlier(sha256: string): BundleImportRow[] {
    return this.bySha.all(sha256).map(toImport);
  }

  find(id: number): BundleImportRow | undefined {
    const r = this.byId.get(id);
    return r && toImport(r);
  }

  list(limit: number): BundleImportRow[] {
    return this.latest.all(limit).map(toImport);
  }

  networkMachines(network: string, bundleAgents: readonly string[]): NetworkMachine[] {
    const rows = network === '' ? this.inUnnamed.all(JSON.stringify(bundleAgents)) : this.inNetwork.all(network);
    return rows.map((r) => ({ agentId: r.id, hostname: r.hostname, unit: r.unit, lastSeen: r.last_seen }));
  }
}
