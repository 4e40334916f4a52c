import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblems, syntaxProblems } from '../../agent/test/collectors/windows/powershell-syntax.js';

// scripts/sign-windows.mjs as the packaging step runs it, with the real osslsigncode and
// a throwaway CA made here with openssl: a root, a code-signing certificate it issued
// (EKU codeSigning), that pair as a password-protected PFX, a key of another certificate
// and a second, unrelated root. Nothing is skipped when osslsigncode is missing:
// .ci/run installs it, and a machine without it fails here.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/sign-windows.mjs');
const INVENTORY = join(ROOT, 'agent/resources/windows/inventory.ps1');
const PASSWORD = 'pfx-口令-7Qz';

const dir = mkdtempSync(join(tmpdir(), 'zb-sign-'));
const pki = join(dir, 'pki');
const at = (name: string) => join(pki, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// pkcs12 takes the PFX password from its environment, as sign-windows does.
const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { cwd: pki, env: { ...process.env, PFX_PASS: PASSWORD }, stdio: ['ignore', 'ignore', 'pipe'] });

beforeAll(() => {
  mkdirSync(pki);
  for (const name of ['ca', 'other-ca']) {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '3',
      '-subj', `/CN=zhengban test ${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  }
  writeFileSync(at('leaf.cnf'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-subj', '/CN=zhengban test signer/O=Test County');
  openssl('x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '2', '-days', '2', '-extfile', 'leaf.cnf', '-out', 'signer.pem');
  openssl('pkcs12', '-export', '-in', 'signer.pem', '-inkey', 'signer.key', '-certfile', 'ca.pem', '-out', 'signer.pfx', '-passout', 'env:PFX_PASS');
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'stranger.key');
}, 60_000);

interface Run { status: number | null; stdout: string; stderr: string }
function sign(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const pem = ['--cert', at('signer.pem'), '--key', at('signer.key'), '--ca', at('ca.pem')];
let n = 0;
/** A fresh folder holding `files` (name → bytes). */
function stage(files: Record<string, string | Buffer> = {}): string {
  const d = join(dir, `stage-${++n}`);
  mkdirSync(d);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(d, name), bytes);
  return d;
}
const verify = (file: string, ca = at('ca.pem')) => spawnSync('osslsigncode', ['verify', '-CAfile', ca, '-in', file], { encoding: 'utf8' });
/** A refusal: non-zero, exactly one line on stderr, matching `pattern`. */
function expectRefused(r: Run, pattern: RegExp) {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}
const BEGIN = '\r\n# SIG # Begin signature block\r\n';
const END = '# SIG # End signature block\r\n';

describe('scripts/sign-windows.mjs', () => {
  it('runs where osslsigncode is installed (.ci/run installs it)', () => {
    const v = spawnSync('osslsigncode', ['--version'], { encoding: 'utf8' });
    expect(v.error, 'osslsigncode is missing: apt-get install osslsigncode').toBeUndefined();
  });

  it('signs a staged copy of the agent script in place: it verifies, keeps its text and still parses', async () => {
    const original = readFileSync(INVENTORY, 'latin1');
    const d = stage({ 'inventory.ps1': readFileSync(INVENTORY) });
    const file = join(d, 'inventory.ps1');
    const r = sign([...pem, file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^signed .*inventory\.ps1 \(\/CN=zhengban test signer/);
    expect(verify(file).status).toBe(0);

    const signed = readFileSync(file, 'latin1');
    const body = original.replace(/\r?\n/g, '\r\n');
    expect(signed.slice(0, body.length) === body, 'the text above the block is the script with CRLF line endings').toBe(true);
    expect(signed.slice(body.length).startsWith(BEGIN)).toBe(true);
    expect(signed.endsWith(END)).toBe(true);
    expect(formatProblems('signed inventory.ps1', await syntaxProblems(signed))).toBe('');
    expect(readdirSync(d)).toEqual(['inventory.ps1']);

    // The signature covers the text: one changed byte and it no longer verifies.
    writeFileSync(file, signed.replace('Set-StrictMode', 'Set-StrictMod3'), 'latin1');
    expect(verify(file).status).not.toBe(0);
  });

  it('signs the checkout\'s script only into --out, and leaves the checkout alone', () => {
    const before = readFileSync(INVENTORY);
    const out = join(dir, 'out-default');
    const r = sign([...pem, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(verify(join(out, 'inventory.ps1')).status).toBe(0);
    expect(readFileSync(INVENTORY).equals(before)).toBe(true);

    const inPlace = sign(pem);
    expect(inPlace.status).toBe(2);
    expect(inPlace.stderr).toMatch(/--out DIR/);
  });

  it('signs with a password-protected PFX whose password comes from --pass-env, never from a command line', () => {
    // A stand-in osslsigncode on PATH logs its arguments and environment, then runs the real one.
    const real = execFileSync('sh', ['-c', 'command -v osslsigncode'], { encoding: 'utf8' }).trim();
    const bin = stage();
    const log = join(bin, 'calls.log');
    writeFileSync(join(bin, 'osslsigncode'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nenv >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(join(bin, 'osslsigncode'), 0o755);
    const d = stage({ 'inventory.ps1': readFileSync(INVENTORY) });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ORG_PFX_PASSWORD: PASSWORD };

    const r = sign(['--pfx', at('signer.pfx'), '--pass-env', 'ORG_PFX_PASSWORD', '--ca', at('ca.pem'), join(d, 'inventory.ps1')], env);
    expect(r.status, r.stderr).toBe(0);
    expect(verify(join(d, 'inventory.ps1')).status).toBe(0);
    const calls = readFileSync(log, 'utf8');
    expect(calls).toMatch(/-pkcs12 .* -readpass -/);
    expect(calls).not.toContain(PASSWORD);
    expect(calls).not.toContain('ORG_PFX_PASSWORD');

    const wrong = sign(['--pfx', at('signer.pfx'), '--pass-env', 'WRONG', '--ca', at('ca.pem'), '--out', stage()], { ...process.env, WRONG: 'not it' });
    expectRefused(wrong, /PKCS#12.*password/i);
  });

  it('refuses a key that is not the certificate\'s, and writes nothing', () => {
    const out = join(dir, 'out-stranger');
    const r = sign(['--cert', at('signer.pem'), '--key', at('stranger.key'), '--out', out, INVENTORY]);
    expectRefused(r, /stranger\.key does not belong to the certificate/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('refuses a certificate that cannot be read', () => {
    expectRefused(sign(['--cert', at('missing.pem'), '--key', at('signer.key'), '--out', stage(), INVENTORY]), /cannot read the certificate .*missing\.pem/);
  });

  it('refuses a script that is not ASCII-only, naming the place', () => {
    const script = '# 采集 inventory\r\nWrite-Output 1\r\n';
    const d = stage({ 'zh.ps1': script });
    const r = sign([...pem, join(d, 'zh.ps1')]);
    expectRefused(r, /zh\.ps1 is not ASCII-only \(byte 0xe9 at line 1, column 3\)/);
    expect(readFileSync(join(d, 'zh.ps1'), 'utf8')).toBe(script);
    expect(readdirSync(d)).toEqual(['zh.ps1']);
  });

  it('refuses a signed script unless --resign, which replaces the signature', () => {
    const d = stage({ 'a.ps1': 'Write-Output 1\n' });
    const file = join(d, 'a.ps1');
    expect(sign([...pem, file]).status).toBe(0);
    expectRefused(sign([...pem, file]), /a\.ps1 is already signed \(--resign replaces the signature\)/);
    expect(sign([...pem, '--resign', file]).status).toBe(0);
    const text = readFileSync(file, 'latin1');
    expect(text.startsWith(`Write-Output 1\r\n${BEGIN}`)).toBe(true);
    expect(text.match(/# SIG # Begin signature block/g)).toHaveLength(1);
    expect(verify(file).status).toBe(0);
  });

  it('refuses when the signature does not verify against --ca, and leaves the file as it was', () => {
    const d = stage({ 'b.ps1': 'Write-Output 2\n' });
    const r = sign(['--cert', at('signer.pem'), '--key', at('signer.key'), '--ca', at('other-ca.pem'), join(d, 'b.ps1')]);
    expectRefused(r, /does not verify: .*--ca FILE/);
    expect(readFileSync(join(d, 'b.ps1'), 'utf8')).toBe('Write-Output 2\n');
    expect(readdirSync(d)).toEqual(['b.ps1']);
  });

  it('says how to install osslsigncode when it is missing', () => {
    const r = sign([...pem, '--out', stage(), INVENTORY], { ...process.env, PATH: stage() });
    expectRefused(r, /osslsigncode is not installed .*apt-get install osslsigncode/);
  });
});
