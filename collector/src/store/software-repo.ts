import type { Database, Statement } from 'better-sqlite3';
import type { SoftwareItem } from '@zhengban/shared';
import type { InstalledBetween } from '../classify/context.js';
import type { ListedSoftware } from '../engine/software-diff.js';
import { comparedItem, installedBetween, installedOf, installedSinceOf, toItem, type InstalledRow, type SoftwareRow } from './software-rows.js';

/** The columns that tell programs apart across snapshots, and their installs: rowid, name, version, publisher, arch, scope, user_sid, installed_*. */
type N = string | null;
type KeyRow = [number, string, N, N, N, N, N, N, N, N];

const COLUMNS = `name, version, publisher, arch, install_date, size_bytes, source, scope, user_sid, system_component,
  installed_snapshot_id, installed_previous_snapshot_id, installed_at`;
/** The machine's current list: rows of the generation `agents.software_gen` names. */
const CURRENT = 'agent_id = ? AND gen = (SELECT software_gen FROM agents WHERE id = agent_id)';

/**
 * SQL for `machine_software`: each machine's software list. A list is written under a
 * generation of its own and becomes the machine's list when `agents.software_gen` names
 * it (migration 7), so a long list can be written in pieces that no reader sees.
 */
export class SoftwareRepo {
  private readonly insertStmt: Statement<(string | number | null)[]>;
  private readonly listStmt: Statement<[string], SoftwareRow>;
  private readonly pageStmt: Statement<[string, number, number, number], KeyRow>;
  private readonly installedStmt: Statement<[string], InstalledRow>;
  private readonly deleteGenStmt: Statement<[string, number, number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO machine_software (agent_id, gen, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM machine_software WHERE ${CURRENT} ORDER BY rowid`);
    // Rows as arrays, not objects: read 20,000 at a time when a long list is compared.
    this.pageStmt = db
      .prepare(`SELECT rowid, name, version, publisher, arch, scope, user_sid, installed_snapshot_id, installed_previous_snapshot_id, installed_at
        FROM machine_software WHERE agent_id = ? AND gen = ? AND rowid > ? ORDER BY rowid LIMIT ?`)
      .raw(true) as unknown as Statement<[string, number, number, number], KeyRow>;
    this.installedStmt = db.prepare(`SELECT name, installed_snapshot_id, installed_previous_snapshot_id, installed_at
      FROM machine_software WHERE ${CURRENT} AND installed_at IS NOT NULL`);
    this.deleteGenStmt = db.prepare('DELETE FROM machine_software WHERE rowid IN (SELECT rowid FROM machine_software WHERE agent_id = ? AND gen = ? LIMIT ?)');
  }

  /** Writes programs under a generation, with positional parameters: a long list writes 20,000 of these. */
  insert(agentId: string, gen: number, list: readonly ListedSoftware[]): void {
    for (const { item: s, installed } of list) {
      this.insertStmt.run(
        agentId, gen, s.name, s.version ?? null, s.publisher ?? null, s.arch ?? null, s.installDate ?? null, s.sizeBytes ?? null,
        s.source, s.scope ?? null, s.userSid ?? null, s.systemComponent === undefined ? null : s.systemComponent ? 1 : 0,
        installed?.snapshotId ?? null, installed?.previousSnapshotId ?? null, installed?.at ?? null,
      );
    }
  }

  /** Deletes up to `limit` rows of a generation; returns how many went. */
  deleteGen(agentId: string, gen: number, limit: number): number {
    return this.deleteGenStmt.run(agentId, gen, limit).changes;
  }

  list(agentId: string): SoftwareItem[] {
    return this.listStmt.all(agentId).map(toItem);
  }

  /** The current list with each program's install. */
  listed(agentId: string): ListedSoftware[] {
    return this.listStmt.all(agentId).map((r) => ({ item: toItem(r), installed: installedOf(r) }));
  }

  /**
   * A generation's list `limit` programs at a time after `afterRowid`, with the rowid to
   * go on from (null at the end): only what a comparison with a new list reads.
   */
  listedPage(agentId: string, gen: number, afterRowid: number, limit: number): { page: ListedSoftware[]; next: number | null } {
    const rows = this.pageStmt.all(agentId, gen, afterRowid, limit);
    const page = rows.map(
      ([, name, version, publisher, arch, scope, userSid, snapshotId, previousSnapshotId, at]): ListedSoftware => ({
        item: comparedItem(name, version, publisher, arch, scope, userSid),
        installed: installedBetween(snapshotId, previousSnapshotId, at),
      }),
    );
    return { page, next: rows.length === limit ? rows.at(-1)![0] : null };
  }

  /** Lower-cased name → when it was installed, for the programs installed after the machine's first snapshot. */
  installedSince(agentId: string): Map<string, InstalledBetween> {
    return installedSinceOf(this.installedStmt.all(agentId));
  }
}
