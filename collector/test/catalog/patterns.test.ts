import { describe, expect, it } from 'vitest';
import { CatalogPatternError, checkPatterns } from '../../src/catalog/index.js';
import { product } from './sample-products.js';

function caught(fn: () => void): CatalogPatternError | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CatalogPatternError) return err;
    throw err;
  }
  return undefined;
}

describe('checkPatterns', () => {
  it('accepts a product whose patterns compile, Chinese and \\p{…} included', () => {
    const p = product('p', [{ on: 'software', name: '火绒|\\p{Script=Han}+', notName: '终端' }], {
      editions: [{ id: 'pro', name: 'Pro', nameZh: '专业版', pattern: '专业' }],
      release: [{ from: 'name', pattern: '(20\\d\\d)' }],
    });
    expect(() => checkPatterns(p)).not.toThrow();
  });

  it('names the rule and field of a bad rule pattern', () => {
    const err = caught(() => checkPatterns(product('p', [{ on: 'software', name: 'ok' }, { on: 'software', name: 'ok', notName: '[a-' }])));
    expect(err?.code).toBe('E_CATALOG_PATTERN');
    expect(err?.status).toBe(400);
    expect(err?.message).toMatch(/^rule p\/r2, field notName is not a valid regular expression/);
  });

  it('names the edition or release rule of a bad pattern', () => {
    const badEdition = product('p', [{ on: 'software', name: 'ok' }], { editions: [{ id: 'pro', name: 'Pro', nameZh: '专业版', pattern: '(' }] });
    expect(caught(() => checkPatterns(badEdition))?.message).toMatch(/^product p, edition pro/);
    const badRelease = product('p', [{ on: 'software', name: 'ok' }], { release: [{ from: 'name', pattern: 'ok' }, { from: 'name', pattern: '*' }] });
    expect(caught(() => checkPatterns(badRelease))?.message).toMatch(/^product p, release rule 2/);
  });

  it('checks an override\'s added rules', () => {
    expect(() => checkPatterns({ name: 'x', disableRules: ['p/r1'] })).not.toThrow();
    const err = caught(() => checkPatterns({ addRules: [{ id: 'p/local', on: 'software', name: 'ok', version: '(?<' }] }));
    expect(err?.message).toMatch(/^rule p\/local, field version/);
  });
});
