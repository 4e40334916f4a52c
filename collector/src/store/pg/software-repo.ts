import type { SoftwareItem } from '@zhengban/shared';
import type { InstalledBetween } from '../../classify/context.js';
import type { ListedSoftware } from '../../engine/software-diff.js';
import type { Async } from '../async.js';
import type { SoftwareRepo } from '../software-repo.js';
import { comparedItem, installedOf, installedSinceOf, toItem, type InstalledRow, type SoftwareRow } from '../software-rows.js';
import { rows, run, stmt, type Queryable } from './query.js';

/** A SoftwareRow's columns (../software-rows.ts), in the order the insert's arrays give them. */
export const SOFTWARE_COLUMNS = `name, version, publisher, arch, install_date, size_bytes, source, scope, user_sid, system_component,
  installed_snapshot_id, installed_previous_snapshot_id, installed_at`;

/**
 * The machine's current list, in the order it was written. `rowid` is the twin of
 * SQLite's implicit one (a column only in PostgreSQL, see the baseline): PostgreSQL keeps
 * no order of its own, and findings quote programs by their place in the list.
 */
const CURRENT = 'agent_id = $1 AND gen = (SELECT software_gen FROM agents WHERE id = $1)';

const S = {
  // One statement for a slice of up to 20,000 programs: arrays of the columns, in list order.
  insert: stmt(
    'software.insert',
    `INSERT INTO machine_software (agent_id, gen, ${SOFTWARE_COLUMNS})
    SELECT $1::text, $2::bigint, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[],
      $12::smallint[], $13::text[], $14::text[], $15::text[])`,
  ),
  // By ctid: the rows the subquery picked, found without another index.
  deleteGen: stmt(
    'software.deleteGen',
    'DELETE FROM machine_software WHERE ctid = ANY (ARRAY(SELECT ctid FROM machine_software WHERE agent_id = $1 AND gen = $2 LIMIT $3))',
  ),
  list: stmt('software.list', `SELECT ${SOFTWARE_COLUMNS} FROM machine_software WHERE ${CURRENT} ORDER BY rowid`),
  page: stmt(
    'software.page',
    `SELECT rowid, name, version, publisher, arch, scope, user_sid, installed_snapshot_id, installed_previous_snapshot_id, installed_at
    FROM machine_software WHERE agent_id = $1 AND gen = $2 AND rowid > $3 ORDER BY rowid LIMIT $4`,
  ),
  installed: stmt(
    'software.installed',
    `SELECT name, installed_snapshot_id, installed_previous_snapshot_id, installed_at
    FROM machine_software WHERE ${CURRENT} AND installed_at IS NOT NULL ORDER BY rowid`,
  ),
};

type PageRow = InstalledRow & Pick<SoftwareRow, 'version' | 'publisher' | 'arch' | 'scope' | 'user_sid'> & {
  rowid: number;
};

/** `machine_software` on PostgreSQL: see ../software-repo.ts for the generations a list is written under. */
export class PgSoftwareRepo implements Async<SoftwareRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(agentId: string, gen: number, list: readonly ListedSoftware[]): Promise<void> {
    if (list.length === 0) return;
    const column = <T>(f: (s: ListedSoftware) => T) => list.map(f);
    await run(this.q, S.insert, [
      agentId,
      gen,
      column((s) => s.item.name),
      column((s) => s.item.version ?? null),
      column((s) => s.item.publisher ?? null),
      column((s) => s.item.arch ?? null),
      column((s) => s.item.installDate ?? null),
      column((s) => s.item.sizeBytes ?? null),
      column((s) => s.item.source),
      column((s) => s.item.scope ?? null),
      column((s) => s.item.userSid ?? null),
      column((s) => (s.item.systemComponent === undefined ? null : s.item.systemComponent ? 1 : 0)),
      column((s) => s.installed?.snapshotId ?? null),
      column((s) => s.installed?.previousSnapshotId ?? null),
      column((s) => s.installed?.at ?? null),
    ]);
  }

  async deleteGen(agentId: string, gen: number, limit: number): Promise<number> {
    return run(this.q, S.deleteGen, [agentId, gen, limit]);
  }

  async list(agentId: string): Promise<SoftwareItem[]> {
    return (await rows<SoftwareRow>(this.q, S.list, [agentId])).map(toItem);
  }

  async listed(agentId: string): Promise<ListedSoftware[]> {
    return (await rows<SoftwareRow>(this.q, S.list, [agentId])).map((r) => ({ item: toItem(r), installed: installedOf(r) }));
  }

  async listedPage(agentId: string, gen: number, afterRowid: number, limit: number): Promise<{ page: ListedSoftware[]; next: number | null }> {
    const found = await rows<PageRow>(this.q, S.page, [agentId, gen, afterRowid, limit]);
    const page = found.map((r): ListedSoftware => ({
      item: comparedItem(r.name, r.version, r.publisher, r.arch, r.scope, r.user_sid),
      installed: installedOf(r),
    }));
    return { page, next: found.length === limit ? found.at(-1)!.rowid : null };
  }

  async installedSince(agentId: string): Promise<Map<string, InstalledBetween>> {
    return installedSinceOf(await rows<InstalledRow>(this.q, S.installed, [agentId]));
  }
}
