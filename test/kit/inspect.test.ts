import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertValid, InspectionRecord, KitFile, parseEntry, parseManifest, verifyBytes, type InspectionEnvelope,
} from '@zhengban/shared';
import { runCli } from '../../collector/src/cli.js';
import { judgeOnSite } from '../../collector/src/kit/judge-on-site.js';
import { emptyPc, files } from './pc.js';
import { UNIT, world, type World } from './world.js';

// The agent's `inspect` as the kit's launchers run it: the built bundle, a kit made by
// `kit create`, recorded PCs (`--from`), and a home, temp and config that must stay
// empty. Needs `npm run build` (the agent bundle and collector/bundle/judge.mjs).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AGENT = join(ROOT, 'agent/bundle/zhengban-agent.mjs');
const built = existsSync(AGENT) && existsSync(join(ROOT, 'collector/bundle/judge.mjs'));
const FIXTURES = join(ROOT, 'test/fixtures');
const REAL = fileURLToPath(new URL('../../../shared/fixtures/real/glpi-agent/', import.meta.url));

let w: World;
let base: string;
let kitDir: string;
let kit: KitFile;
beforeAll(async () => {
  if (!built) return;
  w = await world();
  base = mkdtempSync(join(tmpdir(), 'zb-inspect-'));
  kitDir = join(base, 'kit');
  const made = await captured(['kit', 'create', '--db', w.dbFile, '--out', kitDir, '--inspector', '张三', '--unit', UNIT]);
  if (made.code !== 0) throw new Error(made.err.join('\n'));
  kit = assertValid(KitFile, JSON.parse(readFileSync(join(kitDir, 'kit.json'), 'utf8')), 'kit.json');
});
afterAll(async () => {
  if (!built) return;
  await w.close();
  rmSync(base, { recursive: true, force: true });
});

async function captured(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function inspect(args: string[], pc = emptyPc(base)) {
  const r = spawnSync(process.execPath, [AGENT, 'inspect', ...args], { cwd: pc.cwd, env: pc.env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, pc };
}

/** The one inspection a results bundle holds, its signature checked against the kit's inspector. */
function readResult(out: string): { record: InspectionRecord; envelope: InspectionEnvelope; sheet: string; createdBy: string } {
  const name = files(out).find((f) => f.endsWith('.bundle'))!;
  const [manifest, line, ...rest] = readFileSync(join(out, name), 'utf8').split('\n');
  expect(rest).toEqual(['']);
  const entry = parseEntry(line!, 'line 2');
  if (entry.kind !== 'inspection') throw new Error(`entry of kind ${entry.kind}`);
  expect(verifyBytes(Buffer.from(entry.envelope.payload), entry.envelope.signature, kit.inspector.publicKey)).toBe(true);
  const record = assertValid(InspectionRecord, JSON.parse(entry.envelope.payload), 'the record');
  return { record, envelope: entry.envelope, sheet: readFileSync(join(out, name.replace(/\.bundle$/, '.html')), 'utf8'), createdBy: parseManifest(manifest!).createdBy };
}

describe.runIf(built)('zhengban-agent inspect', () => {
  it('scans a recorded Windows PC, judges it as the kit\'s collector does, signs it and writes the bundle and the sheet, leaving the PC as it was', () => {
    const out = join(base, 'stick-1', 'results');
    const pc = emptyPc(base);
    // The agent's own places when it runs as root, which an enrolled agent would use.
    const system = ['/etc/zhengban', '/var/lib/zhengban'].map((d) => [d, existsSync(d)] as const);
    const r = inspect(['--kit', kitDir, '--out', out, '--from', join(FIXTURES, 'windows/win10-kmspico')], pc);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('CZJ-PC-0031：存在问题（unauthorized） — 操作系统：破解激活；办公软件：破解激活；杀毒软件：防护关闭；其他软件：无授权');
    expect(files(out)).toEqual([expect.stringMatching(/^CZJ-PC-0031-\d{8}-\d{6}\.bundle$/), expect.stringMatching(/^CZJ-PC-0031-\d{8}-\d{6}\.html$/)]);
    const { record, createdBy, sheet } = readResult(out);
    expect(createdBy).toBe(`inspector ${kit.inspector.id}`);
    expect(record).toMatchObject({ kitId: kit.kitId, inspectorId: kit.inspector.id, unit: UNIT, spotCheckId: null, catalogVersion: kit.catalogVersion, rulesVersion: kit.rulesVersion });
    expect(record.snapshot).toMatchObject({ agentId: null, seq: 0 });
    expect(record.verdict).toEqual(judgeOnSite(record.snapshot, kit, new Date(record.snapshot.collectedAt)));
    for (const words of ['计算机软件安装情况检查表', '单位', UNIT, '计算机名', 'CZJ-PC-0031', '使用人', '类型', '台式计算机', '硬件序列号', '操作系统', '激活状态', '办公软件', '杀毒软件', '其他需授权软件', '破解/激活工具痕迹', 'KMSpico', '检查人员签字', '张三', kit.catalogVersion, '@page']) {
      expect(sheet).toContain(words);
    }
    for (const d of pc.dirs) expect(files(d), d).toEqual([]);
    for (const [d, was] of system) expect(existsSync(d), d).toBe(was);
    expect(files(kitDir)).toEqual(['inspector.key', 'judge.mjs', 'kit.json']);
  });

  it('inspects real GLPI recordings in place: a CentOS package list, and Linux antivirus outputs', () => {
    const linked = mkdtempSync(join(base, 'centos-'));
    symlinkSync(join(REAL, 'linux/distro/os-release-centos-7.9'), join(linked, 'os-release-centos-7.9'));
    symlinkSync(join(REAL, 'linux/packaging/rpm'), join(linked, 'rpm'));
    for (const [from, host] of [[linked, /CentOS|centos/], [join(REAL, 'linux/antivirus'), /Bitdefender/]] as const) {
      const out = mkdtempSync(join(base, 'real-'));
      const r = inspect(['--kit', kitDir, '--out', out, '--from', from]);
      expect(r.code, r.stderr).toBe(0);
      const { record, sheet } = readResult(out);
      expect(record.snapshot.agent.platform).toBe('linux');
      expect(`${record.snapshot.os.name} ${sheet}`).toMatch(host);
      expect(record.verdict).toEqual(judgeOnSite(record.snapshot, kit, new Date(record.snapshot.collectedAt)));
    }
  });

  it('names a second inspection of the same PC within the second apart', () => {
    const out = mkdtempSync(join(base, 'twice-'));
    const from = join(FIXTURES, 'linux-cases/kylin-v10-sp1-activated');
    expect(inspect(['--kit', kitDir, '--out', out, '--from', from]).code).toBe(0);
    expect(inspect(['--kit', kitDir, '--out', out, '--from', from]).code).toBe(0);
    expect(files(out).filter((f) => f.endsWith('.bundle'))).toHaveLength(2);
  });
});

describe.runIf(built)('zhengban-agent inspect with bad input: one line on stderr, exit 2, nothing written', () => {
  /** A copy of the kit, damaged by `harm`. */
  function damagedKit(harm: (dir: string) => void): string {
    const dir = mkdtempSync(join(base, 'bad-kit-'));
    cpSync(kitDir, dir, { recursive: true });
    harm(dir);
    return dir;
  }

  const cases: [string, () => string, RegExp][] = [
    ['no kit (the agent\'s own folder)', () => join(ROOT, 'agent'), /no inspector kit in .*kit\.json is missing/],
    ['kit.json cut short', () => damagedKit((d) => writeFileSync(join(d, 'kit.json'), readFileSync(join(d, 'kit.json'), 'utf8').slice(0, 500))), /kit\.json is damaged: .*not valid JSON/],
    ['kit.json of another shape', () => damagedKit((d) => writeFileSync(join(d, 'kit.json'), '{"kind":"zhengban-inspector-kit","version":1}')), /kit\.json is damaged/],
    ['judging data damaged', () => damagedKit((d) => writeFileSync(join(d, 'kit.json'), JSON.stringify({ ...kit, judging: { products: 'none' } }))), /cannot be judged with: .*judging data is not valid/],
    ['inspector.key missing', () => damagedKit((d) => rmSync(join(d, 'inspector.key'))), /inspector\.key is missing/],
    ['another kit\'s key', () => damagedKit((d) => writeFileSync(join(d, 'inspector.key'), spawnSync('openssl', ['genpkey', '-algorithm', 'ed25519'], { encoding: 'utf8' }).stdout)), /is not the key of this kit's inspector 张三/],
    ['judge.mjs missing', () => damagedKit((d) => rmSync(join(d, 'judge.mjs'))), /judge\.mjs is missing/],
    ['judge.mjs of other rules', () => damagedKit((d) => writeFileSync(join(d, 'judge.mjs'), readFileSync(join(d, 'judge.mjs'), 'utf8').replaceAll(kit.rulesVersion, '1999.01-1'))), /made under rules .* but judge\.mjs has rules 1999\.01-1/],
  ];

  it.each(cases)('%s', (_name, make, message) => {
    const out = join(mkdtempSync(join(base, 'out-')), 'results');
    const r = inspect(['--kit', make(), '--out', out, '--from', join(FIXTURES, 'windows/win10-kmspico')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a results folder it cannot write', () => {
    const blocker = join(mkdtempSync(join(base, 'out-')), 'a-file');
    writeFileSync(blocker, '');
    const r = inspect(['--kit', kitDir, '--out', join(blocker, 'results'), '--from', join(FIXTURES, 'windows/win10-kmspico')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot write into .*a-file\/results/);
  });

  it('a recorded folder it cannot read', () => {
    const out = join(mkdtempSync(join(base, 'out-')), 'results');
    const r = inspect(['--kit', kitDir, '--out', out, '--from', join(base, 'no-such-recording')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(files(out)).toEqual([]);
  });
});
