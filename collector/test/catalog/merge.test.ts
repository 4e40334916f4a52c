import { describe, expect, it } from 'vitest';
import { compileCatalog, mergeCatalog, type CatalogEntry } from '../../src/catalog/index.js';
import { softwareFacts } from './examples.js';
import { product } from './sample-products.js';

const meta = { updatedAt: '2026-11-20T08:00:00.000Z', updatedBy: 'admin' };
const builtin = [
  product('acme-draw', [{ on: 'software', name: 'acme draw' }, { on: 'software', name: 'acme sketch' }]),
  product('acme-viewer', [{ on: 'software', name: 'acme viewer' }], { licence: 'free-for-orgs' }),
];

describe('mergeCatalog', () => {
  it('without entries gives the built-in products as they are', () => {
    const merged = mergeCatalog(builtin, []);
    expect(merged.map((p) => [p.id, p.origin, p.override])).toEqual([
      ['acme-draw', 'built-in', null],
      ['acme-viewer', 'built-in', null],
    ]);
  });

  it('puts custom products first', () => {
    const custom = product('local-tool', [{ on: 'software', name: 'acme' }]);
    const merged = mergeCatalog(builtin, [{ kind: 'custom', productId: 'local-tool', product: custom, ...meta }]);
    expect(merged.map((p) => [p.id, p.origin])).toEqual([
      ['local-tool', 'custom'],
      ['acme-draw', 'built-in'],
      ['acme-viewer', 'built-in'],
    ]);
    expect(merged[0]?.override).toBeNull();
    // First match wins, so the admin's product takes what the built-in one would have.
    const c = compileCatalog(merged, 'v');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Acme Draw' }))?.product.id).toBe('local-tool');
  });

  it('a custom product with a built-in id replaces the built-in one', () => {
    const custom = product('acme-viewer', [{ on: 'software', name: 'acme viewer' }], { licence: 'commercial' });
    const merged = mergeCatalog(builtin, [{ kind: 'custom', productId: 'acme-viewer', product: custom, ...meta }]);
    expect(merged.map((p) => [p.id, p.origin, p.licence])).toEqual([
      ['acme-viewer', 'custom', 'commercial'],
      ['acme-draw', 'built-in', 'commercial'],
    ]);
  });

  it('applies an override: fields replaced, added rules before the built-in ones, disabled rules removed', () => {
    const entry: CatalogEntry = {
      kind: 'override',
      productId: 'acme-draw',
      override: {
        name: 'Acme Draw Suite',
        licence: 'free-for-orgs',
        notes: 'the unit has a site licence',
        addRules: [{ id: 'acme-draw/local', on: 'software', name: 'acmedraw' }],
        disableRules: ['acme-draw/r2'],
      },
      ...meta,
    };
    const merged = mergeCatalog(builtin, [entry]);
    const draw = merged.find((p) => p.id === 'acme-draw');
    expect(draw?.origin).toBe('overridden');
    expect(draw?.override).toEqual(entry.kind === 'override' ? entry.override : null);
    expect([draw?.name, draw?.nameZh, draw?.licence, draw?.notes]).toEqual(['Acme Draw Suite', 'acme-draw', 'free-for-orgs', 'the unit has a site licence']);
    expect(draw?.rules.map((r) => r.id)).toEqual(['acme-draw/local', 'acme-draw/r1']);
    expect(draw && 'addRules' in draw).toBe(false);
    expect(merged.find((p) => p.id === 'acme-viewer')?.origin).toBe('built-in');
    const c = compileCatalog(merged, 'v');
    expect(c.recogniseSoftware(softwareFacts({ name: 'ACMEDRAW' }))?.ruleId).toBe('acme-draw/local');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Acme Sketch' }))).toBeUndefined();
  });

  it('ignores an override of a product that is not built in', () => {
    const merged = mergeCatalog(builtin, [{ kind: 'override', productId: 'gone', override: { name: 'x' }, ...meta }]);
    expect(merged.map((p) => p.id)).toEqual(['acme-draw', 'acme-viewer']);
  });

  it('leaves the built-in products untouched', () => {
    const before = JSON.stringify(builtin);
    mergeCatalog(builtin, [{ kind: 'override', productId: 'acme-draw', override: { disableRules: ['acme-draw/r1'], name: 'y' }, ...meta }]);
    expect(JSON.stringify(builtin)).toBe(before);
  });
});
