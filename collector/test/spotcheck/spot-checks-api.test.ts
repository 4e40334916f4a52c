import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpotCheckView } from '../../src/schema/spot-checks.js';
import { adminToken, countRows } from '../helper.js';
import { api, county, create, report, snapshotFor, view, type County } from './spot-helper.js';

let c: County;
beforeEach(async () => {
  c = await county();
});
afterEach(() => c.t.close());

const ids = (v: SpotCheckView) => v.machines.map((m) => m.machineId).sort();
const machine = (v: SpotCheckView, hostname: string) => v.machines.find((m) => m.hostname === hostname)!;

describe('drawing a spot check (POST /spot-checks)', () => {
  it("draws a sample of the unit's subtree proportional across sub-units and machine types, the same again from the same seed", async () => {
    const first = await create(c, { unit: '青溪县', ratio: 0.5, seed: 'qx-2026' });
    expect(first).toMatchObject({ unit: '青溪县', population: 14, sampled: 7, seed: 'qx-2026', min: 0, state: 'open', recheckOf: null });
    expect(first.strata.map((s) => [s.unit, s.kind, s.population, s.drawn])).toEqual([
      ['青溪县', 'desktop', 2, 1],
      ['财政局', 'desktop', 6, 3],
      ['财政局', 'laptop', 2, 1],
      ['教育局', 'desktop', 4, 2],
    ]);
    expect(first.machines.map((m) => m.no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const again = await create(c, { unit: '青溪县', ratio: 0.5, seed: 'qx-2026' });
    expect(ids(again)).toEqual(ids(first));
    expect(ids(await create(c, { unit: '财政局', ratio: 0.1, min: 5 }))).toHaveLength(5);
  });

  it('makes a seed when none is given, and says which', async () => {
    const v = await create(c, { unit: '教育局', ratio: 0.5 });
    expect(v.seed).toMatch(/^[0-9a-f]{8}$/);
    expect(ids(await create(c, { unit: '教育局', ratio: 0.5, seed: v.seed }))).toEqual(ids(v));
  });

  it('freezes each machine as judged at the draw: a later snapshot changes the machine, not the spot check', async () => {
    const v = await create(c, { unit: '财政局', ratio: 1 });
    const before = machine(v, 'czj-01');
    expect(before.frozen!.verdict!.status).toBe('unauthorized');
    expect(before.frozen!.verdict!.findings.some((f) => f.category === 'antivirus' && !f.passed)).toBe(true);
    expect(before.frozen).toMatchObject({ state: 'reporting', machine: { hostname: 'czj-01', serial: 'SN-czj-01' }, os: { name: 'Debian GNU/Linux 12 (bookworm)' } });

    c.t.clock.now = new Date(c.t.clock.now.getTime() + 3_600_000);
    await report(c, 'czj-01', snapshotFor('czj-01', 'desktop', true));
    const now = (await api(c.t, c.admin, 'GET', `/machines/${before.machineId}`)).json();
    expect(now.verdict.status).toBe('licensed');

    const after = machine(await view(c, v.id), 'czj-01');
    expect(after.frozen).toEqual(before.frozen);
    expect(after.frozen!.verdict!.snapshotId).not.toBe(now.verdict.snapshotId);
    expect(after.status).toBe('unauthorized');
  });
});

describe('recording on site and grading', () => {
  it('turns what the inspector saw into discrepancies, the agent first, and grades the unit with the rule that gave it', async () => {
    const v = await create(c, { unit: '教育局', ratio: 1 });
    expect(v.grade.words.zh).toBe('不合格：抽查 4 台中 1 台使用未授权软件（>10%）');
    const res = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/machines/jyj-02`, { labelMatches: 'yes', agentPresent: 'no', unreported: ['KMSpico'], remark: '代理程序已被删除' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().discrepancies.map((d: { messageZh: string }) => d.messageZh)).toEqual(['代理程序被卸载或停止：现场未见代理程序', '现场发现代理程序未上报的软件：KMSpico']);
    expect(res.json().record).toMatchObject({ agentPresent: 'no', agentReporting: 'not-checked', unreported: ['KMSpico'], remark: '代理程序已被删除' });

    const unit = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/unit-checks`, { ledger: 'yes', documents: 'no' });
    expect(unit.json()).toMatchObject({ ledger: 'yes', documents: 'no', remark: null, recordedBy: expect.stringMatching(/^token:/) });
    const graded = await view(c, v.id);
    expect(graded.grade.words.zh).toBe('不合格：抽查 4 台中 1 台使用未授权软件（>10%）；抽查 4 台中 1 台代理程序被卸载或停止（>10%）');
    expect(graded.grade.figures).toMatchObject({ sampled: 4, unauthorized: 1, agentTampered: 1, discrepancies: 1, documentsNotInOrder: 1, unrecorded: 3 });
  });

  it("grades by the spot check's own rules, kept with it", async () => {
    const grading = { rules: [{ grade: 'basic-pass', any: [{ metric: 'unauthorizedShare', above: 0.3 }] }], otherwise: 'pass' };
    const v = await create(c, { unit: '教育局', ratio: 1, grading });
    expect(v.grading).toEqual(grading);
    expect(v.grade).toMatchObject({ grade: 'pass', rule: null });
    expect(v.grade.words.zh).toBe('合格：抽查 4 台，未授权 1 台，与上报不符 0 台；台账未核查，授权文件未核查');
  });
});

describe('a re-check', () => {
  it('takes the same machines again, frozen now, and says what was fixed, what still fails and what newly fails', async () => {
    const first = await create(c, { unit: '青溪县', ratio: 1 });
    await api(c.t, c.admin, 'PUT', `/spot-checks/${first.id}/machines/jyj-02`, { agentPresent: 'no' });
    c.t.clock.now = new Date(c.t.clock.now.getTime() + 3_600_000);
    await report(c, 'czj-01', snapshotFor('czj-01', 'desktop', true));
    await report(c, 'qx-01', { ...snapshotFor('qx-01', 'desktop', false) });

    const recheck = await create(c, { unit: '青溪县', recheckOf: first.id });
    expect(ids(recheck)).toEqual(ids(first));
    expect(recheck).toMatchObject({ recheckOf: first.id, seed: first.seed, ratio: 1 });
    const r = recheck.recheck!;
    const names = (list: { hostname: string }[]) => list.map((m) => m.hostname).sort();
    expect(names(r.fixed)).toEqual(['czj-01']);
    // Its agent was missing on site: put right only when seen again on site.
    expect(names(r.pending)).toEqual(['jyj-02']);
    expect(names(r.stillFailing)).toEqual(['czj-02', 'jyj-01']);
    expect(names(r.newlyFailing)).toEqual(['qx-01']);
    expect(r.gone).toEqual([]);
    expect(r.before.words.zh).toBe('不合格：抽查 14 台中 3 台使用未授权软件（>10%）');
    expect(r.after.words.zh).toBe('不合格：抽查 14 台中 3 台使用未授权软件（>10%）');
  });

  it('is refused with a ratio of its own or for another unit', async () => {
    const first = await create(c, { unit: '财政局', ratio: 0.5 });
    const withRatio = await api(c.t, c.admin, 'POST', '/spot-checks', { unit: '财政局', recheckOf: first.id, ratio: 0.5 });
    expect([withRatio.statusCode, withRatio.json().code]).toEqual([400, 'E_RECHECK']);
    const other = await api(c.t, c.admin, 'POST', '/spot-checks', { unit: '教育局', recheckOf: first.id });
    expect(other.json()).toEqual({ code: 'E_RECHECK', message: `spot check #${first.id} is of unit 财政局, not 教育局: a re-check is of the same unit` });
  });
});

describe('refusals', () => {
  it.each([
    ['a ratio over 1', { unit: '青溪县', ratio: 2 }, 400, 'E_SCHEMA'],
    ['no ratio', { unit: '青溪县' }, 400, 'E_RECHECK'],
    ['an unknown field', { unit: '青溪县', ratio: 0.1, size: 3 }, 400, 'E_SCHEMA'],
    ['an unknown unit', { unit: '没有', ratio: 0.1 }, 404, 'E_NOT_FOUND'],
    ['a grading share over 1', { unit: '青溪县', ratio: 0.1, grading: { rules: [{ grade: 'fail', any: [{ metric: 'unauthorizedShare', above: 10 }] }], otherwise: 'pass' } }, 400, 'E_GRADING'],
    ['a grading grade unknown', { unit: '青溪县', ratio: 0.1, grading: { rules: [], otherwise: '优秀' } }, 400, 'E_SCHEMA'],
    ['a re-check of nothing', { unit: '青溪县', recheckOf: 99 }, 404, 'E_NOT_FOUND'],
  ])('answers %s with {code, message} and writes nothing', async (_what, body, status, code) => {
    const before = countRows(c.t.dbFile);
    const res = await api(c.t, c.admin, 'POST', '/spot-checks', body);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'message']);
    expect(countRows(c.t.dbFile)).toEqual(before);
    expect((await api(c.t, c.admin, 'GET', '/spot-checks')).json().spotChecks).toEqual([]);
  });

  it('refuses a unit without machines, an unknown machine, and any record once closed', async () => {
    await api(c.t, c.admin, 'POST', '/units', { name: '空科室', parentId: c.units.county, kind: 'department' });
    const empty = await api(c.t, c.admin, 'POST', '/spot-checks', { unit: '空科室', ratio: 0.5 });
    expect([empty.statusCode, empty.json().code]).toEqual([409, 'E_SPOT_CHECK_EMPTY']);
    const v = await create(c, { unit: '教育局', ratio: 0.5 });
    const unknown = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/machines/czj-01`, { labelMatches: 'yes' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'E_NOT_FOUND']);
    expect((await api(c.t, c.admin, 'GET', '/spot-checks/999')).statusCode).toBe(404);
    for (const body of [{ labelMatches: 'maybe' }, { unreported: [''] }, { remark: 'x'.repeat(501) }, { seen: true }]) {
      const bad = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/machines/1`, body);
      expect({ body, status: bad.statusCode, code: bad.json().code }).toEqual({ body, status: 400, code: 'E_SCHEMA' });
    }
    const badUnit = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/unit-checks`, { ledger: 'done' });
    expect([badUnit.statusCode, badUnit.json().code]).toEqual([400, 'E_SCHEMA']);
    expect((await view(c, v.id)).machines.every((m) => m.record === null)).toBe(true);
    expect((await api(c.t, c.admin, 'POST', `/spot-checks/${v.id}/close`)).json().state).toBe('closed');
    const late = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/machines/1`, { labelMatches: 'yes' });
    expect([late.statusCode, late.json().code]).toEqual([409, 'E_SPOT_CHECK_CLOSED']);
    const lateUnit = await api(c.t, c.admin, 'PUT', `/spot-checks/${v.id}/unit-checks`, { ledger: 'yes' });
    expect([lateUnit.statusCode, lateUnit.json().code]).toEqual([409, 'E_SPOT_CHECK_CLOSED']);
  });

  it("lets a viewer read its subtree's spot checks and draw none", async () => {
    const v = await create(c, { unit: '教育局', ratio: 0.5 });
    const outside = await create(c, { unit: '财政局', ratio: 0.5 });
    const viewer = await adminToken(c.t.store, 'viewer', c.units.education);
    expect((await api(c.t, viewer, 'GET', '/spot-checks')).json().spotChecks.map((s: { id: number }) => s.id)).toEqual([v.id]);
    expect((await api(c.t, viewer, 'GET', `/spot-checks/${outside.id}`)).statusCode).toBe(404);
    const refused = await api(c.t, viewer, 'POST', '/spot-checks', { unit: '教育局', ratio: 0.5 });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'E_FORBIDDEN']);
    expect((await api(c.t, viewer, 'GET', `/spot-checks?unit=${encodeURIComponent('财政局')}`)).statusCode).toBe(404);
    expect((await api(c.t, c.admin, 'GET', `/spot-checks?unit=${encodeURIComponent('财政局')}`)).json().spotChecks.map((s: { id: number }) => s.id)).toEqual([outside.id]);
  });

  it('keeps a unit whose spot check is on record from being deleted', async () => {
    const v = await create(c, { unit: '教育局', ratio: 0.5 });
    for (const m of ['jyj-01', 'jyj-02', 'jyj-03', 'jyj-04']) {
      const moved = await api(c.t, c.admin, 'POST', `/machines/${c.agents.get(m)!.agentId}/move`, { unitId: c.units.finance });
      expect(moved.statusCode, moved.body).toBe(201);
    }
    const del = await api(c.t, c.admin, 'DELETE', `/units/${c.units.education}`);
    // The spot check and its two machines drawn there.
    expect(del.json()).toEqual({ code: 'E_IN_USE', message: expect.stringMatching(/^unit 教育局 still has .*, 3 spot-check records$/) });
    expect((await view(c, v.id)).unit).toBe('教育局');
  });
});
