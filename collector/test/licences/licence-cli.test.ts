import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { createUnit } from '../../src/service/org-service.js';
import { runCliCaptured, tempDir } from '../helper.js';
import { registryRows } from './licence-helper.js';

const CREATED = new Date('2026-11-20T08:00:00.000Z');
let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'zhengban.db');
  const store = openStore(db);
  for (const name of ['财政局', '教育局']) await createUnit({ store, now: () => CREATED }, 'cli', { name });
  await store.close();
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCliCaptured(args);
const license = (...args: string[]) => cli('license', ...args, '--db', db);
const add = (...args: string[]) =>
  license('add', '--product', 'windows', '--edition', 'pro', '--model', 'oem', '--seats', '50', '--unit', '财政局', '--valid-until', '2027-12-31', ...args);

describe('license add, list, show, update, delete', () => {
  it('adds a licence and shows it in the list and alone', async () => {
    const r = await add('--price', '19999.99', '--vendor', '联想', '--purchase-order', 'CG-01');
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toBe('licence #1 windows added for 财政局');
    expect(r.out[1]).toMatch(/^re-judged/);
    const list = await license('list');
    expect(list.out[0]!.split('\t')).toEqual(['id', 'product', 'edition', 'model', 'seats', 'effective', 'allocated', 'unit', 'valid from', 'valid until', 'vendor']);
    expect(list.out[1]!.split('\t')).toEqual(['1', 'windows', 'pro', 'oem', '50', '50', '0', '财政局', '-', '2027-12-31', '联想']);
    const show = await license('show', '1');
    expect(show.out).toContain('price (yuan)\t19999.99');
    const json = JSON.parse((await license('show', '1', '--json')).out.join('\n'));
    expect(json).toMatchObject({ id: 1, productId: 'windows', price: 19999.99, purchaseOrder: 'CG-01' });
    expect((await cli('licence', 'list', '--db', db, '--json')).out.join('\n')).toContain('"total": 1');
  });

  it('takes a unit by id, kms hosts, and unlimited seats', async () => {
    expect((await license('add', '--product', 'ms-office', '--model', 'kms', '--kms-host', 'kms1.gov.cn', 'kms2.gov.cn', '--seats', 'unlimited', '--unit', '2')).code).toBe(0);
    expect((await license('add', '--product', 'wps-office', '--model', 'site', '--unit', '财政局')).code).toBe(0);
    const [kms, site] = JSON.parse((await license('list', '--json')).out.join('\n')).licences;
    expect(kms).toMatchObject({ kmsHosts: ['kms1.gov.cn', 'kms2.gov.cn'], seats: null, unit: '教育局' });
    expect(site).toMatchObject({ model: 'site', seats: null });
  });

  it('updates and clears fields, then deletes', async () => {
    await add('--vendor', '联想');
    const r = await license('update', '1', '--seats', '60', '--no-vendor', '--unit', '教育局');
    expect(r.out[0]).toBe('licence #1 updated');
    expect(JSON.parse((await license('show', '1', '--json')).out.join('\n'))).toMatchObject({ seats: 60, vendor: null, unit: '教育局' });
    expect((await license('delete', '1')).out[0]).toBe('licence #1 windows of 教育局 deleted');
    expect(registryRows(db).licences).toBe(0);
  });

  it.each([
    [['--seats', 'many'], /--seats/],
    [['--price', '1.005'], /--price/],
    [['--unit', '没有'], /--unit/],
    [['--edition', 'professional-plus'], /edition/],
    [['--valid-until', '2027/12/31'], /--valid-until/],
  ])('refuses %j with one line on stderr and writes nothing', async (args, message) => {
    const before = registryRows(db);
    const r = await add(...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^zhengban-collector: /);
    expect(r.err[0]).toMatch(message);
    expect(registryRows(db)).toEqual(before);
  });

  it('refuses add without seats for a counted model, and a missing licence', async () => {
    expect((await license('add', '--product', 'windows', '--model', 'oem', '--unit', '财政局')).err[0]).toMatch(/--seats is needed/);
    expect((await license('show', '9')).err[0]).toMatch(/licence #9 was not found/);
    expect((await license('update', '9', '--seats', '3')).code).not.toBe(0);
  });
});

describe('license event, events', () => {
  it('records a disposal and a reallocation, and lists the events', async () => {
    await add();
    const scrap = await license('event', '1', '--kind', 'disposal', '--disposal', 'scrap', '--date', '2026-11-01', '--seats', '3');
    expect(scrap.out[0]).toBe('event #1 (scrap) recorded for licence #1');
    const move = await license('event', '1', '--kind', 'disposal', '--disposal', 'reallocation', '--date', '2026-11-02', '--seats', '7', '--to-unit', '教育局');
    expect(move.out[1]).toBe('licence #2 created for 教育局 with 7 seat(s)');
    expect(JSON.parse((await license('show', '1', '--json')).out.join('\n')).effectiveSeats).toBe(40);
    const events = await license('events', '1');
    expect(events.out.slice(1).map((l) => l.split('\t').slice(1, 5))).toEqual([
      ['2026-11-01', 'disposal', 'scrap', '3'],
      ['2026-11-02', 'disposal', 'reallocation', '7'],
    ]);
    const bad = await license('event', '1', '--kind', 'renewal', '--date', '2026-11-03');
    expect(bad.err[0]).toMatch(/validUntil/);
  });
});

describe('license import, export, document', () => {
  it('exports to a file and imports it into another database', async () => {
    await add('--notes', '含逗号, 和"引号"');
    const file = join(dir, 'ledger.csv');
    expect((await license('export', '--lang', 'zh', '--out', file)).out[0]).toBe(`ledger written to ${file}`);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(bytes.toString()).toContain('产品');
    const stdout = await license('export');
    expect(stdout.out.join('\n')).toContain('id,product,productName');

    const other = join(dir, 'other.db');
    const store = openStore(other);
    await createUnit({ store, now: () => CREATED }, 'cli', { name: '财政局' });
    await store.close();
    const r = await cli('license', 'import', file, '--db', other);
    expect(r.out[0]).toBe('1 licence(s) imported: #1–#1');
    const loaded = JSON.parse((await cli('license', 'show', '1', '--db', other, '--json')).out.join('\n'));
    expect(loaded).toMatchObject({ productId: 'windows', edition: 'pro', seats: 50, notes: '含逗号, 和"引号"' });
  });

  it('refuses a bad ledger naming the line, writing nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'product,model,seats,unit\nwindows,oem,5,财政局\nwindows,oem,five,财政局\n');
    const before = registryRows(db);
    const r = await license('import', file);
    expect(r.err[0]).toMatch(/^zhengban-collector: line 3, column seats:/);
    expect(registryRows(db)).toEqual(before);
    expect((await license('import', join(dir, 'missing.csv'))).err[0]).toMatch(/cannot read/);
  });

  it('stores a document from a file and fetches it back', async () => {
    await add();
    const file = join(dir, '授权书.pdf');
    const content = Buffer.from('%PDF-1.7 licence');
    writeFileSync(file, content);
    const sha = createHash('sha256').update(content).digest('hex');
    expect((await license('document', '1', file)).out[0]).toBe(`document 授权书.pdf stored for licence #1: ${content.length} bytes, sha256 ${sha}`);
    expect(JSON.parse((await license('show', '1', '--json')).out.join('\n')).document).toMatchObject({ mediaType: 'application/pdf', sha256: sha });
    const out = join(dir, 'fetched.pdf');
    expect((await license('document', '1', '--out', out)).code).toBe(0);
    expect(readFileSync(out).equals(content)).toBe(true);
    expect((await license('document', '1')).err[0]).toMatch(/give a FILE/);
  });
});
