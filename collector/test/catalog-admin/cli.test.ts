import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCliCaptured, tempDir } from '../helper.js';
import { collaboraRule, libreOverride, surveyProduct } from './products.js';

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'zhengban.db');
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCliCaptured([...args, '--db', db]);

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function entriesAndAudit() {
  const store = openStore(db);
  try {
    return { entries: await store.read.catalogEntries.list(), audit: await store.read.audit.list({ limit: 10, offset: 0, action: 'catalog.' }) };
  } finally {
    await store.close();
  }
}

const libreRules = async () => (JSON.parse((await cli('catalog', 'show', 'libreoffice', '--json')).out.join('\n')) as { rules: { id: string }[] }).rules.map((r) => r.id);

describe('catalog list, show, export', () => {
  it('lists products as a table, by category, or as JSON', async () => {
    const all = await cli('catalog', 'list');
    expect(all.code).toBe(0);
    expect(all.out[0]).toBe('id\tcategory\tname\tvendor\tdomestic\tlicence\torigin');
    expect(all.out.find((l) => l.startsWith('windows\t'))).toMatch(/^windows\tos\t.*\tMicrosoft\tno\tcommercial\tbuilt-in$/);
    const office = await cli('catalog', 'list', '--category', 'office');
    expect(office.out.slice(1).every((l) => l.split('\t')[1] === 'office')).toBe(true);
    expect(office.out.some((l) => l.startsWith('libreoffice\t'))).toBe(true);
    const json = JSON.parse((await cli('catalog', 'list', '--category', 'os', '--json')).out.join('\n'));
    expect(json.version).toBe('2026.12-1');
    expect(json.products.map((p: { id: string }) => p.id)).toContain('windows');
    expect((await cli('catalog', 'list', '--category', 'games')).code).not.toBe(0);
  });

  it('shows a product with its editions and rules; an unknown id fails with one line', async () => {
    const r = await cli('catalog', 'show', 'windows');
    expect(r.out[0]).toMatch(/^windows\t/);
    expect(r.out).toContain('origin\tbuilt-in');
    expect(r.out.some((l) => /^ {2}home\t/.test(l))).toBe(true);
    expect(r.out.some((l) => /^ {2}windows\/\S+\ton os/.test(l))).toBe(true);
    const missing = await cli('catalog', 'show', 'nothing');
    expect([missing.code, missing.err]).toEqual([1, ['zhengban-collector: catalog product nothing was not found']]);
  });

  it('exports the effective catalog as JSON', async () => {
    const view = JSON.parse((await cli('catalog', 'export')).out.join('\n'));
    expect(view.version).toBe('2026.12-1');
    expect(view.products.length).toBeGreaterThan(5);
  });
});

describe('catalog add, remove, override, reset, check', () => {
  it('adds a custom product from a file, recognises it, and removes it', async () => {
    const add = await cli('catalog', 'add', '--file', file('product.json', surveyProduct()));
    expect(add).toMatchObject({ code: 0, err: [] });
    expect(add.out[0]).toMatch(/^product acme-survey added; catalog product acme-survey is now custom/);
    const check = await cli('catalog', 'check', '--on', 'software', '--name', 'Acme Survey Pro', '--publisher', 'Acme', '--version', '3.1');
    expect(check.out).toEqual([
      'product\tacme-survey\tAcme Survey\t阿克米测绘\t(other)',
      'rule\tacme-survey/name',
      'edition\tpro\tPro',
      'release\t3',
      'licence\tcommercial',
      'catalog\t2026.12-1+local.1',
    ]);
    expect((await cli('catalog', 'remove', 'acme-survey')).out[0]).toMatch(/^custom product acme-survey removed/);
    expect((await cli('catalog', 'check', '--name', 'Acme Survey Pro', '--publisher', 'Acme')).out).toEqual(['not recognised by catalog 2026.12-1+local.2']);
    const { entries, audit } = await entriesAndAudit();
    expect(entries).toEqual([]);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['catalog.product.delete', 'cli'], ['catalog.product.create', 'cli']]);
  });

  it('overrides a built-in product from a file and resets it', async () => {
    const rules = await libreRules();
    const r = await cli('catalog', 'override', 'libreoffice', '--file', file('override.json', libreOverride(rules)));
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toMatch(/^override of libreoffice stored; catalog product libreoffice is now overridden/);
    const check = await cli('catalog', 'check', '--on', 'office', '--name', 'Collabora Office', '--json');
    expect(JSON.parse(check.out.join('\n')).recognised).toMatchObject({ productId: 'libreoffice', ruleId: collaboraRule.id });
    expect((await cli('catalog', 'show', 'libreoffice')).out).toContain(`switched off by the override: ${rules.join(', ')}`);
    expect((await cli('catalog', 'reset', 'libreoffice')).out[0]).toMatch(/^override of libreoffice removed; catalog product libreoffice is now built-in/);
    expect((await cli('catalog', 'check', '--on', 'office', '--name', 'Collabora Office')).out).toEqual(['not recognised by catalog 2026.12-1+local.2']);
    expect((await cli('catalog', 'reset', 'libreoffice')).err).toEqual(['zhengban-collector: override of catalog product libreoffice was not found']);
  });

  it.each([
    [['catalog', 'add', '--file', 'missing.json'], /cannot read/],
    [['catalog', 'add', '--file', '@not-json'], /not valid JSON/],
    [['catalog', 'add', '--file', '@no-rules'], /is not valid/],
    [['catalog', 'add', '--file', '@bad-pattern'], /not a valid regular expression/],
    [['catalog', 'override', 'windows', '--file', '@bad-rule'], /disableRules: windows\/nothing is not a rule/],
    [['catalog', 'override', 'nothing', '--file', '@empty'], /built-in product nothing was not found/],
    [['catalog', 'remove', 'windows'], /is a built-in product/],
    [['catalog', 'check', '--on', 'printer', '--name', 'x'], /printer/],
  ])('refuses %j with one line on stderr and writes nothing', async (args, message) => {
    const files: Record<string, string> = {
      '@not-json': file('a.json', '{ nope'),
      '@no-rules': file('b.json', surveyProduct({ rules: [] })),
      '@bad-pattern': file('c.json', surveyProduct({ rules: [{ id: 'acme-survey/x', on: 'software', name: '(' }] })),
      '@bad-rule': file('d.json', { disableRules: ['windows/nothing'] }),
      '@empty': file('e.json', {}),
      'missing.json': join(dir, 'missing.json'),
    };
    const r = await cli(...args.map((a) => files[a] ?? a));
    expect(r.code).not.toBe(0);
    expect(r.err).toEqual([expect.stringMatching(message)]);
    expect((await entriesAndAudit()).entries).toEqual([]);
  });
});
