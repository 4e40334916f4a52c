import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LicenceView } from '../../src/schema/licences.js';
import { CSV_LIMITS, csvRecords, parseCsv } from '../../src/service/licence-csv-codec.js';
import { call, licenceApp, registryRows, windowsPro, type LicenceTestApp } from './licence-helper.js';

let t: LicenceTestApp;
beforeEach(async () => {
  t = await licenceApp();
});
afterEach(() => t.close());

const create = async (body: Record<string, unknown>) => (await call(t, 'POST', '/licences', t.admin, body)).json().licence as LicenceView;
const exportCsv = async (app: LicenceTestApp, q = '', token = app.admin) => call(app, 'GET', `/licences.csv${q}`, token);
const importCsv = (app: LicenceTestApp, csv: string | Buffer, token = app.admin) =>
  app.app.inject({
    method: 'POST',
    url: '/api/v1/licences/import',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    payload: csv,
  });
/** What a licence is, without what a new database numbers or stamps differently. */
const essence = ({ id: _i, createdAt: _c, updatedAt: _u, document: _d, ...rest }: LicenceView) => rest;

async function sampleLedger() {
  await create(windowsPro(t.units.finance, { notes: '第一批, 含"预装"\n第二行', price: 12800.5 }));
  await create({ productId: 'ms-office', edition: 'professional-plus', versionFrom: '2016', versionTo: '2021', downgrade: true, model: 'kms', kmsHosts: ['kms1.gov.cn', 'kms2.gov.cn'], seats: 120, unitId: t.units.budget, validUntil: '2027-12-31' });
  await create({ productId: 'wps-office', edition: 'professional', model: 'site', seats: null, unitId: t.units.education, vendor: '=HYPERLINK("x")' });
}

describe('GET /licences.csv', () => {
  it('writes UTF-8 with a BOM, English keys, one row per licence', async () => {
    await sampleLedger();
    const res = await exportCsv(t);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="licences.csv"/);
    expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const [header, ...rows] = parseCsv(res.body);
    expect(header!.fields.slice(0, 4)).toEqual(['id', 'product', 'productName', 'edition']);
    expect(header!.fields).toEqual(expect.arrayContaining(['model', 'seats', 'unit', 'validFrom', 'validUntil', 'vendor', 'purchaseOrder', 'price', 'notes']));
    expect(rows).toHaveLength(3);
    const col = (name: string) => header!.fields.indexOf(name);
    expect(rows[0]!.fields[col('notes')]).toBe('第一批, 含"预装"\n第二行');
    expect(rows[0]!.fields[col('price')]).toBe('12800.50');
    expect(rows[1]!.fields[col('kmsHosts')]).toBe('kms1.gov.cn;kms2.gov.cn');
    expect(rows[2]!.fields[col('seats')]).toBe('unlimited');
    expect(rows[2]!.fields[col('vendor')]).toBe(`'=HYPERLINK("x")`);
    expect(res.body).toContain('\r\n');
  });

  it('writes Chinese headers and model names with ?lang=zh', async () => {
    await sampleLedger();
    const [header, row] = parseCsv((await exportCsv(t, '?lang=zh')).body);
    expect(header!.fields).toEqual(expect.arrayContaining(['产品', '版本/版次', '授权方式', '数量', '单位', '有效期起', '有效期止', '供应商', '采购订单号', '金额(元)', '备注']));
    expect(row!.fields[header!.fields.indexOf('授权方式')]).toBe('OEM预装');
    expect(row!.fields[header!.fields.indexOf('产品名称')]).toBe('Windows 桌面操作系统');
  });

  it('gives a viewer the licences of its subtree only', async () => {
    await sampleLedger();
    const [header, ...rows] = parseCsv((await exportCsv(t, '', t.viewer)).body);
    expect(rows.map((r) => r.fields[header!.fields.indexOf('unit')])).toEqual(['财政局', '预算科']);
  });
});

describe('POST /licences/import', () => {
  it('round-trips: an export loaded into a fresh database gives the same licences, in either language', async () => {
    await sampleLedger();
    const original = (await call(t, 'GET', '/licences', t.admin)).json().licences as LicenceView[];
    for (const lang of ['', '?lang=zh']) {
      const csv = (await exportCsv(t, lang)).body;
      const fresh = await licenceApp();
      try {
        const res = await importCsv(fresh, csv);
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ created: 3, licences: [1, 2, 3], rejudged: expect.any(Object) });
        const loaded = (await call(fresh, 'GET', '/licences', fresh.admin)).json().licences as LicenceView[];
        expect(loaded.map(essence)).toEqual(original.map(essence));
      } finally {
        await fresh.close();
      }
    }
  });

  it('reads a ledger with Chinese headers, names instead of ids, quoted fields and spreadsheet dates', async () => {
    const csv = [
      '序号,产品,版本/版次,授权方式,数量,单位,有效期起,有效期止,供应商,采购订单号,金额(元),备注',
      `1,Windows 桌面操作系统,专业版,OEM,50,财政局,2026/1/1,2027年12月31日,"联想（北京）有限公司, 政采",CG-01,"¥12,800.50","随机预装`,
      `含""专业版""授权"`,
      `2,wps-office,professional,场地授权,不限,${t.units.education},,,,,,`,
      ',,,,,,,,,,,',
    ].join('\r\n');
    const res = await importCsv(t, csv);
    expect(res.statusCode).toBe(201);
    const [a, b] = (await call(t, 'GET', '/licences', t.admin)).json().licences as LicenceView[];
    expect(a).toMatchObject({
      productId: 'windows',
      edition: 'pro',
      model: 'oem',
      seats: 50,
      unit: '财政局',
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      vendor: '联想（北京）有限公司, 政采',
      price: 12800.5,
      notes: '随机预装\r\n含"专业版"授权',
    });
    expect(b).toMatchObject({ productId: 'wps-office', model: 'site', seats: null, unit: '教育局' });
    expect((await t.store.read.audit.list({ limit: 5, offset: 0, action: 'licence.create' })).length).toBe(2);
  });

  it('reads a GB18030 file as Chinese Excel saves it', async () => {
    // '产品,授权方式,数量,单位\r\nwps-office,零售,5,财政局\r\n' in GB18030 (Python's str.encode('gb18030')).
    const bytes = Buffer.from('b2fac6b72ccadac8a8b7bdcabd2ccafdc1bf2cb5a5cebb0d0a7770732d6f66666963652cc1e3cadb2c352cb2c6d5febed60d0a', 'hex');
    const res = await importCsv(t, bytes);
    expect(res.statusCode).toBe(201);
    expect((await call(t, 'GET', '/licences', t.admin)).json().licences[0]).toMatchObject({ productId: 'wps-office', model: 'retail', seats: 5, unit: '财政局' });
  });

  it.each([
    ['a bad model', '产品,授权方式,数量,单位\nwindows,OEM,5,财政局\n"wps-office",盗版,5,财政局\n', /^line 3, column 授权方式: "盗版" is not a licence model/],
    ['a bad row after a quoted line break', 'product,model,seats,unit,notes\nwindows,oem,5,财政局,"a\nb"\nwindows,oem,5,没有这个单位,\n', /^line 4, column unit: there is no unit/],
    ['a rule the licence breaks', 'product,model,seats,unit\nwindows,site,5,财政局\n', /^line 2, column seats: seats: a site licence is unlimited/],
    ['a missing seat count', 'product,model,seats,unit\nwindows,oem,,财政局\n', /^line 2, column seats: .*needs its number of seats/],
    ['an edition of another product', 'product,edition,model,seats,unit\nwindows,professional-plus,oem,5,财政局\n', /^line 2, column edition:/],
    ['a bad date', 'product,model,seats,unit,validUntil\nwindows,oem,5,财政局,2026-02-30\n', /^line 2, column validUntil:/],
    ['a bad price', 'product,model,seats,unit,金额(元)\nwindows,oem,5,财政局,12.345\n', /^line 2, column 金额\(元\):/],
    ['an unknown column', 'product,model,seats,unit,colour\nwindows,oem,5,财政局,red\n', /^line 1: unknown column "colour"/],
    ['no unit column', 'product,model,seats\nwindows,oem,5\n', /^line 1: the header has no unit column/],
    ['an unclosed quote', 'product,model,seats,unit\nwindows,oem,5,"财政局\n', /^CSV line 2: a quoted field is never closed/],
    ['a header alone', 'product,model,seats,unit\n', /no licences/],
  ])('refuses %s naming the line and column, writing nothing', async (_what, csv, message) => {
    await create(windowsPro(t.units.finance));
    const before = registryRows(t.dbFile);
    const res = await importCsv(t, csv);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(message) });
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('is refused to a viewer (403) and to JSON bodies, writing nothing', async () => {
    const before = registryRows(t.dbFile);
    expect((await importCsv(t, 'product,model,seats,unit\nwindows,oem,5,财政局\n', t.viewer)).statusCode).toBe(403);
    const json = await call(t, 'POST', '/licences/import', t.admin, { csv: 'x' });
    expect(json.statusCode).toBe(400);
    expect(registryRows(t.dbFile)).toEqual(before);
  });
});

describe('parseCsv', () => {
  it('reads RFC 4180: quoted commas, doubled quotes, line breaks, CR, LF and CRLF ends', () => {
    const records = parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"multi\nline",,x\rlast,"",y');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 2, fields: ['multi\nline', '', 'x'] },
      { line: 4, fields: ['last', '', 'y'] },
    ]);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/closing quote/);
  });

  it('stops at the first record beyond its bounds, naming the line, without reading the rest', () => {
    expect(() => parseCsv(`a,b\n${','.repeat(1_000_000)}`)).toThrow(/CSV line 2: more than 200 fields in one row/);
    expect(() => parseCsv(`a\n"${'x'.repeat(30_000)}"`)).toThrow(/CSV line 2: a field is longer than 20000 characters/);
    expect(() => parseCsv(`a\n${'y'.repeat(30_000)}`)).toThrow(/CSV line 2: a field is longer than 20000 characters/);
    const rows = csvRecords('h\n1\n2\n3\n', { ...CSV_LIMITS, records: 3 });
    expect(() => [...rows]).toThrow(/more than 3 rows/);
    // A generator: the first record is read without parsing what follows it.
    expect(csvRecords(`h,k\n${'"'}never closed`).next().value).toEqual({ line: 1, fields: ['h', 'k'] });
  });
});
