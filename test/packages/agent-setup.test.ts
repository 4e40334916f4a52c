import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash, X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sh, shAsync } from './build.js';
import { makePki, tlsFront, type Front, type Pki } from './tls.js';

// The agent's install logic (packaging/agent/agent-setup.sh, run by the .deb's postinst,
// the .rpm's %post and the service's ExecStartPre) in a throwaway root (ZHENGBAN_ROOT),
// laid out as the package lays it out, with a stub agent and a stub systemctl that
// write down how they were called. The real agent and dpkg: agent-deb.test.ts.

const dir = mkdtempSync(join(tmpdir(), 'zhengban-setup-'));
const prefix = join(dir, 'opt/zhengban-agent');
const calls = join(dir, 'calls.log');
let pki: Pki;
let front: Front;
let n = 0;

// The stub agent: `enroll` writes the config the real one writes; STUB_EXIT fails it.
const STUB_AGENT = `#!/bin/sh
echo "agent $*" >> "${calls}"
[ -z "$STUB_EXIT" ] || exit "$STUB_EXIT"
case " $* " in *" enroll "*) printf '{\\n  "serverUrl": "x",\\n  "agentId": "ag_1"\\n}\\n' > "$2" ;; esac
`;

beforeAll(async () => {
  const put = (path: string, text: string, mode = 0o755) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text, { mode });
  };
  put(join(prefix, 'libexec/agent-setup'), readFileSync(join(ROOT, 'packaging/agent/agent-setup.sh'), 'utf8'));
  put(join(prefix, 'libexec/systemd-unit'), readFileSync(join(ROOT, 'packaging/common/systemd-unit.sh'), 'utf8'));
  // The source itself: its imports resolve from where it really lies.
  symlinkSync(join(ROOT, 'packaging/agent/fetch-ca.mjs'), join(prefix, 'libexec/fetch-ca.mjs'));
  put(join(prefix, 'bin/zhengban-agent'), STUB_AGENT);
  mkdirSync(join(prefix, 'node/bin'), { recursive: true });
  symlinkSync(process.execPath, join(prefix, 'node/bin/node'));
  put(join(dir, 'stubs/systemctl'), `#!/bin/sh\necho "systemctl $*" >> "${calls}"\n`);
  mkdirSync(join(dir, 'pki'));
  pki = makePki(join(dir, 'pki'));
  front = await tlsFront(pki, pki.leafPem + pki.caPem);
}, 60_000);

afterAll(async () => {
  await front?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Case { root: string; run(action: string, env?: Record<string, string>): Promise<{ status: number | null; out: string; calls: string[] }> }

/** A fresh root, with install.env holding `params` (mode 0600) when given. */
function machine(params?: string, mode = 0o600): Case {
  const root = join(dir, `root-${++n}`);
  mkdirSync(join(root, 'etc/zhengban'), { recursive: true });
  if (params !== undefined) writeFileSync(join(root, 'etc/zhengban/install.env'), params, { mode });
  return {
    root,
    async run(action, env = {}) {
      rmSync(calls, { force: true });
      const r = await shAsync(join(prefix, 'libexec/agent-setup'), [action], {
        env: { PATH: `${join(dir, 'stubs')}:/usr/bin:/bin`, ZHENGBAN_ROOT: root, ...env },
      });
      const logged = existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [];
      return { status: r.status, out: r.stdout + r.stderr, calls: logged };
    },
  };
}

const PARAMS = 'ZHENGBAN_SERVER=https://collector.example:8470\nZHENGBAN_TOKEN=zbe_token\n';

describe('agent-setup configure (postinst, %post)', () => {
  it('without install.env makes the folders, enrols nothing, says how to enrol and enables the service', async () => {
    const m = machine();
    const r = await m.run('configure');
    expect(r.status, r.out).toBe(0);
    expect(statSync(join(m.root, 'var/lib/zhengban')).mode & 0o777).toBe(0o700);
    expect(statSync(join(m.root, 'etc/zhengban')).mode & 0o777).toBe(0o755);
    expect(r.out).toMatch(/not enrolled: put ZHENGBAN_SERVER and ZHENGBAN_TOKEN in .*install\.env/);
    expect(r.calls).toEqual([`systemctl --root=${m.root} enable zhengban-agent.service`]);
  });

  it('with install.env enrols with its collector and token, reports once and keeps the token from other users', async () => {
    const m = machine(PARAMS, 0o644);
    const r = await m.run('configure');
    const config = join(m.root, 'etc/zhengban/agent.json');
    expect(r.status, r.out).toBe(0);
    expect(r.calls).toEqual([
      `agent --config ${config} enroll --server https://collector.example:8470 --token zbe_token`,
      `agent --config ${config} report`,
      `systemctl --root=${m.root} enable zhengban-agent.service`,
    ]);
    expect(statSync(join(m.root, 'etc/zhengban/install.env')).mode & 0o777).toBe(0o600);
  });

  it('copies a CA file to /etc/zhengban/ca.pem and enrols with it', async () => {
    const ca = join(dir, 'pki/ca.pem');
    const m = machine(`${PARAMS}ZHENGBAN_CA_FILE=${ca}\n`);
    const r = await m.run('configure');
    expect(r.status, r.out).toBe(0);
    expect(readFileSync(join(m.root, 'etc/zhengban/ca.pem'), 'utf8')).toBe(pki.caPem);
    expect(r.calls[0]).toMatch(/ enroll --server \S+ --token zbe_token --ca .*\/etc\/zhengban\/ca\.pem$/);
  });

  it('fetches the CA whose SHA-256 install.env names from the collector, with or without colons', async () => {
    for (const fingerprint of [pki.caFingerprint, pki.caFingerprint.replaceAll(':', '').toLowerCase()]) {
      const m = machine(`ZHENGBAN_SERVER=${front.url}\nZHENGBAN_TOKEN=t\nZHENGBAN_CA_SHA256=${fingerprint}\n`);
      const r = await m.run('configure');
      expect(r.status, r.out).toBe(0);
      expect(readFileSync(join(m.root, 'etc/zhengban/ca.pem'), 'utf8').replace(/\r/g, '')).toBe(pki.caPem.replace(/\r/g, ''));
      expect(r.calls[0]).toContain(`--ca ${m.root}/etc/zhengban/ca.pem`);
    }
  });

  it('enrols with nothing when the fingerprint matches no certificate of the chain, and still installs', async () => {
    const m = machine(`ZHENGBAN_SERVER=${front.url}\nZHENGBAN_TOKEN=t\nZHENGBAN_CA_SHA256=${'ab'.repeat(32)}\n`);
    const r = await m.run('configure');
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/does not present a certificate with the fingerprint/);
    expect(r.out).toContain('CN=zhengban packaging test CA');
    expect(r.out).toMatch(/enrolment failed \(exit 1\); the service tries again/);
    expect(existsSync(join(m.root, 'etc/zhengban/ca.pem'))).toBe(false);
    expect(r.calls).toEqual([`systemctl --root=${m.root} enable zhengban-agent.service`]);
  });

  it('a failed enrolment does not fail the installation and sends no report', async () => {
    const m = machine(PARAMS);
    const r = await m.run('configure', { STUB_EXIT: '3' });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/enrolment failed \(exit 3\)/);
    expect(r.calls.filter((c) => c.includes(' report'))).toEqual([]);
  });

  it('ignores an install.env that others may write, and one without a token', async () => {
    const writable = machine(PARAMS, 0o666);
    chmodSync(join(writable.root, 'etc/zhengban/install.env'), 0o666);
    const r = await writable.run('configure');
    expect(r.out).toMatch(/install\.env is ignored: it must belong to root and be writable by no one else/);
    expect(r.calls.some((c) => c.startsWith('agent'))).toBe(false);
    const tokenless = await machine('ZHENGBAN_SERVER=https://collector.example:8470\n').run('configure');
    expect(tokenless.out).toMatch(/names no ZHENGBAN_SERVER or no ZHENGBAN_TOKEN/);
    expect(tokenless.calls.some((c) => c.startsWith('agent'))).toBe(false);
  });

  it('on an upgrade of an enrolled agent enrols nothing again: key and identity stay', async () => {
    const m = machine(PARAMS);
    expect((await m.run('configure')).status).toBe(0);
    const again = await m.run('configure');
    expect(again.status, again.out).toBe(0);
    expect(again.calls).toEqual([`systemctl --root=${m.root} enable zhengban-agent.service`]);
  });

  it('with systemd running reloads it, enables the service and restarts it without waiting', async () => {
    const m = machine();
    mkdirSync(join(m.root, 'run/systemd/system'), { recursive: true });
    expect((await m.run('configure')).calls).toEqual([
      'systemctl daemon-reload',
      'systemctl enable zhengban-agent.service',
      'systemctl --no-block restart zhengban-agent.service',
    ]);
  });

  it('installed into an image (DPKG_ROOT) enrols no one: each clone enrols at its first start', async () => {
    const m = machine(PARAMS);
    const r = await m.run('configure', { ZHENGBAN_ROOT: '', DPKG_ROOT: m.root });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/each machine enrols at its first start/);
    expect(r.calls).toEqual([`systemctl --root=${m.root} enable zhengban-agent.service`]);
  });
});

describe('agent-setup enroll (ExecStartPre) and remove (prerm, %preun)', () => {
  it('enrols from install.env before the daemon starts; a failure fails the start', async () => {
    const m = machine(PARAMS);
    const failed = await m.run('enroll', { STUB_EXIT: '3' });
    expect(failed.status).toBe(3);
    const ok = await m.run('enroll');
    expect(ok.status, ok.out).toBe(0);
    expect(ok.calls).toHaveLength(1);
    expect(ok.calls[0]).toMatch(/ enroll --server https:\/\/collector\.example:8470 --token zbe_token$/);
    expect((await m.run('enroll')).calls).toEqual([]);
  });

  it('without install.env leaves it to the daemon to say it is not enrolled', async () => {
    const r = await machine().run('enroll');
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
  });

  it('remove disables the service, and stops it first when systemd runs', async () => {
    const m = machine();
    expect((await m.run('remove')).calls).toEqual([`systemctl --root=${m.root} disable zhengban-agent.service`]);
    mkdirSync(join(m.root, 'run/systemd/system'), { recursive: true });
    expect((await m.run('remove')).calls).toEqual(['systemctl stop zhengban-agent.service', 'systemctl disable zhengban-agent.service']);
  });
});

describe('the .deb maintainer scripts in a throwaway root (DPKG_ROOT)', () => {
  it('postrm purge deletes /etc/zhengban and /var/lib/zhengban; remove keeps them', async () => {
    const m = machine(PARAMS);
    mkdirSync(join(m.root, 'var/lib/zhengban'), { recursive: true });
    writeFileSync(join(m.root, 'var/lib/zhengban/agent.key'), 'key');
    const postrm = (action: string) => sh('sh', [join(ROOT, 'packaging/agent/deb/postrm'), action], { env: { PATH: '/usr/bin:/bin', DPKG_ROOT: m.root } });
    expect(postrm('remove').status).toBe(0);
    expect(existsSync(join(m.root, 'var/lib/zhengban/agent.key'))).toBe(true);
    expect(postrm('purge').status).toBe(0);
    expect(existsSync(join(m.root, 'etc/zhengban'))).toBe(false);
    expect(existsSync(join(m.root, 'var/lib/zhengban'))).toBe(false);
  });
});

describe('fetch-ca.mjs', () => {
  const fetchCa = (url: string, fingerprint: string, file: string) =>
    shAsync(process.execPath, [join(ROOT, 'packaging/agent/fetch-ca.mjs'), url, fingerprint, file]);

  it('finds no CA that the collector does not send, and says how to give it instead', async () => {
    const leafOnly = await tlsFront(pki, pki.leafPem);
    try {
      const r = await fetchCa(leafOnly.url, pki.caFingerprint, join(dir, 'none.pem'));
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/it sent: CN=127\.0\.0\.1 \(sha256 /);
      expect(r.stderr).toMatch(/give its PEM file as ZHENGBAN_CA_FILE instead\n$/);
    } finally {
      await leafOnly.close();
    }
  });

  it('refuses the collector\'s own certificate, a fingerprint that is not one, a plain http:// collector, and a collector that is not there', async () => {
    const leaf = createHash('sha256').update(new X509Certificate(pki.leafPem).raw).digest('hex');
    expect((await fetchCa(front.url, leaf, join(dir, 'x.pem'))).stderr).toMatch(/is the collector's own certificate, issued by a CA/);
    expect((await fetchCa(front.url, 'abc', join(dir, 'x.pem'))).status).toBe(2);
    expect((await fetchCa('http://127.0.0.1:1', pki.caFingerprint, join(dir, 'x.pem'))).stderr).toMatch(/needs an https:\/\/ SERVER/);
    const away = await fetchCa('https://127.0.0.1:1', pki.caFingerprint, join(dir, 'x.pem'));
    expect(away.status).toBe(1);
    expect(away.stderr).toMatch(/cannot read the collector's certificates at https:\/\/127\.0\.0\.1:1/);
    expect(existsSync(join(dir, 'x.pem'))).toBe(false);
  });
});
