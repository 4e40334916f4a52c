import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingCode } from '@zhengban/shared';
import { categoryResults } from '../../collector/src/classify/combine.js';
import { query, readVerdicts, runSample, type SampleRun, type Stored } from './sample-run.js';

// Runs `scripts/sample-data` as a user does (the built collector, a fresh database) with
// a small fleet, then reads the stored verdicts back and checks, machine by machine, what
// a careful inspector would say. The expectations are written here from the story the
// sample tells (docs/sample-data.md), not read from the script.

describe('sample county 青溪县 (scripts/sample-data)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-sample-'));
  let run: SampleRun;
  let again: SampleRun[];
  let machines: Map<string, Stored>;

  beforeAll(async () => {
    // The determinism check's two runs go beside the main one: the three take the time of one.
    [run, ...again] = await Promise.all([runSample(dir, 'sample', 60), runSample(dir, 'again-a', 40, 'determinism'), runSample(dir, 'again-b', 40, 'determinism')]);
    if (run.status !== 0) throw new Error(`sample-data exited ${run.status}: ${run.stderr}`);
    machines = readVerdicts(run.db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const machine = (host: string): Stored => {
    const m = machines.get(host);
    if (!m) throw new Error(`no machine ${host} in the sample`);
    return m;
  };
  /** The findings of one category and code, failing unless the code is `licensed`. */
  const findings = (host: string, category: Finding['category'], code: FindingCode) =>
    machine(host).verdict.findings.filter((f) => f.category === category && f.code === code);
  const passes = (host: string) => categoryResults(machine(host).verdict.findings);
  /** Asserts the finding is there and returns it, for its words. */
  const finding = (host: string, category: Finding['category'], code: FindingCode): Finding => {
    const all = machine(host).verdict.findings.map((f) => `${f.category}:${f.code} ${f.message}`).join('\n');
    const hit = findings(host, category, code);
    expect(hit.length, `${host} should have ${category}:${code}; it has\n${all}`).toBeGreaterThan(0);
    return hit[0]!;
  };
  /** The registry's finding for a category: the one quoting a licence or the lack of one. */
  const entitlement = (host: string, category: Finding['category']): Finding => {
    const hit = machine(host).verdict.findings.find((f) => f.category === category && f.facts.some((x) => /^(licence|entitlement) = /.test(x)));
    expect(hit, `${host} has no ${category} entitlement finding`).toBeDefined();
    return hit!;
  };
  const history = (host: string) =>
    query<{ status: string; trigger: string; trigger_detail: string | null; entitlement_json: string }>(
      run.db,
      `SELECT v.status, v.trigger, v.trigger_detail, f.json AS entitlement_json
        FROM verdicts v JOIN finding_sets f ON f.id = v.entitlement_set_id WHERE v.agent_id = ? ORDER BY v.id`,
      machine(host).agentId,
    );

  it('prints the campaign figures in Chinese and English and loads every machine', () => {
    expect(run.stdout).toMatch(/各单位正版化统计 Per unit/);
    expect(run.stdout).toMatch(/三项全正版 all 3/);
    expect(run.stdout).toMatch(/软件资产台账 Licence ledger/);
    expect(machines.size).toBe(60);
    const summary = JSON.parse(readFileSync(run.json, 'utf8')).summary;
    expect(summary.byStatus.licensed + summary.byStatus.unauthorized).toBe(60);
    expect(summary.total.computers).toBe(60);
    expect(summary.units.reduce((n: number, u: { computers: number }) => n + u.computers, 0)).toBe(60);
  });

  it('licensed: OEM Windows, Office through the county KMS and 天擎 under the county network licence', () => {
    const m = machine('QXXCB-PC-0001');
    expect(m.verdict.status).toBe('licensed');
    expect(entitlement('QXXCB-PC-0001', 'os').message).toMatch(/OEM key .*firmware/);
    expect(entitlement('QXXCB-PC-0001', 'office').message).toMatch(/holds a seat of licence #\d+ \([^)]*青溪县\)/);
    expect(entitlement('QXXCB-PC-0001', 'antivirus').message).toMatch(/holds a seat of licence #\d+ \(network licence, 青溪县\)/);
    const [renewed] = query<{ valid_until: string }>(run.db, "SELECT valid_until FROM licences WHERE model = 'network'");
    expect(renewed?.valid_until).toBe('2027-06-30');
    for (const host of ['QXGAJ-PC-0001', 'QXSJJ-PC-0001', 'qxzfb-uos-001', 'qxxcb-imac-01.local', 'QXTJJ-PC-W7-001', 'QXZRJ-PC-0001']) {
      expect(machine(host).verdict.status, host).toBe('licensed');
    }
    expect(entitlement('QXZRJ-PC-0001', 'other').message).toMatch(/AutoCAD.*holds a seat of licence #\d+ \([^)]*青溪县自然资源和规划局\)/);
  });

  it('licensed after 报废: the Windows 7 PCs hold the 3 OEM seats left of 8', () => {
    const [l] = query<{ seats: number; n: number }>(run.db, `SELECT seats, (SELECT count(*) FROM seat_allocations s WHERE s.licence_id = l.id) AS n
      FROM licences l WHERE product_id = 'windows' AND version_from = '7'`);
    expect(l).toEqual({ seats: 8, n: 3 });
    expect(entitlement('QXTJJ-PC-W7-003', 'os').messageZh).toMatch(/已分配第 \d+ 号授权（[^）]*青溪县统计局）/);
  });

  it('no-entitlement: Office Home and Business bought by nobody the ledger knows', () => {
    const f = finding('QXSCJ-PC-0004', 'office', 'no-entitlement');
    expect(f.message).toMatch(/No licence in the registry covers Microsoft Office 2019 Home and Business/);
    expect(f.messageZh).toMatch(/台账中没有覆盖本机所在单位/);
    expect(finding('QXRSJ-PC-0002', 'other', 'no-entitlement').message).toMatch(/WinRAR/);
    expect(machine('QXSCJ-PC-0004').verdict.status).toBe('unauthorized');
  });

  it('over-allocated: the three laptops beyond 教育局\'s Office 2019 seats, queued by first seen', () => {
    const queue = ['QXJYJ-NB-0001', 'QXJYJ-NB-0002', 'QXJYJ-NB-0003'].map((h) => finding(h, 'office', 'over-allocated'));
    expect(queue.map((f) => /number (\d+) in the queue/.exec(f.message)?.[1])).toEqual(['1', '2', '3']);
    expect(queue[0]!.message).toMatch(/installed on more machines than licence #\d+ \([^)]*青溪县教育局\) has seats/);
    expect(entitlement('QXJYJ-PC-0001', 'office').message).toMatch(/holds a seat of licence #\d+ \([^)]*青溪县教育局\)/);
  });

  it('expired: Microsoft 365 whose subscription ended on 2026-09-30', () => {
    expect(finding('QXZFB-NB-0001', 'office', 'expired').message).toMatch(/expired on 2026-09-30/);
    expect(passes('QXZFB-NB-0001').office).toBe(false);
  });

  it('not-activated: Windows in notification mode, a Kylin trial, an unauthorised UOS', () => {
    expect(finding('QXRSJ-PC-0001', 'os', 'not-activated').message).toMatch(/notification mode/);
    expect(finding('qxxwb-kylin-002', 'os', 'not-activated').message).toMatch(/trial/);
    expect(finding('qxzfb-uos-002', 'os', 'not-activated').message).toMatch(/not activated/);
  });

  it('crack-activator: KMS_VL_ALL, KMSpico, Ohook and a public KMS server', () => {
    expect(finding('QXSCJ-PC-0002', 'os', 'crack-activator').message).toMatch(/KMS_VL_ALL/);
    expect(finding('QXSCJ-PC-0002', 'office', 'crack-activator').message).toMatch(/172\.16\.0\.2/);
    expect(finding('QXSCJ-PC-0001', 'os', 'crack-activator').message).toMatch(/KMS emulator on the PC itself/);
    expect(findings('QXSCJ-NB-0001', 'office', 'crack-activator').map((f) => f.message).join(' ')).toMatch(/Ohook/);
    expect(finding('QXWJJ-PC-0003', 'os', 'crack-activator').message).toMatch(/kms8\.msguides\.com, which the catalog lists under the crack tool Public KMS server/);
  });

  it('untrusted-kms: a LAN KMS host nobody registered', () => {
    for (const c of ['os', 'office'] as const) expect(finding('QXSCJ-PC-0003', c, 'untrusted-kms').message).toMatch(/192\.168\.31\.250, which is not one of the organisation's KMS servers/);
  });

  it('personal-use-only: WPS personal, consumer antivirus, Windows Home', () => {
    expect(finding('QXWJJ-PC-0001', 'office', 'personal-use-only').message).toMatch(/Personal edition of WPS Office/);
    expect(finding('QXWJJ-PC-0002', 'antivirus', 'personal-use-only').message).toMatch(/personal use only/);
    expect(passes('QXWJJ-PC-0002').antivirus).toBe(false);
    expect(finding('DESKTOP-7Q1M2KD', 'os', 'personal-use-only').message).toMatch(/Home edition of Windows/);
  });

  it('missing: no antivirus on a police PC, no office suite on the consumer laptop', () => {
    expect(finding('QXGAJ-PC-0002', 'antivirus', 'missing').message).toBe('No antivirus found on this PC.');
    expect(finding('DESKTOP-7Q1M2KD', 'office', 'missing').message).toMatch(/No office suite found/);
  });

  it('disabled: the only antivirus has its real-time protection off', () => {
    expect(finding('QXBSX-PC-0001', 'antivirus', 'disabled').message).toMatch(/real-time protection is off/);
    expect(passes('QXBSX-PC-0001').antivirus).toBe(false);
    // A passive Defender beside a working 天擎 is reported but does not fail the PC.
    expect(findings('QXXCB-PC-0001', 'antivirus', 'disabled')).toHaveLength(1);
    expect(passes('QXXCB-PC-0001').antivirus).toBe(true);
  });

  it('denied-software: Internet Download Manager and KMSpico on the deny list', () => {
    expect(finding('QXCGZ-PC-0001', 'other', 'denied-software').message).toMatch(/"Internet Download Manager" is on the deny list \(entry #\d+: 共享软件/);
    expect(finding('QXSCJ-PC-0001', 'other', 'denied-software').message).toMatch(/"KMSpico" is on the deny list/);
  });

  it('unauthorized-install: AutoCAD and IDM installed between the two scans', () => {
    expect(finding('QXZJJ-PC-0001', 'other', 'unauthorized-install').message).toMatch(/No licence in the registry covers AutoCAD 2020.*installed after the previous snapshot/);
    expect(finding('QXCGZ-PC-0002', 'other', 'unauthorized-install').message).toMatch(/deny list.*installed after the previous snapshot/);
    const [change] = query<{ name: string }>(
      run.db,
      "SELECT c.value->>1 AS name FROM software_change_sets s, json_each(s.changes_json) c WHERE s.agent_id = ? AND c.value->>0 = 'installed'",
      machine('QXZJJ-PC-0001').agentId,
    );
    expect(change?.name).toMatch(/^AutoCAD 2020/);
    expect(history('QXZJJ-PC-0001').at(-1)?.trigger).toBe('snapshot');
  });

  it('a machine moved from 自然资源局 to 白沙乡 loses its AutoCAD seat, and the move is recorded', () => {
    const m = machine('QXZRJ-PC-0002');
    expect(m.unit).toBe('白沙乡人民政府');
    expect(finding('QXZRJ-PC-0002', 'other', 'no-entitlement').message).toMatch(/AutoCAD/);
    const moves = query<{ reason: string }>(run.db, 'SELECT reason FROM machine_moves WHERE agent_id = ?', m.agentId);
    expect(moves).toHaveLength(1);
    expect(history('QXZRJ-PC-0002').map((v) => v.trigger)).toContain('move');
  });

  it('调剂: 青石镇 gets WPS seats from 财政局, and its PC is judged again', () => {
    const [l] = query<{ seats: number; unit: string }>(run.db, `SELECT l.seats, u.name AS unit FROM licence_events e JOIN licences l ON l.id = e.created_licence_id
      JOIN units u ON u.id = l.unit_id WHERE e.disposal = 'reallocation'`);
    expect(l?.unit).toBe('青石镇人民政府');
    expect(entitlement('QXQSZ-PC-0001', 'office').message).toMatch(/WPS Office.*holds a seat of licence #\d+ \([^)]*青石镇人民政府\)/);
    const h = history('QXQSZ-PC-0001');
    expect(h[0]!.entitlement_json).toMatch(/"code":"no-entitlement"/);
    expect(h.some((v) => v.trigger === 'licence' && /reallocation/.test(v.trigger_detail ?? ''))).toBe(true);
  });

  it('the 天擎 renewal entered after the first scan turns its machines from expired to licensed', () => {
    const h = history('QXXCB-PC-0001');
    expect(h[0]!.status).toBe('unauthorized');
    expect(h[0]!.entitlement_json).toMatch(/"category":"antivirus","code":"expired"/);
    const renewed = h.find((v) => v.trigger === 'licence' && /renewal/.test(v.trigger_detail ?? ''));
    expect(renewed?.status).toBe('licensed');
  });

  it('the licence document is stored with its SHA-256', () => {
    const docs = query<{ file_name: string; sha256: string }>(run.db, 'SELECT file_name, sha256 FROM licence_documents');
    expect(docs.map((d) => d.file_name)).toContain('青溪县Office批量许可授权确认书.txt');
    for (const d of docs) expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('every finding names the snapshot and the facts it rests on, in both languages', () => {
    for (const [host, m] of machines) {
      for (const f of m.verdict.findings) {
        expect(f.snapshotId, host).toBe(m.verdict.snapshotId);
        expect(f.facts.length, `${host} ${f.code}`).toBeGreaterThan(0);
        expect(f.messageZh, host).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('WPS professional holds its seat (the office finding an inspector would accept)', () => {
    expect(entitlement('QXCZJ-PC-0001', 'office').message).toMatch(/WPS Office.*holds a seat of licence #\d+ \([^)]*青溪县财政局\)/);
  });

  // WPS reports no activation state: its seat in the registry is what makes it genuine.
  it('a WPS professional PC holding a seat counts as genuine office', () => {
    expect(passes('QXCZJ-PC-0001').office).toBe(true);
  });

  it('is deterministic: the same seed gives the same figures', () => {
    const [a, b] = again as [SampleRun, SampleRun];
    expect([a.status, b.status], a.stderr + b.stderr).toEqual([0, 0]);
    const figures = (file: string) => {
      const { summary, machines: ms } = JSON.parse(readFileSync(file, 'utf8'));
      return { summary, machines: ms.map((m: { host: string; status: string }) => [m.host, m.status]) };
    };
    expect(figures(a.json)).toEqual(figures(b.json));
  });

  it('gives a statistics form whose figures are the verdicts counted by hand, unit by unit', async () => {
    const out = join(dir, '统计表.json');
    const cli = spawnSync(process.execPath, ['collector/bin/zhengban-collector.js', 'report', 'statistics', '--db', run.db, '--as-of', '2026-11-20', '--out', out], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(run.stdout).toContain(`report statistics --db ${run.db} --as-of 2026-11-20 --format xlsx --out 统计表.xlsx`);
    const table = JSON.parse(readFileSync(out, 'utf8')) as { rows: { kind: string; cells: Record<string, number | string | null> }[] };
    // The hand count: every stored verdict (all 60 reported on 2026-11-19), category by category.
    const count = (hosts: Stored[]) => {
      const c = { computers: hosts.length, os: 0, office: 0, antivirus: 0, all: 0 };
      for (const m of hosts) {
        const r = categoryResults(m.verdict.findings);
        if (r.os) c.os++;
        if (r.office) c.office++;
        if (r.antivirus) c.antivirus++;
        if (r.os && r.office && r.antivirus) c.all++;
      }
      return c;
    };
    const figures = (cells: Record<string, number | string | null>) => ({
      computers: cells.computers, os: cells.osGenuine, office: cells.officeGenuine, antivirus: cells.antivirusGenuine, all: cells.allGenuine,
    });
    const total = table.rows.at(-1)!;
    expect(total.cells.notReporting).toBe(0);
    expect(figures(total.cells)).toEqual(count([...machines.values()]));
    for (const row of table.rows.filter((r) => r.kind === 'unit' && (r.cells.computers as number) > 0)) {
      const own = [...machines.values()].filter((m) => m.unit === row.cells.unit);
      expect(figures(row.cells), String(row.cells.unit)).toEqual(count(own));
    }
  });

  it('keeps the software-asset ledger: 附表1 sums 附表2 copy by copy, OEM from the firmware key, AutoCAD\'s install in 附表3', () => {
    const out = join(dir, '台账.json');
    const cli = spawnSync(process.execPath, ['collector/bin/zhengban-collector.js', 'report', 'ledger', '--db', run.db, '--as-of', '2026-11-20', '--out', out], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    type Row = { kind: string; cells: Record<string, number | string | null> };
    const ledger = JSON.parse(readFileSync(out, 'utf8')) as { rows: Row[]; parts: { key: string; rows: Row[] }[] };
    const [detail, changes] = ledger.parts;
    const total = ledger.rows.at(-1)!.cells;
    expect(total.computers).toBe(60);
    // Every copy on 附表2 is counted once on 附表1, by how it is licensed.
    const basis = (words: string) => detail!.rows.filter((r) => r.cells.basis === words).length;
    expect([total.licensed, total.unlicensed, total.oem, total.free]).toEqual([basis('商业软件正版'), basis('商业软件非正版'), basis('OEM 预装'), basis('免费软件')]);
    expect(new Set(detail!.rows.map((r) => r.cells.hostname)).size).toBe(60);
    const copies = (host: string) => detail!.rows.filter((r) => r.cells.hostname === host).map((r) => `${r.cells.category}|${r.cells.basis}|${r.cells.state}`);
    // The OEM key in the firmware, Office on a KMS seat, 天擎 under the network licence, and
    // Windows's own Defender, switched off beside it: free, and listed with its state.
    expect(copies('QXXCB-PC-0001')).toEqual(['操作系统|OEM 预装|正版', '办公软件|商业软件正版|正版', '杀毒软件|免费软件|防护关闭', '杀毒软件|商业软件正版|正版']);
    expect(detail!.rows.find((r) => r.cells.hostname === 'QXXCB-PC-0001')!.cells.licence).toBe('电脑固件中的 OEM 密钥');
    expect(copies('QXSCJ-PC-0004')).toContain('办公软件|商业软件非正版|无授权');
    // A program on the deny list is a copy in use and not licensed; the users are those the unit entered.
    expect(copies('QXCGZ-PC-0001')).toContain('其他软件|商业软件非正版|禁用软件');
    const users = new Map(query<{ hostname: string; user_name: string | null }>(run.db, 'SELECT hostname, user_name FROM agents').map((a) => [a.hostname, a.user_name]));
    for (const r of detail!.rows) expect(r.cells.user, String(r.cells.hostname)).toBe(users.get(String(r.cells.hostname)));
    // 附表3: the AutoCAD installed between the scans, on the day of the second scan.
    const autocad = changes!.rows.filter((r) => r.kind === 'unit' && r.cells.software === 'AutoCAD');
    expect(autocad.map((r) => [r.cells.action, r.cells.date, r.cells.hostname])).toContainEqual(['安装', '2026-11-19', 'QXZJJ-PC-0001']);
  });
});
