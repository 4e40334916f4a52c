import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, signBytes } from '@zhengban/shared';
import { backupDatabase } from '../../src/store/backup.js';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open.js';
import { collectorBin, startCollector, type RunningCollector } from '../../../test/e2e/processes.js';
import { adminToken, enrollmentToken, minimalSnapshot, runCliCaptured, tempDir } from '../helper.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const LATEST = MIGRATIONS.at(-1)!.version;
let dir: string;
let cleanup: () => void;
let db: string;
let out: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'zhengban.db');
  out = join(dir, 'backups', 'zhengban-20261206.db');
});
const servers: RunningCollector[] = [];
afterEach(async () => {
  // A failed assertion must not leave a server running.
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  cleanup();
});
const serve = async (file: string) => {
  const s = await startCollector(file);
  servers.push(s);
  return s;
};

const cli = (...args: string[]) => runCliCaptured(args);

/** Runs SQL on a file through its own connection, as another program would. */
function sql<T>(file: string, query: string, ...params: unknown[]): T[] {
  const conn = new Database(file, { fileMustExist: true });
  try {
    const stmt = conn.prepare(query);
    if (stmt.reader) return stmt.all(...params) as T[];
    stmt.run(...params);
    return [];
  } finally {
    conn.close();
  }
}
const count = (file: string, table: string) => sql<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
const unitNames = (file: string) => sql<{ name: string }>(file, 'SELECT name FROM units ORDER BY id').map((u) => u.name);
const integrity = (file: string) => sql<{ integrity_check: string }>(file, 'PRAGMA integrity_check')[0]!.integrity_check;

/** A zhengban database with the units given, written straight into `units`. */
async function zhengbanDb(file: string, ...units: string[]): Promise<void> {
  await openStore(file).close();
  for (const name of units) sql(file, 'INSERT INTO units (name, created_at) VALUES (?, ?)', name, '2026-12-06T00:00:00.000Z');
}

describe('backup', () => {
  it('copies a database another connection keeps writing to, as it stood when the copy began', async () => {
    const store = openStore(db);
    let stop = false;
    let written = 0;
    const writer = (async () => {
      for (; !stop; written++) {
        await enrollmentToken(store, '财政局', { now: new Date() });
        await new Promise(setImmediate);
      }
    })();
    while (written < 20) await new Promise(setImmediate);
    const before = count(db, 'enrollment_tokens');
    const seen: number[] = [];
    const facts = await backupDatabase({ db, out, replace: false, pagesPerStep: 1, onStep: () => seen.push(written) });
    stop = true;
    await writer;
    await store.close();
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.at(-1)! - seen[0]!).toBeGreaterThan(10); // the writer went on between the steps
    expect(count(out, 'enrollment_tokens')).toBe(before);
    expect(count(db, 'enrollment_tokens')).toBeGreaterThan(before);
    expect(integrity(out)).toBe('ok');
    expect(facts).toMatchObject({ schemaVersion: LATEST, machines: { total: 0 }, verdicts: 0 });
    expect(readdirSync(join(dir, 'backups'))).toEqual(['zhengban-20261206.db']); // one file: no -wal, no temp
  });

  it('prints size, schema version, counts and time, and replaces an existing --out only with --force', async () => {
    await zhengbanDb(db, '财政局');
    writeFileSync(join(dir, 'keep.db'), 'an older backup');
    const refused = await cli('backup', '--db', db, '--out', join(dir, 'keep.db'));
    expect(refused).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(/keep\.db already exists: give --force to replace it$/)] });
    expect(readFileSync(join(dir, 'keep.db'), 'utf8')).toBe('an older backup');

    const r = await cli('backup', '--db', db, '--out', join(dir, 'keep.db'), '--force');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(new RegExp(`: \\d+ bytes \\(.* MiB\\), schema version ${LATEST}, integrity_check ok$`));
    expect(r.out[1]).toMatch(/^0 machines \(0 licensed, 0 unauthorized, 0 not judged yet\), 0 verdicts; took \d+\.\d s$/);
    expect(unitNames(join(dir, 'keep.db'))).toEqual(['财政局']);
  });

  it.each([
    ['a missing database', () => undefined, /there is no database at .*nope\.db$/],
    ['a text file', () => writeFileSync(join(dir, 'nope.db'), 'not sqlite at all, just some text that is long enough to be read'), /nope\.db is not a zhengban database: file is not a database$/],
    ['another program\'s SQLite file', () => new Database(join(dir, 'nope.db')).exec('CREATE TABLE notes (t TEXT)').close(), /nope\.db is not a zhengban database: it has no zhengban schema/],
  ])('refuses %s with one line on stderr and writes nothing', async (_, make, message) => {
    make();
    const before = readdirSync(dir);
    const r = await cli('backup', '--db', join(dir, 'nope.db'), '--out', out);
    expect(r).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(message)] });
    expect(readdirSync(dir)).toEqual(before);
  });

  it('refuses --out naming the database itself as a usage error', async () => {
    await zhengbanDb(db);
    expect(await cli('backup', '--db', db, '--out', db, '--force')).toMatchObject({ code: 2, err: [expect.stringMatching(/--out names the database itself/)] });
  });

  it('leaves nothing under the final name, nor a temporary file, when the copy fails mid-way', async () => {
    await zhengbanDb(db);
    let steps = 0;
    const failing = backupDatabase({ db, out, replace: false, pagesPerStep: 2, onStep: () => {
      if (++steps === 3) throw new Error('disk full');
    } });
    await expect(failing).rejects.toThrow('disk full');
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });
});

describe('backup and restore beside a real serve', () => {
  beforeAll(() => {
    // The child runs the built code; build it (incremental, so cheap when up to date).
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'collector'], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  it('leaves no file under the final name when the backup process is killed mid-way', async () => {
    await zhengbanDb(db);
    sql(db, 'CREATE TABLE filler (b BLOB)');
    sql(db, 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 16000) INSERT INTO filler SELECT randomblob(4000) FROM c');
    const folder = join(dir, 'backups');
    mkdirSync(folder);
    const child = spawn(process.execPath, [collectorBin, 'backup', '--db', db, '--out', out], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let killedWith = '';
    const watcher = watch(folder, (_, name) => {
      if (name?.endsWith('.tmp') && !killedWith) {
        killedWith = name;
        child.kill('SIGKILL');
      }
    });
    await exited;
    watcher.close();
    expect(killedWith).toMatch(/^\.zhengban-20261206\.db\.[0-9a-f]{8}\.tmp$/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('backs up while serve ingests; restore is refused while serve runs, and afterwards the restored database serves the backup', async () => {
    const store = openStore(db);
    const enroll = await enrollmentToken(store, '财政局', { now: new Date() });
    const admin = await adminToken(store);
    await store.close();
    let server = await serve(db);
    const keys = generateKeyPair();
    const enrolled = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: enroll, publicKey: keys.publicKeyPem, hostname: 'pc-01' }),
    });
    const { agentId } = (await enrolled.json()) as { agentId: string };
    let accepted = 0;
    let stop = false;
    const post = async (seq: number) => {
      const body = JSON.stringify({ ...minimalSnapshot(), agentId, seq });
      const headers = { 'content-type': 'application/json', 'x-zhengban-agent': agentId, 'x-zhengban-signature': signBytes(Buffer.from(body), keys.privateKeyPem) };
      return (await fetch(`${server.url}/api/v1/snapshots`, { method: 'POST', headers, body })).status;
    };
    const sender = (async () => {
      while (!stop) if ((await post(accepted + 1)) === 202) accepted++;
    })();
    while (accepted < 5) await new Promise((r) => setTimeout(r, 10));
    const before = accepted;
    const backedUp = await cli('backup', '--db', db, '--out', out);
    const during = accepted;
    while (accepted < during + 3) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await sender;
    expect(backedUp).toMatchObject({ code: 0, err: [] });
    expect(backedUp.out[1]).toMatch(/^1 machines \(\d licensed, \d unauthorized, 0 not judged yet\), \d+ verdicts; took/);
    expect(integrity(out)).toBe('ok');
    const inBackup = count(out, 'snapshots');
    expect(inBackup).toBeGreaterThanOrEqual(before);
    expect(inBackup).toBeLessThan(accepted);

    const refused = await cli('restore', '--from', out, '--db', db, '--force');
    expect(refused).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(/zhengban\.db is open in another process \(a running zhengban-collector serve, or another command\): stop it, then restore$/)] });
    expect(readdirSync(dir).filter((f) => f.includes('restore'))).toEqual([]);

    await server.stop();
    expect(count(db, 'snapshots')).toBe(accepted);
    const restored = await cli('restore', '--from', out, '--db', db, '--force');
    expect(restored.code).toBe(0);
    const kept = /kept as (\S+)$/.exec(restored.out.at(-1)!)![1]!;
    expect(kept).toMatch(/zhengban\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(count(kept, 'snapshots')).toBe(accepted);
    server = await serve(db);
    const list = await fetch(`${server.url}/api/v1/machines`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await list.json()) as { total: number }).total).toBe(1);
    // The restored database's last seq is the backup's: the next one is taken, an older one refused.
    expect(await post(inBackup)).toBe(409);
    expect(await post(inBackup + 1)).toBe(202);
  }, 60_000);
});

describe('restore', () => {
  const backupOf = async (...units: string[]) => {
    await zhengbanDb(join(dir, 'source.db'), ...units);
    expect((await cli('backup', '--db', join(dir, 'source.db'), '--out', out)).code).toBe(0);
  };

  it('keeps the replaced database with its WAL folded in, and leaves no -wal beside the restored one', async () => {
    await backupOf('备份里的单位');
    await zhengbanDb(db, '甲');
    // A server killed with writes still in its WAL.
    spawnSync(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.pragma('wal_autocheckpoint = 0');
      db.prepare("INSERT INTO units (name, created_at) VALUES ('乙', 'x')").run(); process.kill(process.pid, 'SIGKILL');`, db], { cwd: join(root, 'collector') });
    expect(readFileSync(`${db}-wal`).length).toBeGreaterThan(0);

    const r = await cli('restore', '--from', out, '--db', db, '--force');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`restored ${db} from ${out}: schema version ${LATEST}, integrity_check ok`);
    const kept = r.out[2]!.replace('the database it replaced is kept as ', '');
    expect(readdirSync(dir).sort()).toEqual(['backups', 'source.db', 'zhengban.db', kept.slice(dir.length + 1)].sort());
    expect(unitNames(kept)).toEqual(['甲', '乙']);
    expect(integrity(kept)).toBe('ok');
    const store = openStore(db);
    expect((await store.read.units.findByName('备份里的单位'))?.name).toBe('备份里的单位');
    await store.close();
  });

  it('puts a backup where there is no database, without --force', async () => {
    await backupOf('财政局');
    const r = await cli('restore', '--from', out, '--db', join(dir, 'new', 'z.db'));
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toBe('there was no database to replace');
    expect(unitNames(join(dir, 'new', 'z.db'))).toEqual(['财政局']);
  });

  it('migrates an older backup up to this collector\'s schema', async () => {
    const old = new Database(join(dir, 'old.db'));
    migrate(old, MIGRATIONS.slice(0, 4));
    old.prepare("INSERT INTO units (name, created_at) VALUES ('旧单位', 'x')").run();
    old.close();
    expect((await cli('backup', '--db', join(dir, 'old.db'), '--out', out)).out[0]).toContain('schema version 4,');
    const r = await cli('restore', '--from', out, '--db', db);
    expect(r.out[0]).toBe(`restored ${db} from ${out}: schema version 4, migrated to ${LATEST}, integrity_check ok`);
    expect(sql<{ user_version: number }>(db, 'PRAGMA user_version')[0]!.user_version).toBe(LATEST);
    expect(unitNames(db)).toEqual(['旧单位']);
  });

  it('refuses to replace a database without --force, or one held open by a writer', async () => {
    await backupOf('备份里的单位');
    await zhengbanDb(db, '甲');
    const unforced = await cli('restore', '--from', out, '--db', db);
    expect(unforced).toMatchObject({ code: 1, err: [expect.stringMatching(/zhengban\.db already exists: give --force to replace it/)] });

    const store = openStore(db);
    await enrollmentToken(store, '乙', { now: new Date() });
    const held = await cli('restore', '--from', out, '--db', db, '--force');
    expect(held).toMatchObject({ code: 1, err: [expect.stringMatching(/is open in another process/)] });
    await store.close();
    expect(unitNames(db)).toEqual(['甲', '乙']);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'source.db', 'zhengban.db']);
  });

  it.each([
    ['a corrupt backup', (file: string) => {
      const bytes = readFileSync(file);
      const at = bytes.indexOf('MARKER-AAAAAAAA');
      writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from('MARKER-BBBBBBBB'), bytes.subarray(at + 15)]));
    }, /the backup .* fails the check: PRAGMA integrity_check says .*index/],
    ['a backup from a newer collector', (file: string) => sql(file, `PRAGMA user_version = ${LATEST + 1}`),
      new RegExp(`is at schema version ${LATEST + 1}, but this collector knows only up to ${LATEST}: restore it with a newer collector$`)],
    ['a file that is not a database', (file: string) => writeFileSync(file, 'x'.repeat(4096)), /is not a zhengban database: file is not a database$/],
    ['a missing backup', (file: string) => rmSync(file), /there is no backup at .*zhengban-20261206\.db$/],
  ])('refuses %s and leaves the database as it was', async (_, spoil, message) => {
    await backupOf('MARKER-AAAAAAAA');
    spoil(out);
    await zhengbanDb(db, '甲');
    const r = await cli('restore', '--from', out, '--db', db, '--force');
    expect(r).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(message)] });
    expect(unitNames(db)).toEqual(['甲']);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'source.db', 'zhengban.db']);
  });

  it('refuses --from naming the database itself as a usage error', async () => {
    await zhengbanDb(db);
    expect(await cli('restore', '--from', db, '--db', db, '--force')).toMatchObject({ code: 2, err: [expect.stringMatching(/--from names the database itself/)] });
  });
});
