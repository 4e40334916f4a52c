import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineEnrollmentToken, assertValid } from '@zhengban/shared';
import { runCliCaptured, tempDir } from '../helper.js';
import { bundleOf, offlinePc, snapshotLine } from './bundles.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('enrollment create --offline', () => {
  it('writes a token file for the PCs and keeps only its hash', async () => {
    const dir = folder();
    const db = join(dir, 'z.db');
    const file = join(dir, 'token.json');
    const r = await runCliCaptured(['enrollment', 'create', '--db', db, '--unit', '县档案馆', '--offline', file, '--network', '档案内网', '--max-uses', '40']);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toMatch(/^offline enrollment token #1 for unit 县档案馆, network 档案内网, expires \S+, uses 40$/);
    const token = assertValid(OfflineEnrollmentToken, JSON.parse(await readFile(file, 'utf8')), 'token file');
    expect(token).toMatchObject({ unit: '县档案馆', network: '档案内网' });
    // 30 days by default: the token is checked when the first bundle comes back.
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(30 * 86_400_000);
    expect(r.out.join('\n')).not.toContain(token.token);
    const list = await runCliCaptured(['enrollment', 'list', '--db', db]);
    expect(list.out[1]).toMatch(/\tactive\toffline \(档案内网\)$/);
  });

  it('refuses --network without --offline and a folder that does not exist, writing nothing', async () => {
    const dir = folder();
    const db = join(dir, 'z.db');
    const a = await runCliCaptured(['enrollment', 'create', '--db', db, '--unit', 'U', '--network', 'x']);
    expect(a).toMatchObject({ code: 2, err: ['zhengban-collector: --network names the network of an offline token: add --offline FILE'] });
    const b = await runCliCaptured(['enrollment', 'create', '--db', db, '--unit', 'U', '--offline', join(dir, 'nope', 't.json')]);
    expect(b.code).toBe(2);
    expect(b.err[0]).toMatch(/^zhengban-collector: cannot write .*t\.json: ENOENT/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('import', () => {
  async function offlineSetup(): Promise<{ dir: string; db: string; token: string }> {
    const dir = folder();
    const db = join(dir, 'z.db');
    const file = join(dir, 'token.json');
    await runCliCaptured(['enrollment', 'create', '--db', db, '--unit', '县档案馆', '--offline', file, '--network', '档案内网']);
    const { token } = JSON.parse(await readFile(file, 'utf8')) as { token: string };
    return { dir, db, token };
  }

  it('imports bundles, prints what each did, and exits 1 naming a refused line on stderr', async () => {
    const { dir, db, token } = await offlineSetup();
    const [a, b] = [offlinePc(token, 'da-01', '档案内网'), offlinePc(token, 'da-02', '档案内网')];
    const first = join(dir, 'first.bundle');
    await writeFile(first, bundleOf([a.enrollment, snapshotLine(a, 1), b.enrollment, snapshotLine(b, 1)], '档案内网'));
    const ok = await runCliCaptured(['import', '--db', db, '--intake-workers', '1', first]);
    expect(ok.err).toEqual([]);
    expect(ok.code).toBe(0);
    expect(ok.out[0]).toMatch(/^first\.bundle: 4 entries from test \(\S+\), network 档案内网; import #1 in \d+\.\d s$/);
    expect(ok.out[1]).toBe('  accepted 2, duplicates 0, replayed 0, refused 0');
    expect(ok.out[2]).toBe('  enrolled 2: da-01 (县档案馆), da-02 (县档案馆)');

    const second = join(dir, 'second.bundle');
    await writeFile(second, bundleOf([a.enrollment, snapshotLine(a, 2), snapshotLine(a, 3).replace('da-01', 'da-09')], '档案内网'));
    const bad = await runCliCaptured(['import', '--db', db, '--intake-workers', '1', second, join(dir, 'missing.bundle')]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('  not in this bundle: 1 machine(s) of network 档案内网');
    expect(bad.err).toEqual([
      'second.bundle line 4: refused: E_SIGNATURE: the signature does not match the payload and the agent key',
      expect.stringMatching(/^zhengban-collector: .*missing\.bundle: ENOENT/),
      'zhengban-collector: 2 of 2 bundle(s) not imported whole; see the lines above',
    ]);
  });
});
