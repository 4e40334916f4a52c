import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTable } from '../../src/schema/reports.js';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestApp } from '../helper.js';

describe('GET /api/v1/reports/responsibles', () => {
  let t: TestApp;
  let admin: string;
  const ids = new Map<string, number>();
  const as = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await testApp();
    admin = await adminToken(t.store);
    const post = async (url: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${admin}` }, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { unit?: { id: number } };
    };
    for (const [name, parent] of [['青溪县', null], ['青溪县财政局', '青溪县'], ['青溪县教育局', '青溪县']] as const) {
      ids.set(name, (await post('/api/v1/units', { name, kind: parent ? 'department' : 'county', ...(parent ? { parentId: ids.get(parent) } : {}) })).unit!.id);
    }
    await post(`/api/v1/units/${ids.get('青溪县财政局')}/people`, { role: 'first-responsible', name: '王建国', title: '局长', phone: '0571-8888 0001' });
    await post(`/api/v1/units/${ids.get('青溪县财政局')}/people`, { role: 'leader-in-charge', name: '李红', title: '副局长', phone: '0571-8888 0002' });
    await post(`/api/v1/units/${ids.get('青溪县财政局')}/people`, { role: 'contact', name: '张伟', title: '信息科科长', phone: '138 0000 0001' });
    await post(`/api/v1/units/${ids.get('青溪县财政局')}/people`, { role: 'contact', name: '陈静', phone: '138 0000 0002' });
    await post(`/api/v1/units/${ids.get('青溪县教育局')}/people`, { role: 'contact', name: '刘洋', title: '办公室主任', phone: '138 0000 0003' });
    // A report needs a first snapshot to date it by.
    const agent = await enrolledAgent(t, '青溪县财政局', 'pc-01');
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1))).statusCode).toBeLessThan(300);
  });
  afterAll(() => t.close());

  it('lists each unit in tree order with its three roles, several people in one cell, and the roles not named yet', async () => {
    const res = await as(admin, '/api/v1/reports/responsibles');
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json() as ReportTable;
    expect(table.title.zh).toBe('青溪县软件正版化工作责任人信息汇总表');
    expect(table.rows.map((r) => [r.level, r.cells.unit, r.cells.firstName, r.cells.contactName, r.cells.contactPhone, r.cells.missing])).toEqual([
      [0, '青溪县', null, null, null, '主要负责人、分管领导、联络员'],
      [1, '青溪县财政局', '王建国', '张伟、陈静', '138 0000 0001、138 0000 0002', null],
      [1, '青溪县教育局', null, '刘洋', '138 0000 0003', '主要负责人、分管领导'],
    ]);
    expect(table.rows[1]!.cells.contactTitle).toBe('信息科科长、—');
    expect(table.rows[2]!.cells.firstTitle).toBeNull();
    expect(table.notes[0]!.zh).toMatch(/共 3 个单位，其中 2 个尚未填齐三类责任人/);
  });

  it('gives a viewer its own subtree only', async () => {
    const viewer = await adminToken(t.store, 'viewer', ids.get('青溪县教育局')!);
    const table = (await as(viewer, '/api/v1/reports/responsibles')).json() as ReportTable;
    expect(table.rows.map((r) => r.cells.unit)).toEqual(['青溪县教育局']);
    expect((await as(viewer, `/api/v1/reports/responsibles?unit=${encodeURIComponent('青溪县财政局')}`)).statusCode).toBe(404);
  });

  it('is an XLSX with the roles as merged heading groups', async () => {
    const res = await as(admin, '/api/v1/reports/responsibles?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E8%B4%A3%E4%BB%BB%E4%BA%BA");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('责任人信息汇总表');
    expect(ws.getCell('C3').value).toBe('主要负责人');
    expect(ws.getCell('E3').master.address).toBe('C3');
    expect(['C4', 'D4', 'E4'].map((a) => ws.getCell(a).value)).toEqual(['姓名', '职务', '电话']);
    expect(ws.getCell('A6').value).toBe('\u3000青溪县财政局');
  });
});
