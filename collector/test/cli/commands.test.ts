import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/service/tokens.js';
import { openStore } from '../../src/store/open.js';
import { countRows, runCliCaptured, tempDir } from '../helper.js';
import { enrollWithToken } from '../../src/service/enroll-service.js';
import { useAdminToken } from '../../src/service/token-service.js';

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'nested', 'folder', 'zhengban.db');
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCliCaptured(args);

describe('enrollment create', () => {
  it('prints the token alone on the last line, creates the db folder and the unit, and stores only a hash', async () => {
    const r = await cli('enrollment', 'create', '--db', db, '--unit', '财政局', '--expires', '12h', '--max-uses', '3');
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const token = r.out.at(-1)!;
    expect(token).toMatch(/^zbe_[A-Za-z0-9_-]{43}$/);
    expect(r.out.slice(0, -1).join('\n')).not.toContain(token);
    const store = openStore(db);
    const [info] = await store.read.enrollments.list();
    expect(info).toMatchObject({ unit: '财政局', maxUses: 3, uses: 0 });
    expect(Date.parse(info!.expiresAt) - Date.parse(info!.createdAt)).toBe(12 * 3_600_000);
    expect(await enrollWithToken(store, hashToken(token), info!.createdAt, {
      id: 'ag_x', publicKey: 'k', hostname: 'h', hardwareUuid: null, machineId: null, serial: null, agentVersion: null,
    })).toEqual({ kind: 'enrolled', unit: '财政局' });
    await store.close();
  });

  it('defaults to 7 days and unlimited uses', async () => {
    await cli('enrollment', 'create', '--db', db, '--unit', 'u');
    const store = openStore(db);
    const [info] = await store.read.enrollments.list();
    await store.close();
    expect(info!.maxUses).toBeNull();
    expect(Date.parse(info!.expiresAt) - Date.parse(info!.createdAt)).toBe(7 * 86_400_000);
  });

  it.each([
    [['--unit', 'u', '--expires', '3y'], /not a duration/],
    [['--unit', 'u', '--expires', '0d'], /not a duration/],
    [['--unit', 'u', '--max-uses', '0'], /--max-uses/],
    [['--unit', 'u', '--max-uses', 'many'], /--max-uses/],
    [['--unit', '  '], /--unit/],
    [[], /--unit/],
  ])('refuses %j with one line on stderr and writes nothing', async (args, message) => {
    const r = await cli('enrollment', 'create', '--db', db, ...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message as RegExp);
    expect(existsSync(db)).toBe(false);
  });

  it('lists tokens without secrets', async () => {
    const created = await cli('enrollment', 'create', '--db', db, '--unit', '教育局');
    const r = await cli('enrollment', 'list', '--db', db);
    expect(r.out).toHaveLength(2);
    expect(r.out[1]).toContain('教育局');
    expect(r.out.join('\n')).not.toContain(created.out.at(-1)!);
  });
});

describe('token create', () => {
  it('prints an admin token on the last line and audits its creation', async () => {
    const r = await cli('token', 'create', '--db', db, '--role', 'admin');
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/^zba_[A-Za-z0-9_-]{43}$/);
    const store = openStore(db);
    expect(await useAdminToken(store, hashToken(r.out.at(-1)!), 'now')).toMatchObject({ role: 'admin', unitId: null });
    expect((await store.read.audit.list({ limit: 5, offset: 0 })).map((e) => [e.action, e.actor])).toEqual([['admin-token.create', 'cli']]);
    await store.close();
  });

  it('makes a viewer token for an existing unit', async () => {
    await cli('enrollment', 'create', '--db', db, '--unit', '财政局');
    const r = await cli('token', 'create', '--db', db, '--role', 'viewer', '--unit', '财政局');
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('viewer');
    const list = await cli('token', 'list', '--db', db);
    expect(list.out[1]).toMatch(/viewer\t财政局/);
    expect(list.out.join('\n')).not.toContain(r.out.at(-1)!);
  });

  it('refuses a viewer without a unit, or with an unknown one, writing no token', async () => {
    await cli('enrollment', 'create', '--db', db, '--unit', '财政局');
    const before = countRows(db);
    for (const args of [['--role', 'viewer'], ['--role', 'viewer', '--unit', '不存在'], ['--role', 'root']]) {
      const r = await cli('token', 'create', '--db', db, ...args);
      expect(r.code).not.toBe(0);
      expect(r.out).toEqual([]);
      expect(r.err).toHaveLength(1);
    }
    expect(countRows(db)).toEqual(before);
  });
});

describe('unit list', () => {
  it('lists the units enrollment tokens created', async () => {
    await cli('enrollment', 'create', '--db', db, '--unit', '财政局');
    await cli('enrollment', 'create', '--db', db, '--unit', '财政局');
    const r = await cli('unit', 'list', '--db', db);
    expect(r.out).toHaveLength(2);
    expect(r.out[1]).toMatch(/^1\t财政局\t-\t/);
  });
});

describe('serve (argument checks)', () => {
  it.each([
    [['--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--tls-key', 'k.pem'], /--tls-cert and --tls-key go together/],
    [['--port', '70000'], /--port/],
    [['--stale-after', '-1'], /--stale-after/],
    [['--intake-workers', 'two'], /--intake-workers/],
    [['--intake-workers', '-1'], /--intake-workers/],
    [['--keep-snapshots', '0'], /--keep-snapshots/],
    [['--keep-snapshots', 'forever'], /--keep-snapshots/],
    [['--tls-cert', '/nonexistent/c.pem', '--tls-key', '/nonexistent/k.pem'], /cannot read --tls-cert/],
  ])('refuses %j with one line and opens no db', async (args, message) => {
    const r = await cli('serve', '--db', db, ...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message as RegExp);
    expect(existsSync(db)).toBe(false);
  });
});
