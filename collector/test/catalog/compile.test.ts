import { describe, expect, it } from 'vitest';
import { BUILTIN_PRODUCTS, CatalogPatternError, compileCatalog } from '../../src/catalog/index.js';
import { antivirusFacts, officeFacts, osFacts, softwareFacts } from './examples.js';
import { product } from './sample-products.js';
import { alternatives } from '../../src/catalog/prefilter.js';

describe('compileCatalog', () => {
  it('first matching rule wins: product order, then rule order', () => {
    const c = compileCatalog(
      [
        product('alpha', [{ on: 'software', name: 'zeta' }, { on: 'software', name: 'tool' }]),
        product('beta', [{ on: 'software', name: 'tool' }]),
      ],
      'v1',
    );
    expect(c.recogniseSoftware(softwareFacts({ name: 'Some Tool' }))?.ruleId).toBe('alpha/r2');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Zeta Tool' }))?.ruleId).toBe('alpha/r1');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Other' }))).toBeUndefined();
  });

  it('every pattern of a rule must match, case-insensitively', () => {
    const c = compileCatalog([product('p', [{ on: 'software', name: '^acme', publisher: 'acme corp', version: '^2\\.' }])], 'v1');
    expect(c.recogniseSoftware(softwareFacts({ name: 'ACME Draw', publisher: 'Acme Corp', version: '2.1' }))?.product.id).toBe('p');
    expect(c.recogniseSoftware(softwareFacts({ name: 'ACME Draw', publisher: 'Acme Corp', version: '3.0' }))).toBeUndefined();
    expect(c.recogniseSoftware(softwareFacts({ name: 'ACME Draw', publisher: 'Other', version: '2.1' }))).toBeUndefined();
  });

  it('a pattern for a field the item lacks does not match', () => {
    const c = compileCatalog(
      [
        product('pub', [{ on: 'software', name: 'x', publisher: '.*' }]),
        product('os-pub', [{ on: 'os', name: 'x', publisher: '.*' }]),
        product('av-ed', [{ on: 'antivirus', name: 'x', edition: '.*' }]),
        product('office-os', [{ on: 'office', name: 'x', osId: '.*' }]),
      ],
      'v1',
    );
    expect(c.recogniseSoftware(softwareFacts({ name: 'x' }))).toBeUndefined();
    expect(c.recogniseOs(osFacts({ name: 'x', osId: 'x' }))).toBeUndefined();
    expect(c.recogniseAntivirus(antivirusFacts({ name: 'x', publisher: 'y' }))).toBeUndefined();
    expect(c.recogniseOffice(officeFacts({ name: 'x', edition: 'y' }))).toBeUndefined();
  });

  it('reads each field from its own list: publisher is the vendor of suites and antivirus, osId the os-release ID', () => {
    const c = compileCatalog(
      [
        product('os', [{ on: 'os', osId: '^kylin$', edition: 'desktop', version: '^V10' }]),
        product('suite', [{ on: 'office', name: 'suite', publisher: 'kingsoft', edition: 'pro' }]),
        product('av', [{ on: 'antivirus', name: 'guard', publisher: 'huorong' }]),
      ],
      'v1',
    );
    expect(c.recogniseOs(osFacts({ name: 'Kylin', osId: 'kylin', edition: 'Desktop', version: 'V10 SP1' }))?.product.id).toBe('os');
    expect(c.recogniseOffice(officeFacts({ name: 'Suite', publisher: 'Kingsoft', edition: 'pro' }))?.product.id).toBe('suite');
    expect(c.recogniseAntivirus(antivirusFacts({ name: 'Guard', publisher: 'Huorong' }))?.product.id).toBe('av');
  });

  it('notName excludes look-alikes', () => {
    const c = compileCatalog([product('p', [{ on: 'software', name: 'viewer|draw', notName: 'viewer' }])], 'v1');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Draw' }))?.product.id).toBe('p');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Draw Viewer' }))).toBeUndefined();
  });

  it('a rule reads only its own list', () => {
    const c = compileCatalog([product('p', [{ on: 'office', name: 'x' }])], 'v1');
    expect(c.recogniseOffice(officeFacts({ name: 'x' }))?.product.id).toBe('p');
    expect(c.recogniseSoftware(softwareFacts({ name: 'x' }))).toBeUndefined();
    expect(c.recogniseAntivirus(antivirusFacts({ name: 'x' }))).toBeUndefined();
  });

  it('edition: first edition matching the reported edition, else the name; its licence wins over the product\'s', () => {
    const p = product('p', [{ on: 'office', name: 'suite' }], {
      editions: [
        { id: 'home', name: 'Home', nameZh: '家庭版', pattern: 'home', licence: 'personal-use-only' },
        { id: 'pro', name: 'Pro', nameZh: '专业版', pattern: 'pro' },
      ],
    });
    const c = compileCatalog([p], 'v1');
    const byEdition = c.recogniseOffice(officeFacts({ name: 'Suite Home', edition: 'Pro' }));
    expect([byEdition?.edition?.id, byEdition?.licence]).toEqual(['pro', 'commercial']);
    const byName = c.recogniseOffice(officeFacts({ name: 'Suite Home', edition: 'unknown' }));
    expect([byName?.edition?.id, byName?.licence]).toEqual(['home', 'personal-use-only']);
    const none = c.recogniseOffice(officeFacts({ name: 'Suite' }));
    expect([none?.edition, none?.licence]).toEqual([undefined, 'commercial']);
  });

  it('release: rules in order, first capture group (or the whole match), mapped', () => {
    const p = product('p', [{ on: 'office', name: 'suite' }], {
      release: [
        { from: 'name', pattern: '\\b(20\\d\\d)\\b' },
        { from: 'edition', pattern: 'LTSC' },
        { from: 'version', pattern: '^(\\d+)\\.', map: { '14': '2010', '15': '2013' } },
      ],
    });
    const c = compileCatalog([p], 'v1');
    expect(c.recogniseOffice(officeFacts({ name: 'Suite 2019', version: '14.0' }))?.release).toBe('2019');
    expect(c.recogniseOffice(officeFacts({ name: 'Suite', edition: 'ltsc', version: '14.0' }))?.release).toBe('ltsc');
    expect(c.recogniseOffice(officeFacts({ name: 'Suite', version: '15.0' }))?.release).toBe('2013');
    expect(c.recogniseOffice(officeFacts({ name: 'Suite', version: '16.0' }))?.release).toBe('16');
    expect(c.recogniseOffice(officeFacts({ name: 'Suite' }))?.release).toBeUndefined();
  });

  it('gives the version, the products and each product by id', () => {
    const products = [product('a', [{ on: 'software', name: 'a' }]), product('b', [{ on: 'software', name: 'b' }])];
    const c = compileCatalog(products, '2026.11-1+local.2');
    expect(c.version).toBe('2026.11-1+local.2');
    expect(c.products.map((p) => p.id)).toEqual(['a', 'b']);
    expect(c.product('b')?.id).toBe('b');
    expect(c.product('zzz')).toBeUndefined();
  });

  it('recognises a repeated software item the same way (results are cached per name, publisher and version)', () => {
    const c = compileCatalog([product('p', [{ on: 'software', name: 'tool', version: '^1\\.' }])], 'v1');
    const first = c.recogniseSoftware(softwareFacts({ name: 'Tool', version: '1.0' }));
    expect(c.recogniseSoftware(softwareFacts({ name: 'Tool', version: '1.0' }))).toEqual(first);
    expect(c.recogniseSoftware(softwareFacts({ name: 'Tool', version: '2.0' }))).toBeUndefined();
    expect(c.recogniseSoftware(softwareFacts({ name: 'Tool' }))).toBeUndefined();
  });

  it('recognises through the name prefilter exactly as rule by rule: back-references, named groups and publisher-only rules too', () => {
    const c = compileCatalog(
      [
        product('echo', [{ on: 'software', name: '^(\\w+) \\1$' }]),
        product('named', [{ on: 'software', name: '^(?<v>Suite) (?<y>20\\d\\d)$' }]),
        product('by-publisher', [{ on: 'software', publisher: '^Only Publisher$' }]),
        product('plain', [{ on: 'software', name: '(?<!Pre)Plain', notName: 'Viewer' }]),
        product('any-name', [{ on: 'software', name: '.', publisher: '^Team X$' }]),
        product('mixed', [{ on: 'software', name: 'Floating|^Anchored(One|Two)\\b|Pipe\\|Sign|[|]Bar' }]),
      ],
      'v1',
    );
    expect(c.recogniseSoftware(softwareFacts({ name: 'bye bye' }))?.product.id).toBe('echo');
    expect(c.recogniseSoftware(softwareFacts({ name: 'bye hi' }))).toBeUndefined();
    expect(c.recogniseSoftware(softwareFacts({ name: 'Suite 2024' }))?.product.id).toBe('named');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Anything', publisher: 'Only Publisher' }))?.product.id).toBe('by-publisher');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Plain Text' }))?.product.id).toBe('plain');
    expect(c.recogniseSoftware(softwareFacts({ name: 'PrePlain' }))).toBeUndefined();
    expect(c.recogniseSoftware(softwareFacts({ name: 'Plain Viewer' }))).toBeUndefined();
    expect(c.recogniseSoftware(softwareFacts({ name: 'Whatever', publisher: 'Team X' }))?.product.id).toBe('any-name');
    expect(c.recogniseSoftware(softwareFacts({ name: 'Whatever', publisher: 'Team Y' }))).toBeUndefined();
    for (const name of ['A Floating tool', 'AnchoredTwo 3', 'Pipe|Sign', 'x|Bar']) expect(c.recogniseSoftware(softwareFacts({ name }))?.product.id, name).toBe('mixed');
    for (const name of ['Not AnchoredOne', 'AnchoredThree', 'Pipe', 'Sign', 'Bar']) expect(c.recogniseSoftware(softwareFacts({ name })), name).toBeUndefined();
  });

  it('splits a pattern at its top-level alternatives only', () => {
    expect(alternatives('a|^b(c|d)|[|]e|f\\|g')).toEqual(['a', '^b(c|d)', '[|]e', 'f\\|g']);
    expect(alternatives('^(?:x|y)$')).toEqual(['^(?:x|y)$']);
    expect(alternatives('[^]]|z')).toEqual(['[^]]', 'z']);
  });

  it('no built-in software rule has a name pattern that fits any name, which would send every program past the prefilter', () => {
    const broad = BUILTIN_PRODUCTS.flatMap((p) => p.rules).filter((r) => r.on === 'software' && r.name !== undefined && new RegExp(r.name, 'iu').test('\u0001'));
    expect(broad.map((r) => r.id)).toEqual([]);
  });

  it('throws CatalogPatternError naming the rule and field of a bad pattern', () => {
    const bad = product('bad', [{ on: 'software', name: 'ok' }, { on: 'software', name: 'ok', publisher: '(' }]);
    expect(() => compileCatalog([bad], 'v1')).toThrow(CatalogPatternError);
    expect(() => compileCatalog([bad], 'v1')).toThrow(/rule bad\/r2, field publisher/);
  });
});
