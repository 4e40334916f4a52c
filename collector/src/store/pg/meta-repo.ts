import type { Async } from '../async.js';
import type { MetaRepo } from '../meta-repo.js';
import { row, run, stmt, type Queryable } from './query.js';

type Key = 'catalog_revision' | 'registry_revision' | 'rejudge_pending' | 'assessed_with' | 'allocated_on' | 'kms_hosts';

const GET = stmt('meta.get', 'SELECT value FROM meta WHERE key = $1');
const SET = stmt('meta.set', 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
// One statement, so two collectors bumping at once each get a revision of their own.
const BUMP = stmt(
  'meta.bump',
  `INSERT INTO meta (key, value) VALUES ($1, '1')
   ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text RETURNING value`,
);

/** `meta` on PostgreSQL: see ../meta-repo.ts for what each value means. */
export class PgMetaRepo implements Async<MetaRepo> {
  constructor(private readonly q: Queryable) {}

  private async get(key: Key): Promise<string | undefined> {
    return (await row<{ value: string }>(this.q, GET, [key]))?.value;
  }

  private async write(key: Key, value: string): Promise<void> {
    await run(this.q, SET, [key, value]);
  }

  async revision(which: 'catalog' | 'registry'): Promise<number> {
    return Number((await this.get(`${which}_revision`)) ?? 0);
  }

  async bump(which: 'catalog' | 'registry', reason: string): Promise<number> {
    const next = await this.touch(which);
    await this.write('rejudge_pending', reason);
    return next;
  }

  async touch(which: 'catalog' | 'registry'): Promise<number> {
    return Number((await row<{ value: string }>(this.q, BUMP, [`${which}_revision`]))!.value);
  }

  async pending(): Promise<string> {
    return (await this.get('rejudge_pending')) ?? '';
  }

  async clearPending(): Promise<void> {
    await this.write('rejudge_pending', '');
  }

  async value(key: 'allocated_on' | 'kms_hosts'): Promise<string> {
    return (await this.get(key)) ?? '';
  }

  async set(key: 'allocated_on' | 'kms_hosts', value: string): Promise<void> {
    await this.write(key, value);
  }

  async assessedWith(): Promise<string> {
    return (await this.get('assessed_with')) ?? '';
  }

  async setAssessedWith(version: string): Promise<void> {
    await this.write('assessed_with', version);
  }
}
