import type { Async } from '../async.js';
import type { ImportRepo } from '../import-repo.js';
import type { BundleImportRow, NetworkMachine, NewBundleImport } from '../import-types.js';
import { row, rows, stmt, type Queryable } from './query.js';

const COLUMNS = `id, sha256, file_name AS "fileName", network, created_at AS "createdAt", created_by AS "createdBy",
  imported_at AS "importedAt", actor, entries, accepted, duplicates, refused, report_json AS "reportJson"`;

const INSERT = stmt(
  'imports.insert',
  `INSERT INTO bundle_imports
     (sha256, file_name, network, created_at, created_by, imported_at, actor, entries, accepted, duplicates, refused, report_json)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
);
const BY_SHA = stmt('imports.earlier', `SELECT ${COLUMNS} FROM bundle_imports WHERE sha256 = $1 ORDER BY id`);
const BY_ID = stmt('imports.find', `SELECT ${COLUMNS} FROM bundle_imports WHERE id = $1`);
const LATEST = stmt('imports.list', `SELECT ${COLUMNS} FROM bundle_imports ORDER BY id DESC LIMIT $1`);

// Byte order, as SQLite sorts text.
const MACHINES = `SELECT a.id AS "agentId", a.hostname, u.name AS unit, a.last_seen AS "lastSeen" FROM agents a JOIN units u ON u.id = a.unit_id`;
const MACHINE_ORDER = 'ORDER BY u.name COLLATE "C", a.hostname COLLATE "C", a.id COLLATE "C"';
const IN_NETWORK = stmt('imports.inNetwork', `${MACHINES} WHERE a.network = $1 ${MACHINE_ORDER}`);
// The unnamed network is the units of the bundle's agents.
const IN_UNNAMED = stmt(
  'imports.inUnnamed',
  `${MACHINES} WHERE a.network = '' AND a.unit_id IN (SELECT unit_id FROM agents WHERE id = ANY($1::text[])) ${MACHINE_ORDER}`,
);

type ImportRow = BundleImportRow & Record<string, unknown>;
type MachineRow = NetworkMachine & Record<string, unknown>;

/** `bundle_imports` and the offline machines of a network, on PostgreSQL: see ../import-repo.ts. */
export class PgImportRepo implements Async<ImportRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(r: NewBundleImport): Promise<number> {
    const values = [r.sha256, r.fileName, r.network, r.createdAt, r.createdBy, r.importedAt, r.actor, r.entries, r.accepted, r.duplicates, r.refused, r.reportJson];
    return (await row<{ id: number }>(this.q, INSERT, values))!.id;
  }

  async earlier(sha256: string): Promise<BundleImportRow[]> {
    return rows<ImportRow>(this.q, BY_SHA, [sha256]);
  }

  async find(id: number): Promise<BundleImportRow | undefined> {
    return row<ImportRow>(this.q, BY_ID, [id]);
  }

  async list(limit: number): Promise<BundleImportRow[]> {
    return rows<ImportRow>(this.q, LATEST, [limit]);
  }

  async networkMachines(network: string, bundleAgents: readonly string[]): Promise<NetworkMachine[]> {
    return network === '' ? rows<MachineRow>(this.q, IN_UNNAMED, [bundleAgents]) : rows<MachineRow>(this.q, IN_NETWORK, [network]);
  }
}
