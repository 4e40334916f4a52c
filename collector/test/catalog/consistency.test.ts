import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG_VERSION, BUILTIN_PRODUCTS, compileCatalog } from '../../src/catalog/index.js';
import { personalUseEdition } from '../../src/classify/data/editions.js';
import { COMMERCIAL_OS_IDS, FREE_OFFICE_SUITES, FREE_OS_IDS } from '../../src/classify/data/free-software.js';
import { officeFacts, osFacts } from './examples.js';

/** The catalog agrees with the classifier's older tables of free and commercial software. */
const catalog = compileCatalog(BUILTIN_PRODUCTS, BUILTIN_CATALOG_VERSION);
const licenceOfOs = (id: string) => catalog.recogniseOs(osFacts({ name: `${id} system`, osId: id }))?.licence;

describe('agreement with classify/data', () => {
  it.each([...FREE_OS_IDS])('free OS id %s is an open-source product', (id) => {
    expect(licenceOfOs(id)).toBe('open-source');
  });

  it.each([...COMMERCIAL_OS_IDS])('commercial OS id %s is a paid or bundled product', (id) => {
    expect(['commercial', 'bundled']).toContain(licenceOfOs(id));
  });

  it.each(FREE_OFFICE_SUITES.map((s) => [s.name] as const))('free office suite %s is free in the catalog', (name) => {
    const r = catalog.recogniseOffice(officeFacts({ name }));
    expect(['open-source', 'free-for-orgs']).toContain(r?.licence);
  });

  it('WPS personal is personal-use-only in both', () => {
    expect(personalUseEdition('WPS Office', 'personal')).toBeDefined();
    expect(catalog.recogniseOffice(officeFacts({ name: 'WPS Office', edition: 'personal' }))?.licence).toBe('personal-use-only');
  });
});
