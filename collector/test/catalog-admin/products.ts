import type { CatalogOverride, CatalogProduct } from '../../src/schema/catalog.js';

/** A product no built-in rule knows: an admin's addition for a local surveying package. */
export function surveyProduct(changes: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id: 'acme-survey',
    name: 'Acme Survey',
    nameZh: '阿克米测绘',
    category: 'other',
    vendor: 'Acme Geomatics',
    domestic: true,
    licence: 'commercial',
    editions: [
      { id: 'pro', name: 'Pro', nameZh: '专业版', pattern: '\\bPro\\b' },
      { id: 'lite', name: 'Lite', nameZh: '简版', pattern: '\\bLite\\b', licence: 'free-for-orgs' },
    ],
    release: [{ from: 'version', pattern: '^(\\d+)\\.' }],
    rules: [{ id: 'acme-survey/name', on: 'software', name: '^Acme Survey\\b', publisher: 'Acme' }],
    ...changes,
  };
}

/** Recognises Collabora Office (a LibreOffice build) as LibreOffice. */
export const collaboraRule = { id: 'libreoffice/collabora', on: 'office', name: '^Collabora Office\\b' } as const;

export function libreOverride(disableRules: string[], changes: Partial<CatalogOverride> = {}): CatalogOverride {
  return { name: 'LibreOffice (local builds)', addRules: [collaboraRule], disableRules, ...changes };
}

/** An activator the built-in catalog does not know: its own service and folder. */
export const newTool = (changes: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id: 'xyz-activator',
  name: 'XYZ Activator',
  nameZh: 'XYZ 激活工具',
  category: 'os',
  vendor: 'unknown',
  domestic: false,
  licence: 'crack-tool',
  rules: [
    { id: 'xyz-activator/service', on: 'service', name: '^XyzKmsSvc$' },
    { id: 'xyz-activator/folder', on: 'file', name: '\\\\XYZ Activator(\\\\|$)' },
  ],
  ...changes,
});
