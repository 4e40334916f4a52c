import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG_VERSION, BUILTIN_PRODUCTS, compileCatalog } from '../../src/catalog/index.js';
import { ANTIVIRUS_EXAMPLES, ANTIVIRUS_NEGATIVES } from './examples-antivirus.js';
import { CRACK_TOOL_EXAMPLES, CRACK_TOOL_NEGATIVES } from './examples-crack-tools.js';
import { UNINSTALL_EXAMPLES, UNINSTALL_NEGATIVES } from './examples-uninstall.js';
import { OFFICE_EXAMPLES, OFFICE_NEGATIVES } from './examples-office.js';
import { OS_EXAMPLES, OS_NEGATIVES } from './examples-os.js';
import { SOFTWARE_EXAMPLES, SOFTWARE_NEGATIVES } from './examples-software.js';
import { recognise, summary } from './examples.js';

const catalog = compileCatalog(BUILTIN_PRODUCTS, BUILTIN_CATALOG_VERSION);
const EXAMPLES = [...OS_EXAMPLES, ...OFFICE_EXAMPLES, ...ANTIVIRUS_EXAMPLES, ...SOFTWARE_EXAMPLES, ...CRACK_TOOL_EXAMPLES, ...UNINSTALL_EXAMPLES];
const NEGATIVES = [...OS_NEGATIVES, ...OFFICE_NEGATIVES, ...ANTIVIRUS_NEGATIVES, ...SOFTWARE_NEGATIVES, ...CRACK_TOOL_NEGATIVES, ...UNINSTALL_NEGATIVES];

describe('built-in rules', () => {
  it('every built-in rule has a test case', () => {
    const covered = new Set(EXAMPLES.map((e) => e.rule));
    const missing = BUILTIN_PRODUCTS.flatMap((p) => p.rules.map((r) => r.id)).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  it('recognises every office suite and antivirus from its Uninstall entry too, but those only a Mac has', () => {
    const macOnly = ['apple-iwork', 'apple-xprotect', 'mac-av-other'];
    const without = BUILTIN_PRODUCTS.filter((p) => (p.category === 'office' || p.category === 'antivirus') && p.licence !== 'crack-tool')
      .filter((p) => !p.rules.some((r) => r.on === 'software'))
      .map((p) => p.id);
    expect(without).toEqual(macOnly);
  });

  it('examples name only rules that exist, on the list the rule reads', () => {
    const on = new Map(BUILTIN_PRODUCTS.flatMap((p) => p.rules.map((r) => [r.id, r.on] as const)));
    expect(EXAMPLES.filter((e) => on.get(e.rule) !== e.on).map((e) => e.rule)).toEqual([]);
  });

  it.each(EXAMPLES.map((e) => [`${e.rule}: ${e.facts.name}${e.facts.edition ? ` (${e.facts.edition})` : ''}`, e] as const))(
    '%s',
    (_title, e) => {
      expect(summary(recognise(catalog, e.on, e.facts))).toEqual({
        rule: e.rule,
        product: e.product,
        edition: e.edition,
        release: e.release,
        licence: e.licence,
      });
    },
  );
});

describe('look-alikes', () => {
  it.each(NEGATIVES.map((n) => [`${n.facts.name} is not ${n.not}`, n] as const))('%s', (_title, n) => {
    const r = recognise(catalog, n.on, n.facts);
    expect(r?.product.id).not.toBe(n.not);
    if (n.not === 'any crack tool') expect(r?.licence).not.toBe('crack-tool');
    expect(r?.product.id).toBe(n.product);
  });
});
