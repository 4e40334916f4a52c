import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, entries, newestGlibc, out, verifyUnit, type Entry } from './build.js';

// The collector's .deb (amd64) and tarball (linux-x64), built as `npm run package`
// builds them: fields, files, the production dependencies and nothing else; the
// unpacked package served with its own runtime and collector.env's settings, the
// dashboard and an XLSX report answered (exceljs, better-sqlite3 from the package).
// Its postinst (a system user, chown) is not run here: that would change this machine
// for good, so it is read, not run.

let built: { dir: string; files: Record<string, string> };
let deb: string;
let tarball: string;
let unpacked: string;
let prefix: string;
let files: Map<string, Entry>;
beforeAll(() => {
  built = buildPackages(['collector-deb-amd64', 'collector-tar-linux-x64']);
  deb = built.files['collector-deb-amd64']!;
  tarball = built.files['collector-tar-linux-x64']!;
  unpacked = join(built.dir, 'deb');
  out('dpkg-deb', ['-x', deb, unpacked]);
  prefix = join(unpacked, 'opt/zhengban-collector');
  files = new Map(entries(out('dpkg-deb', ['-c', deb])).map((e) => [e.path, e]));
}, 300_000);
afterAll(() => built && rmSync(built.dir, { recursive: true, force: true }));

const SQLITE = 'app/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

describe('the collector .deb', () => {
  it('depends on the glibc its runtime and better-sqlite3 need, and keeps collector.env as a conffile', () => {
    const glibc = newestGlibc(join(prefix, 'node/bin/node'), join(prefix, SQLITE));
    expect(out('dpkg-deb', ['-f', deb, 'Depends']).trim()).toMatch(new RegExp(`^libc6 \\(>= ${glibc}\\), libstdc\\+\\+6 \\(>= [\\d.]+\\), libgcc-s1 \\| libgcc1, adduser \\| passwd$`));
    expect(out('dpkg-deb', ['-f', deb, 'Architecture']).trim()).toBe('amd64');
    expect(out('dpkg-deb', ['-I', deb, 'conffiles']).trim()).toBe('/etc/zhengban-collector/collector.env');
    const postinst = out('dpkg-deb', ['-I', deb, 'postinst']);
    expect(postinst).toMatch(/adduser --quiet --system --group --home \/var\/lib\/zhengban-collector/);
    expect(postinst).toContain('/opt/zhengban-collector/libexec/systemd-unit on zhengban-collector.service');
  });

  it('carries the runtime, the collector, its dashboard and its production dependencies only', () => {
    for (const path of ['node/bin/node', 'bin/zhengban-collector', 'bin/zhengban-collector-serve', 'libexec/systemd-unit', SQLITE]) {
      expect(files.get(`/opt/zhengban-collector/${path}`)?.mode, path).toBe('-rwxr-xr-x');
    }
    for (const path of ['app/collector/dist/cli.js', 'app/collector/web-dist/index.html', 'app/shared/dist/index.js', 'app/node_modules/fastify/package.json', 'app/node_modules/exceljs/package.json']) {
      expect(files.get(`/opt/zhengban-collector/${path}`)?.mode, path).toBe('-rw-r--r--');
    }
    expect(files.get('/opt/zhengban-collector/app/node_modules/@zhengban/shared')?.target).toBe('../../shared');
    expect(files.get('/usr/bin/zhengban-collector')?.target).toBe('/opt/zhengban-collector/bin/zhengban-collector');
    expect(files.get('/etc/zhengban-collector/collector.env')?.mode).toBe('-rw-r--r--');
    expect(files.get('/lib/systemd/system/zhengban-collector.service')?.mode).toBe('-rw-r--r--');
    const paths = [...files.keys()];
    for (const dev of ['vitest', 'typescript', 'rolldown', 'playwright-core', 'vite', '@types', 'preact', 'echarts']) {
      expect(paths.filter((p) => p.startsWith(`/opt/zhengban-collector/app/node_modules/${dev}/`)), dev).toEqual([]);
    }
    expect(paths.filter((p) => /\.d\.[cm]?ts$|\.map$|better-sqlite3\/(deps|src)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/var/'))).toEqual([]);
    expect([...files.values()].filter((e) => e.owner !== 'root/root')).toEqual([]);
  });

  it('has a unit that systemd-analyze verify passes, running as the user zhengban', () => {
    const unit = join(unpacked, 'lib/systemd/system/zhengban-collector.service');
    const verify = verifyUnit(unit, unpacked, '/opt/zhengban-collector');
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toBe('');
    expect(readFileSync(unit, 'utf8')).toMatch(/^User=zhengban$[\s\S]*^EnvironmentFile=\/etc\/zhengban-collector\/collector\.env$[\s\S]*^StateDirectory=zhengban-collector$/m);
  });

  it('serves the API, the dashboard and an XLSX report from the unpacked package with collector.env\'s settings', async () => {
    const settings = Object.fromEntries(readFileSync(join(unpacked, 'etc/zhengban-collector/collector.env'), 'utf8')
      .split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(settings).toMatchObject({ ZHENGBAN_HOST: '127.0.0.1', ZHENGBAN_PORT: '8470', ZHENGBAN_TLS_CERT: '' });
    const db = join(built.dir, 'state/zhengban.db');
    const env = { PATH: '/usr/bin:/bin', ...settings, ZHENGBAN_PORT: '0', ZHENGBAN_DB: db };
    const child = spawn(join(prefix, 'bin/zhengban-collector-serve'), [], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => /^listening on (\S+)/.exec(line) && resolve(line.slice(13)));
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
      expect(await (await fetch(`${url}/`)).text()).toMatch(/<html/i);
      const admin = out(join(prefix, 'bin/zhengban-collector'), ['token', 'create', '--role', 'admin', '--db', db]).trim().split('\n').at(-1);
      const xlsx = await fetch(`${url}/api/v1/reports/statistics?format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});

describe('the collector tarball', () => {
  it('is one folder holding the same collector, with collector.env and the unit to copy, all root\'s', () => {
    const listed = entries(out('tar', ['-tvJf', tarball]));
    const top = `zhengban-collector-${JSON.parse(readFileSync(join(prefix, 'app/collector/package.json'), 'utf8')).version}-linux-x64`;
    expect(listed.filter((e) => !e.path.startsWith(top))).toEqual([]);
    const mode = new Map(listed.map((e) => [e.path.slice(top.length + 1), e.mode]));
    expect(mode.get('node/bin/node')).toBe('-rwxr-xr-x');
    expect(mode.get('bin/zhengban-collector-serve')).toBe('-rwxr-xr-x');
    expect(mode.get('collector.env')).toBe('-rw-r--r--');
    expect(mode.get('zhengban-collector.service')).toBe('-rw-r--r--');
    expect(mode.get(SQLITE)).toBe('-rwxr-xr-x');
    expect(listed.filter((e) => e.owner !== '0/0')).toEqual([]);
    const debPaths = [...files.keys()].filter((p) => p.startsWith('/opt/zhengban-collector/')).map((p) => p.slice('/opt/zhengban-collector/'.length));
    expect(debPaths.filter((p) => !mode.has(p))).toEqual([]);
  });

  it('runs its CLI on its own runtime, better-sqlite3 included', () => {
    const into = join(built.dir, 'tar');
    mkdirSync(into);
    out('tar', ['-xJf', tarball, '-C', into]);
    const [top] = out('ls', [into]).trim().split('\n');
    const listed = out(join(into, top!, 'bin/zhengban-collector'), ['enrollment', 'list', '--db', join(into, 'x.db')], { env: { PATH: '/usr/bin:/bin' } });
    expect(listed).toMatch(/^id\tunit\texpires\tuses\tstate/);
  });
});
