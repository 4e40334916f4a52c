import { assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRODUCTS, checkCrackTool, checkPatterns } from '../../src/catalog/index.js';
import { CatalogProduct, TRACE_SUBJECTS } from '../../src/schema/catalog.js';

describe('the built-in catalog as data', () => {
  it.each(BUILTIN_PRODUCTS.map((p) => [p.id, p] as const))('%s validates against CatalogProduct', (id, product) => {
    expect(() => assertValid(CatalogProduct, product, `built-in product ${id}`)).not.toThrow();
    expect(() => checkPatterns(product)).not.toThrow();
  });

  it('product ids are unique', () => {
    const ids = BUILTIN_PRODUCTS.map((p) => p.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('rule ids are unique and prefixed with their product id', () => {
    const ids = BUILTIN_PRODUCTS.flatMap((p) => p.rules.map((r) => r.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const misplaced = BUILTIN_PRODUCTS.flatMap((p) => p.rules.filter((r) => !r.id.startsWith(`${p.id}/`)).map((r) => r.id));
    expect(misplaced).toEqual([]);
  });

  it('edition ids are unique within a product', () => {
    const dupes = BUILTIN_PRODUCTS.flatMap((p) => {
      const ids = (p.editions ?? []).map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${p.id}:${id}`);
    });
    expect(dupes).toEqual([]);
  });

  it('rules read the list of their category (other software may also be listed among office suites; suites and antivirus have Uninstall entries; crack tools leave traces)', () => {
    const expected = { os: ['os'], office: ['office', 'software'], antivirus: ['antivirus', 'software'], other: ['software', 'office'] } as const;
    const crack: readonly string[] = ['software', ...TRACE_SUBJECTS];
    const wrong = BUILTIN_PRODUCTS.flatMap((p) =>
      p.rules.filter((r) => !(p.licence === 'crack-tool' ? crack : (expected[p.category] as readonly string[])).includes(r.on)).map((r) => r.id),
    );
    expect(wrong).toEqual([]);
    for (const p of BUILTIN_PRODUCTS) expect(() => checkCrackTool(p)).not.toThrow();
  });

  it('covers the products the issue names', () => {
    const ids = new Set(BUILTIN_PRODUCTS.map((p) => p.id));
    const required = [
      'windows', 'windows-server', 'macos', 'kylin', 'neokylin', 'uos', 'deepin', 'openeuler', 'openkylin', 'anolis', 'opencloudos',
      'ubuntukylin', 'rhel', 'sles', 'ms-office', 'ms-365', 'wps-office', 'yozo-office', 'libreoffice', 'openoffice',
      'onlyoffice-desktop', 'apple-iwork', 'ms-defender', 'mdatp', 'apple-xprotect', 'clamav', '360-enterprise',
      'huorong-enterprise', 'qax-tianqing', 'kaspersky', 'adobe-acrobat', 'autocad', 'winrar',
    ];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('Chinese vendors are named in Chinese too', () => {
    expect(BUILTIN_PRODUCTS.filter((p) => p.domestic && !p.vendorZh).map((p) => p.id)).toEqual([]);
  });
});
