import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCaByFingerprint } from '../../packaging/windows/setup/collector-ca.mjs';
import { openLog } from '../../packaging/windows/setup/log.mjs';
import { fromProperties, normalizeFingerprint, parseCaValue, readInstallFile } from '../../packaging/windows/setup/parameters.mjs';
import { install, scheduledRun } from '../../packaging/windows/setup/runs.mjs';

// The Windows installer's glue (packaging/windows/setup/), which the MSI's custom action
// and the scheduled task run with the bundled node.exe, driven here on Linux: with the
// real agent bundle and a real collector serving HTTPS with a throwaway CA, and with only
// the Windows calls (icacls, PowerShell for the folder's owner) replaced by the test.
// The MSI itself is inspected in windows-msi.test.ts. Needs `npm run build` and openssl.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const AGENT = join(ROOT, 'agent/bundle/zhengban-agent.mjs');
const COLLECTOR = join(ROOT, 'collector/bin/zhengban-collector.js');
const dir = mkdtempSync(join(tmpdir(), 'zb-winsetup-'));
const pki = join(dir, 'pki');
const at = (name: string) => join(pki, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: pki, stdio: ['ignore', 'ignore', 'pipe'] });
const fingerprint = (pem: string) => normalizeFingerprint(execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', pem], { encoding: 'utf8' }))!;

let collector: ChildProcess | null = null;
let port = 0;
const db = join(dir, 'collector.db');
const server = () => `https://127.0.0.1:${port}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });
}

function startCollector(): Promise<void> {
  collector = spawn(process.execPath, [COLLECTOR, 'serve', '--db', db, '--port', String(port), '--tls-cert', at('chain.pem'), '--tls-key', at('server.key')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    collector!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) resolve();
    });
    collector!.once('exit', (code) => reject(new Error(`collector exited ${code}`)));
  });
}

function enrollmentToken(): string {
  const r = spawnSync(process.execPath, [COLLECTOR, 'enrollment', 'create', '--db', db, '--unit', '县政府办公室'], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').pop()!.trim();
}

beforeAll(async () => {
  mkdirSync(pki);
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3',
    '-subj', '/CN=zhengban test root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  writeFileSync(at('server.cnf'), 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=collector.test');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '7', '-days', '2', '-extfile', 'server.cnf', '-out', 'server.pem');
  // The collector sends its CA along, as the docs ask when CA= is a fingerprint.
  writeFileSync(at('chain.pem'), readFileSync(at('server.pem'), 'utf8') + readFileSync(at('ca.pem'), 'utf8'));
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '3', '-subj', '/CN=unrelated root');
  port = await freePort();
}, 60_000);

afterAll(async () => {
  if (collector && collector.exitCode === null) {
    await new Promise((done) => {
      collector!.once('exit', done);
      collector!.kill('SIGTERM');
    });
  }
  rmSync(dir, { recursive: true, force: true });
});

interface Machine { state: string; msiDir: string; logText(): string; locks: string[]; deps: Record<string, unknown> }
/** A fresh PC: its state folder, the share the MSI lies in, and the agent the task would run. */
function machine(name: string, { uptime = 3 * 3600, lock }: { uptime?: number; lock?: () => string } = {}): Machine {
  const state = join(dir, name, 'ProgramData', 'zhengban');
  const msiDir = join(dir, name, 'share');
  mkdirSync(msiDir, { recursive: true });
  const paths = { stateDir: state, configFile: join(state, 'agent.json'), pendingFile: join(state, 'enroll-pending.json'), caFile: join(state, 'collector-ca.pem') };
  const logFile = join(state, 'logs', 'zhengban-agent.log');
  const locks: string[] = [];
  const agent = (args: string[]) => {
    const r = spawnSync(process.execPath, [AGENT, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ZHENGBAN_AGENT_CONFIG: paths.configFile } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const deps = {
    paths, agent, log: openLog(logFile), fetchCa: fetchCaByFingerprint, now: () => new Date(), uptimeSeconds: () => uptime, agentCommand: 'zhengban-agent.cmd',
    lockStateDir: (d: string) => {
      locks.push(d);
      mkdirSync(d, { recursive: true });
      return lock ? lock() : '';
    },
  };
  return { state, msiDir, locks, deps, logText: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') };
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const msiIn = (m: Machine) => join(m.msiDir, 'zhengban-agent-0.1.0-x64.msi');
/** Every file of the state folder, as text, to look for a secret in. */
const everything = (m: Machine) => readdirSync(m.state, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), 'latin1')).join('\n');

describe('install parameters (parameters.mjs)', () => {
  it('reads a fingerprint however openssl, Windows or a person writes it', () => {
    const hex = 'ab'.repeat(32);
    const want = Array(32).fill('AB').join(':');
    for (const text of [hex, `sha256:${hex}`, `SHA256 Fingerprint=${want}`, want.toLowerCase(), want.replace(/:/g, ' ')]) {
      expect(normalizeFingerprint(text), text).toBe(want);
    }
    expect(normalizeFingerprint('ab'.repeat(31))).toBeNull();
    expect(() => parseCaValue('sha256:abc', '/x')).toThrow(/not 64 hexadecimal digits/);
  });

  it('takes a CA file relative to the MSI folder, or absolute as Windows writes it', () => {
    expect(parseCaValue('ca.pem', '/share/zhengban')).toEqual({ file: '/share/zhengban/ca.pem' });
    expect(parseCaValue('certs\\ca.pem', '\\\\fs01\\soft\\zhengban')).toEqual({ file: '\\\\fs01\\soft\\zhengban\\certs\\ca.pem' });
    expect(parseCaValue('C:\\certs\\ca.pem', '\\\\fs01\\soft')).toEqual({ file: 'C:\\certs\\ca.pem' });
    expect(parseCaValue('', '/x')).toBeNull();
  });

  it('uses properties only when SERVER and TOKEN are both there, and refuses a server that is not a URL', () => {
    expect(fromProperties({ server: 'https://c.example', token: '' }, '/x')).toBeNull();
    expect(fromProperties({ server: 'https://c.example', token: 't', ca: '' }, '/x')).toEqual({ server: 'https://c.example', token: 't', ca: null, source: 'msiexec properties' });
    expect(() => fromProperties({ server: 'collector:8443', token: 't' }, '/x')).toThrow(/must start with https:\/\//);
  });

  it('reads zhengban-install.json (with Notepad\'s BOM) and says what is wrong with a bad one', () => {
    const d = join(dir, 'params');
    mkdirSync(d, { recursive: true });
    expect(readInstallFile(d)).toBeNull();
    writeFileSync(join(d, 'zhengban-install.json'), '\uFEFF{"server":"https://c.example:8443","token":"zbe_x","ca":"ca.pem"}');
    expect(readInstallFile(d)).toMatchObject({ server: 'https://c.example:8443', token: 'zbe_x', ca: { file: join(d, 'ca.pem') } });
    for (const [text, message] of [['{"server":"https://c","tokn":"x"}', /unknown key "tokn"/], ['{"server":"https://c"}', /"token" is missing/], ['{server:1}', /is not JSON/]] as const) {
      writeFileSync(join(d, 'zhengban-install.json'), text);
      expect(() => readInstallFile(d)).toThrow(message);
    }
  });
});

describe('the collector CA by fingerprint (collector-ca.mjs)', () => {
  let tls: Server;
  let tlsPort = 0;
  beforeAll(async () => {
    tls = createTlsServer({ key: readFileSync(at('server.key')), cert: readFileSync(at('chain.pem')) }, (s) => s.end());
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    tlsPort = (tls.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => tls.close(() => resolve())));

  it('takes the CA certificate with that fingerprint from the chain the server sends', async () => {
    const pem = await fetchCaByFingerprint(`https://127.0.0.1:${tlsPort}`, fingerprint(at('ca.pem')));
    expect(pem.replace(/\s/g, '')).toBe(readFileSync(at('ca.pem'), 'utf8').replace(/\s/g, ''));
  });

  it('refuses the server\'s own certificate, a fingerprint it does not send, and plain HTTP', async () => {
    await expect(fetchCaByFingerprint(`https://127.0.0.1:${tlsPort}`, fingerprint(at('server.pem')))).rejects.toThrow(/collector's own certificate, issued by a CA/);
    await expect(fetchCaByFingerprint(`https://127.0.0.1:${tlsPort}`, fingerprint(at('other.pem')))).rejects.toThrow(/does not present a certificate with the fingerprint .* it sent: CN=collector.test/);
    await expect(fetchCaByFingerprint('http://127.0.0.1:1', fingerprint(at('ca.pem')))).rejects.toThrow(/needs an https:\/\/ SERVER/);
  });
});

describe('install and the scheduled runs (runs.mjs) with the real agent and collector', () => {
  it('a PC installed while the collector is down enrolls at the first scheduled run, from zhengban-install.json', async () => {
    const pc = machine('offline');
    writeFileSync(join(pc.msiDir, 'zhengban-install.json'), JSON.stringify({ server: server(), token: enrollmentToken(), ca: 'collector-ca.pem' }));
    writeFileSync(join(pc.msiDir, 'collector-ca.pem'), readFileSync(at('ca.pem')));

    expect(await install({ msi: msiIn(pc) }, pc.deps as never)).toBe(3); // unreachable
    expect(pc.locks).toEqual([pc.state]);
    expect(readJson(join(pc.state, 'enroll-pending.json'))).toMatchObject({ server: server(), caFile: join(pc.state, 'collector-ca.pem') });
    expect(readJson(join(pc.state, 'agent.json'))).toEqual({ serverUrl: server(), caFile: join(pc.state, 'collector-ca.pem') });
    expect(pc.logText()).toMatch(/scheduled task tries again/);

    await startCollector();
    expect(await scheduledRun(pc.deps as never)).toBe(0);
    expect(existsSync(join(pc.state, 'enroll-pending.json'))).toBe(false);
    expect(readJson(join(pc.state, 'agent.json'))).toMatchObject({ agentId: expect.stringMatching(/^ag_/), unit: '县政府办公室' });
    expect(pc.logText()).toMatch(/\[report\] delivered snapshot seq 1 to https:\/\/127\.0\.0\.1/);
  }, 60_000);

  it('msiexec SERVER, TOKEN and a CA fingerprint: enrolled and reported during the install; the token is then nowhere on disk', async () => {
    const pc = machine('properties');
    const token = enrollmentToken();
    const code = await install({ msi: msiIn(pc), server: server(), token, ca: `sha256:${fingerprint(at('ca.pem'))}` }, pc.deps as never);
    expect(code, pc.logText()).toBe(0);
    expect(readFileSync(join(pc.state, 'collector-ca.pem'), 'utf8').replace(/\s/g, '')).toBe(readFileSync(at('ca.pem'), 'utf8').replace(/\s/g, ''));
    expect(readJson(join(pc.state, 'agent.json')).caFile).toBe(join(pc.state, 'collector-ca.pem'));
    expect(pc.logText()).toMatch(/took the CA certificate with sha256/);
    expect(pc.logText()).toMatch(/\[report\] exit 0 \(done\)/);
    expect(everything(pc)).not.toContain(token);

    // Ten minutes after the next start-up: reported less than 20 h ago, so the catch-up is skipped …
    const booted = machine('properties', { uptime: 600 });
    expect(await scheduledRun(booted.deps as never)).toBe(0);
    expect(booted.logText()).toMatch(/start-up catch-up skipped/);
    // … and the nightly run (hours after start-up) reports.
    expect(await scheduledRun(pc.deps as never)).toBe(0);
    expect(pc.logText()).toMatch(/delivered snapshot seq 2/);

    // An upgrade with the file beside: the identity and the CA stay, nothing is enrolled again.
    const before = readFileSync(join(pc.state, 'agent.json'), 'utf8');
    const ca = readFileSync(join(pc.state, 'collector-ca.pem'), 'utf8');
    writeFileSync(join(pc.msiDir, 'other.pem'), readFileSync(at('other.pem')));
    writeFileSync(join(pc.msiDir, 'zhengban-install.json'), JSON.stringify({ server: server(), token: enrollmentToken(), ca: 'other.pem' }));
    expect(await install({ msi: msiIn(pc) }, pc.deps as never)).toBe(0);
    expect(pc.logText()).toMatch(/already enrolled as agent ag_\w+ .*: kept/);
    expect(readFileSync(join(pc.state, 'agent.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(pc.state, 'collector-ca.pem'), 'utf8')).toBe(ca);
  }, 60_000);

  it('a token the collector refuses stays pending, and the run says why', async () => {
    const pc = machine('refused');
    expect(await install({ msi: msiIn(pc), server: server(), token: 'zbe_not-a-token', ca: join(pki, 'ca.pem') }, pc.deps as never)).toBe(4);
    expect(existsSync(join(pc.state, 'enroll-pending.json'))).toBe(true);
    expect(pc.logText()).toMatch(/\[enroll\] exit 4 \(collector refused it\)/);
  }, 30_000);

  it('enrolls nothing without parameters, or when the state folder cannot be locked', async () => {
    const bare = machine('bare');
    expect(await install({ msi: msiIn(bare) }, bare.deps as never)).toBe(0);
    expect(bare.logText()).toMatch(/installed but not enrolled/);
    expect(existsSync(join(bare.state, 'agent.json'))).toBe(false);
    expect(await scheduledRun(bare.deps as never)).toBe(2);
    expect(bare.logText()).toMatch(/not enrolled, and no enrollment parameters were given at install: run zhengban-agent.cmd enroll/);

    const open = machine('unlockable', { lock: () => { throw new Error('icacls exit 5: Access is denied.'); } });
    expect(await install({ msi: msiIn(open), server: server(), token: 'zbe_x' }, open.deps as never)).toBe(1);
    expect(open.logText()).toMatch(/cannot restrict .* \(icacls exit 5: Access is denied\.\); not enrolling/);
    expect(existsSync(join(open.state, 'enroll-pending.json'))).toBe(false);

    const moved = machine('planted', { lock: () => 'moved aside to …' });
    writeFileSync(join(moved.msiDir, 'zhengban-install.json'), '{"server":"ftp://x","token":"t"}');
    expect(await install({ msi: msiIn(moved) }, moved.deps as never)).toBe(2);
    expect(moved.logText()).toMatch(/\[install\] moved aside to …[\s\S]*SERVER "ftp:\/\/x" must start with https:\/\/ .*; not enrolling/);
  }, 30_000);
});
