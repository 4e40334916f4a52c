import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peHeader } from '../../scripts/package/windows-runtime.mjs';
import { emptyPc, files } from '../kit/pc.js';
import { buildPackages, elfMachine, out, ROOT, sh } from './build.js';

// The inspector's kit as `npm run package` builds it (scripts/package/inspector-kit.mjs):
// the zip's files and modes, the runtimes' CPUs, the launchers; then the unpacked kit made
// an inspector's by `kit create` and run as on a Linux PC (sh inspect.sh), with its own
// runtime, on a recorded PC, leaving the PC's home and temp empty. Needs `npm run build`.

const VERSION = JSON.parse(readFileSync(join(ROOT, 'agent/package.json'), 'utf8')).version as string;
const NAME = `zhengban-inspector-kit-${VERSION}`;
const KIT_WINDOWS = join(ROOT, 'test/fixtures/windows/win10-ent-mak-esu-addons');

let zip = '';
let dir = '';
let kit = '';
beforeAll(() => {
  const built = buildPackages(['inspector-kit']);
  zip = built.files['inspector-kit']!;
  dir = built.dir;
  out('unzip', ['-q', zip, '-d', join(dir, 'stick')]);
  kit = join(dir, 'stick', NAME);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `unzip -Z` lines → path and mode, paths below the kit's folder. */
function listing(): Map<string, string> {
  const rows = out('unzip', ['-Z', zip]).split('\n').filter((l) => /^[d-]r/.test(l));
  return new Map(rows.map((l) => [l.split(/\s+/).slice(8).join(' ').replace(`${NAME}/`, ''), l.slice(0, 10)]));
}

describe('the inspector\'s kit package', () => {
  it(`is ${NAME}.zip: launchers, agent, judge, three runtimes, an empty results folder, and no kit.json or key`, () => {
    expect(zip.endsWith(`${NAME}.zip`)).toBe(true);
    const entries = listing();
    const names = [...entries.keys()].filter((n) => !n.startsWith('agent/chunks/') && n !== '');
    expect(names.sort()).toEqual([
      'README.txt', 'agent/', 'agent/resources/', 'agent/resources/windows/', 'agent/resources/windows/inventory.ps1',
      'agent/zhengban-agent.mjs', 'inspect.cmd', 'inspect.sh', 'judge.mjs', 'results/', 'runtime/', 'runtime/NOTICE.txt',
      'runtime/linux-arm64/', 'runtime/linux-arm64/node', 'runtime/linux-x64/', 'runtime/linux-x64/node', 'runtime/node-LICENSE.txt',
      'runtime/win-x64/', 'runtime/win-x64/node.exe',
    ]);
    const chunks = [...entries.keys()].filter((n) => n.startsWith('agent/chunks/'));
    expect(chunks).toContain('agent/chunks/');
    expect(chunks.filter((n) => n !== 'agent/chunks/').every((n) => n.endsWith('.mjs'))).toBe(true);
    for (const x of ['inspect.sh', 'runtime/linux-x64/node', 'runtime/linux-arm64/node']) expect(entries.get(x), x).toBe('-rwxr-xr-x');
    expect(readFileSync(join(kit, 'judge.mjs'))).toEqual(readFileSync(join(ROOT, 'collector/bundle/judge.mjs')));
    expect(readFileSync(join(kit, 'agent/zhengban-agent.mjs'))).toEqual(readFileSync(join(ROOT, 'agent/bundle/zhengban-agent.mjs')));
  });

  it('carries runtimes for x86-64 and ARM64 Linux and 64-bit Windows', () => {
    expect(elfMachine(join(kit, 'runtime/linux-x64/node'))).toBe('x86-64');
    expect(elfMachine(join(kit, 'runtime/linux-arm64/node'))).toBe('aarch64');
    expect(peHeader(join(kit, 'runtime/win-x64/node.exe'))).toMatchObject({ machine: 0x8664, magic: 0x20b });
  });

  it('has launchers Windows and Linux read as their own: inspect.cmd in ASCII with CRLF, README.txt with a BOM', () => {
    const cmd = readFileSync(join(kit, 'inspect.cmd'), 'latin1');
    expect(cmd).not.toMatch(/[^\x00-\x7f]/);
    expect(cmd.split('\r\n').length).toBe(cmd.split('\n').length);
    expect(cmd).toContain('"%~dp0runtime\\win-x64\\node.exe" "%~dp0agent\\zhengban-agent.mjs" inspect --kit "%~dp0." --out "%~dp0results" %*');
    expect(readFileSync(join(kit, 'README.txt')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(sh('sh', ['-n', join(kit, 'inspect.sh')]).status).toBe(0);
  });

  it('made an inspector\'s by kit create, inspects a recorded PC with its own runtime, from a stick without execute rights too, leaving the PC empty', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'zb-kit-db-')), 'zhengban.db');
    const made = sh(process.execPath, [join(ROOT, 'collector/bin/zhengban-collector.js'), 'kit', 'create', '--db', db, '--out', kit, '--inspector', '张三']);
    expect(made.status, made.stderr).toBe(0);
    expect(files(kit)).toEqual(['README.txt', 'agent', 'inspect.cmd', 'inspect.sh', 'inspector.key', 'judge.mjs', 'kit.json', 'results', 'runtime']);
    for (const noExec of [false, true]) {
      if (noExec) chmodSync(join(kit, 'runtime/linux-x64/node'), 0o644); // as a FAT stick mounted with showexec shows it
      const pc = emptyPc(dir);
      const r = sh('sh', [join(kit, 'inspect.sh'), '--from', KIT_WINDOWS], { cwd: pc.cwd, env: pc.env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^CZJ-PC-0160：/);
      for (const d of pc.dirs) expect(files(d), d).toEqual([]);
    }
    expect(files(join(kit, 'results')).filter((f) => f.endsWith('.bundle'))).toHaveLength(2);
    // Without --kit, the agent takes the kit it runs from.
    chmodSync(join(kit, 'runtime/linux-x64/node'), 0o755);
    const elsewhere = mkdtempSync(join(dir, 'results-'));
    const plain = sh(join(kit, 'runtime/linux-x64/node'), [join(kit, 'agent/zhengban-agent.mjs'), 'inspect', '--out', elsewhere, '--from', KIT_WINDOWS]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(files(elsewhere)).toHaveLength(2);
    expect(statSync(join(kit, 'results')).isDirectory()).toBe(true);
    expect(existsSync(join(kit, 'results', 'kit.json'))).toBe(false);
    rmSync(db, { force: true });
  }, 60_000);

  it('on a CPU it has no runtime for (Loongson), runs on the PC\'s own Node.js, or says in one line that there is none', () => {
    // A PATH of its own: uname says loongarch64, and node is there or not.
    const bin = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(bin, 'uname'), '#!/bin/sh\necho loongarch64\n', { mode: 0o755 });
    for (const tool of ['dirname', 'sh']) symlinkSync(out('sh', ['-c', `command -v ${tool}`]).trim(), join(bin, tool));
    const none = sh('sh', [join(kit, 'inspect.sh'), '--from', KIT_WINDOWS], { env: { PATH: bin } });
    expect(none.status).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/no Node\.js for loongarch64 and this PC has none/);
    symlinkSync(process.execPath, join(bin, 'node'));
    const own = sh('sh', [join(kit, 'inspect.sh'), '--from', KIT_WINDOWS], { env: { PATH: bin } });
    expect(own.status, own.stderr).toBe(0);
  });
});
