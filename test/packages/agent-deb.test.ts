import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorBin, lastLine, runCli, startCollector, type RunningCollector } from '../e2e/processes.js';
import { buildPackages, elfMachine, entries, newestGlibc, out, sh, shAsync, type Entry } from './build.js';
import { makePki, tlsFront, type Front } from './tls.js';

// The agent's .debs, built as `npm run package` builds them: their fields and files;
// then the amd64 one installed on this machine itself (root; CI is the same kind of
// machine) with an install.env naming a loopback collector behind HTTPS and its CA's
// fingerprint: the package enrols, reports, and the collector has the verdict;
// reinstalled, removed and purged, it leaves what docs/packaging.md says.

let built: { dir: string; files: Record<string, string> };
let deb: Record<string, string>;
beforeAll(() => {
  built = buildPackages(['agent-deb-amd64', 'agent-deb-arm64', 'agent-deb-loong64']);
  deb = built.files;
}, 300_000);
afterAll(() => built && rmSync(built.dir, { recursive: true, force: true }));

const field = (file: string, name: string) => out('dpkg-deb', ['-f', file, name]).trim();
const listing = (file: string) => new Map(entries(out('dpkg-deb', ['-c', file])).map((e) => [e.path, e]));
const unpack = (file: string) => {
  const into = join(built.dir, `unpacked-${field(file, 'Architecture')}`);
  out('dpkg-deb', ['-x', file, into]);
  return into;
};

describe('agent .debs: fields and files', () => {
  it('name each architecture and what it needs: the runtime\'s glibc, or the distribution\'s nodejs', () => {
    for (const [id, arch] of [['agent-deb-amd64', 'amd64'], ['agent-deb-arm64', 'arm64']] as const) {
      expect(field(deb[id]!, 'Package')).toBe('zhengban-agent');
      expect(field(deb[id]!, 'Architecture')).toBe(arch);
      expect(field(deb[id]!, 'Version')).toMatch(/^\d+\.\d+\.\d+-1$/);
      expect(field(deb[id]!, 'Depends')).toBe(`libc6 (>= ${newestGlibc(join(unpack(deb[id]!), 'opt/zhengban-agent/node/bin/node'))}), libstdc++6 (>= 5.2), libgcc-s1 | libgcc1`);
      expect(Number(field(deb[id]!, 'Installed-Size'))).toBeGreaterThan(90_000);
    }
    expect(field(deb['agent-deb-loong64']!, 'Architecture')).toBe('loong64');
    expect(field(deb['agent-deb-loong64']!, 'Depends')).toBe('nodejs (>= 20)');
    expect(Number(field(deb['agent-deb-loong64']!, 'Installed-Size'))).toBeLessThan(5_000);
    expect(out('dpkg-deb', ['-I', deb['agent-deb-amd64']!])).toMatch(/postinst[\s\S]*postrm[\s\S]*prerm/);
  });

  it('carry the bundle, the runtime, the wrapper, the setup and the unit, all root\'s, and nothing in /etc or /var', () => {
    const files = listing(deb['agent-deb-amd64']!);
    const mode = (path: string) => files.get(path)?.mode;
    expect(mode('/opt/zhengban-agent/node/bin/node')).toBe('-rwxr-xr-x');
    expect(mode('/opt/zhengban-agent/bin/zhengban-agent')).toBe('-rwxr-xr-x');
    expect(mode('/opt/zhengban-agent/libexec/agent-setup')).toBe('-rwxr-xr-x');
    expect(mode('/opt/zhengban-agent/libexec/systemd-unit')).toBe('-rwxr-xr-x');
    expect(mode('/opt/zhengban-agent/libexec/fetch-ca.mjs')).toBe('-rw-r--r--');
    expect(mode('/opt/zhengban-agent/lib/zhengban-agent.mjs')).toBe('-rw-r--r--');
    expect(mode('/lib/systemd/system/zhengban-agent.service')).toBe('-rw-r--r--');
    expect(mode('/usr/share/doc/zhengban-agent/install.env.example')).toBe('-rw-r--r--');
    expect(files.get('/usr/bin/zhengban-agent')).toMatchObject({ mode: 'lrwxrwxrwx', target: '/opt/zhengban-agent/bin/zhengban-agent' });
    const all: Entry[] = [...files.values()];
    expect(all.filter((e) => e.owner !== 'root/root')).toEqual([]);
    expect(all.filter((e) => /^\/(etc|var)\b/.test(e.path) || e.path.endsWith('.map'))).toEqual([]);
    expect(all.filter((e) => e.mode[0] === 'd' && e.mode !== 'drwxr-xr-x')).toEqual([]);
    expect(all.some((e) => e.path.startsWith('/opt/zhengban-agent/lib/chunks/daemon-'))).toBe(true);
    expect(new Set(listing(deb['agent-deb-arm64']!).keys())).toEqual(new Set(files.keys()));
  });

  it('carry a runtime of their own CPU, or a link to the distribution\'s node, and a self-contained fetch-ca.mjs', () => {
    const amd64 = unpack(deb['agent-deb-amd64']!);
    expect(elfMachine(join(amd64, 'opt/zhengban-agent/node/bin/node'))).toBe('x86-64');
    // fetch-ca.mjs comes bundled with the modules it imports from packaging/windows/setup/.
    expect(readFileSync(join(amd64, 'opt/zhengban-agent/libexec/fetch-ca.mjs'), 'utf8')).not.toMatch(/from ["']\./);
    expect(elfMachine(join(unpack(deb['agent-deb-arm64']!), 'opt/zhengban-agent/node/bin/node'))).toBe('aarch64');
    const loong = listing(deb['agent-deb-loong64']!);
    expect(loong.get('/opt/zhengban-agent/node/bin/node')).toMatchObject({ mode: 'lrwxrwxrwx', target: '/usr/bin/node' });
    expect(loong.has('/usr/share/doc/zhengban-agent/node-LICENSE')).toBe(false);
  });
});

/** Why the install cannot run here, if it cannot. */
function installBlocker(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  if (sh('dpkg', ['-s', 'zhengban-agent']).status === 0) return 'zhengban-agent is installed here already';
  if (existsSync('/etc/zhengban') || existsSync('/var/lib/zhengban')) return '/etc/zhengban or /var/lib/zhengban exists here already';
  return null;
}
const blocker = installBlocker();
const systemdRuns = existsSync('/run/systemd/system');
/** An administrator's root shell, not this test runner's environment. */
const ADMIN_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', HOME: '/root', DEBIAN_FRONTEND: 'noninteractive' };
const dpkg = (...args: string[]) => shAsync('dpkg', args, { env: ADMIN_ENV });
const WANTS = '/etc/systemd/system/multi-user.target.wants/zhengban-agent.service';

describe.skipIf(blocker !== null)(`the amd64 .deb installed on this machine${blocker ? ` (not run: ${blocker})` : ''}`, () => {
  let collector: RunningCollector;
  let front: Front;
  let admin: string;
  let agentId: string;
  let key: string;

  beforeAll(async () => {
    const db = join(built.dir, 'collector.db');
    collector = await startCollector(db);
    admin = lastLine(runCli(collectorBin, ['token', 'create', '--db', db, '--role', 'admin']).stdout);
    const token = lastLine(runCli(collectorBin, ['enrollment', 'create', '--db', db, '--unit', '县财政局', '--max-uses', '1']).stdout);
    mkdirSync(join(built.dir, 'pki'));
    const pki = makePki(join(built.dir, 'pki'));
    front = await tlsFront(pki, pki.leafPem + pki.caPem, collector.port);
    mkdirSync('/etc/zhengban', { mode: 0o755 });
    writeFileSync('/etc/zhengban/install.env', `ZHENGBAN_SERVER=${front.url}\nZHENGBAN_TOKEN=${token}\nZHENGBAN_CA_SHA256=${pki.caFingerprint}\n`, { mode: 0o600 });
  }, 60_000);

  afterAll(async () => {
    if (sh('dpkg', ['-s', 'zhengban-agent']).status === 0 || existsSync('/etc/zhengban')) await dpkg('--purge', 'zhengban-agent');
    rmSync('/etc/zhengban', { recursive: true, force: true });
    await front?.close();
    await collector?.stop();
  }, 60_000);

  it('dpkg -i enrols with install.env, pins the CA by its fingerprint, reports once, and the collector has the verdict', async () => {
    const r = await dpkg('-i', deb['agent-deb-amd64']!);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/enrolled as agent ag_\w+ in unit 县财政局/);
    expect(r.stdout).toMatch(/licensed|unauthorized/);
    const config = JSON.parse(readFileSync('/etc/zhengban/agent.json', 'utf8')) as { agentId: string; serverUrl: string; caFile: string };
    expect(config).toMatchObject({ serverUrl: front.url, caFile: '/etc/zhengban/ca.pem' });
    agentId = config.agentId;
    key = readFileSync('/var/lib/zhengban/agent.key', 'utf8');
    expect(statSync('/var/lib/zhengban/agent.key').mode & 0o777).toBe(0o600);
    expect(statSync('/var/lib/zhengban').mode & 0o777).toBe(0o700);
    expect(statSync('/etc/zhengban/install.env').mode & 0o777).toBe(0o600);

    const res = await fetch(`${collector.url}/api/v1/machines`, { headers: { authorization: `Bearer ${admin}` } });
    const machines = ((await res.json()) as { machines: Array<{ machineId: string; status: string }> }).machines;
    expect(machines).toHaveLength(1);
    expect(machines[0]).toMatchObject({ machineId: agentId });
    expect(['licensed', 'unauthorized']).toContain(machines[0]!.status);
    const status = JSON.parse(out('/usr/bin/zhengban-agent', ['status', '--json'], { env: ADMIN_ENV })) as Record<string, unknown>;
    expect(status).toMatchObject({ enrolled: true, agentId, configSource: 'default', spoolDepth: 0 });
    expect(status.lastSuccessAt).toBeTruthy();
  }, 90_000);

  it('enables the service, and systemd-analyze verify passes on its installed unit', () => {
    expect(readlinkSync(WANTS)).toBe('/lib/systemd/system/zhengban-agent.service');
    const verify = sh('systemd-analyze', ['verify', '/lib/systemd/system/zhengban-agent.service']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toBe('');
  });

  it.skipIf(!systemdRuns)('systemd started the service (not checked where systemd is not PID 1, as on the build machine)', () => {
    expect(sh('systemctl', ['is-active', 'zhengban-agent.service']).stdout.trim()).toBe('active');
  });

  it('the installed daemon waits for its night with a small footprint, with and without NODE_EXTRA_CA_CERTS', async () => {
    const plain = await idleDaemon({});
    const extra = await idleDaemon({ NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' });
    console.log(`installed daemon idle: RSS ${plain.rssMiB} MiB, started in ${plain.startMs} ms; with NODE_EXTRA_CA_CERTS: ${extra.rssMiB} MiB, ${extra.startMs} ms`);
    expect(plain.rssMiB).toBeLessThan(120);
    expect(extra.rssMiB).toBeLessThan(120);
  }, 60_000);

  it('installing it again (the upgrade path: prerm upgrade, postinst configure) keeps the key and the identity', async () => {
    const r = await dpkg('-i', deb['agent-deb-amd64']!);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/enrolled as agent/);
    expect(readFileSync('/var/lib/zhengban/agent.key', 'utf8')).toBe(key);
    expect((JSON.parse(readFileSync('/etc/zhengban/agent.json', 'utf8')) as { agentId: string }).agentId).toBe(agentId);
  }, 60_000);

  it('dpkg --remove takes the program and the service away and keeps /etc/zhengban and /var/lib/zhengban', async () => {
    const r = await dpkg('--remove', 'zhengban-agent');
    expect(r.status, r.stderr + r.stdout).toBe(0);
    for (const gone of ['/opt/zhengban-agent', '/usr/bin/zhengban-agent', '/lib/systemd/system/zhengban-agent.service']) expect(existsSync(gone), gone).toBe(false);
    expect(() => lstatSync(WANTS)).toThrow();
    expect(readFileSync('/var/lib/zhengban/agent.key', 'utf8')).toBe(key);
    expect(existsSync('/etc/zhengban/agent.json')).toBe(true);
  }, 60_000);

  it('dpkg --purge deletes /etc/zhengban and /var/lib/zhengban too', async () => {
    const r = await dpkg('--purge', 'zhengban-agent');
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(existsSync('/etc/zhengban')).toBe(false);
    expect(existsSync('/var/lib/zhengban')).toBe(false);
    expect(sh('dpkg', ['-s', 'zhengban-agent']).status).not.toBe(0);
  }, 60_000);
});

/** `zhengban-agent daemon` as the unit runs it: its RSS once it waits for the night, and how long it took to get there. */
function idleDaemon(env: Record<string, string>): Promise<{ rssMiB: number; startMs: number }> {
  const started = Date.now();
  const child = spawn('/usr/bin/zhengban-agent', ['daemon'], { env: { PATH: ADMIN_ENV.PATH, LANG: 'C.UTF-8', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let measured: { rssMiB: number; startMs: number } | undefined;
    let startMs: number | undefined;
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the daemon did not start: ${err}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (startMs !== undefined || !err.includes('daemon started')) return;
      clearTimeout(timer);
      startMs = Date.now() - started;
      // Let the start's garbage be collected and the heap settle, as it would over a day.
      setTimeout(() => {
        const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
        measured = { rssMiB: Math.round((kib / 1024) * 10) / 10, startMs: startMs! };
        child.kill('SIGTERM');
      }, 3_000);
    });
    child.once('exit', (code) => (measured && code === 0 ? resolve(measured) : reject(new Error(`the daemon exited ${code}: ${err}`))));
  });
}
