import type { CatalogEdition, CatalogProduct, ReleaseRule } from '../../schema/catalog.js';

/**
 * Visio and Project: sold apart from Office suites, so category `other`. The Windows
 * agent lists them among office suites too (`Microsoft Visio Professional 2016` from
 * Click-to-Run), so each has a rule for the office list as well as the software list.
 * The viewers are free and sit first so their names never reach the paid products.
 */
const YEAR: ReleaseRule[] = [{ from: 'name', pattern: '\\b(20\\d\\d)\\b' }, { from: 'edition', pattern: '\\b(20\\d\\d)\\b' }];
const MS: Pick<CatalogProduct, 'category' | 'vendor' | 'domestic'> = { category: 'other', vendor: 'Microsoft', domestic: false };
const EDITIONS: CatalogEdition[] = [
  { id: 'professional', name: 'Professional', nameZh: '专业版', pattern: 'Professional|\\bPro\\b|专业' },
  { id: 'standard', name: 'Standard', nameZh: '标准版', pattern: 'Standard|\\bStd\\b|标准' },
  { id: 'plan', name: 'Plan (subscription)', nameZh: '订阅版', pattern: '\\bPlan\\b|Online|365|订阅' },
];
/** Language packs, proofing tools and other helpers, which are not the app. */
const HELPERS = 'Viewer|查看器|MUI|Language|Proofing|语言|校对|Web Components|Add-?in|Services';

export const MICROSOFT_OTHER_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'ms-visio-viewer',
    name: 'Microsoft Visio Viewer',
    nameZh: 'Microsoft Visio 查看器',
    ...MS,
    licence: 'free-for-orgs',
    rules: [{ id: 'ms-visio-viewer/name', on: 'software', name: 'Visio\\s*(Viewer|查看器)' }],
    notes: 'Free.',
  },
  {
    id: 'ms-visio',
    name: 'Microsoft Visio',
    nameZh: 'Microsoft Visio 绘图软件',
    ...MS,
    licence: 'commercial',
    editions: EDITIONS,
    release: YEAR,
    rules: [
      { id: 'ms-visio/office', on: 'office', name: '^Microsoft (Office )?Visio\\b', notName: HELPERS },
      { id: 'ms-visio/name', on: 'software', name: '^Microsoft (Office )?Visio\\b', notName: HELPERS },
    ],
    notes: 'Not part of any Office suite: each install needs a Visio licence (perpetual or Visio Plan subscription).',
  },
  {
    id: 'ms-project',
    name: 'Microsoft Project',
    nameZh: 'Microsoft Project 项目管理软件',
    ...MS,
    licence: 'commercial',
    editions: EDITIONS,
    release: YEAR,
    rules: [
      { id: 'ms-project/office', on: 'office', name: '^Microsoft (Office )?Project\\b', notName: `${HELPERS}|Server` },
      { id: 'ms-project/name', on: 'software', name: '^Microsoft (Office )?Project\\b', notName: `${HELPERS}|Server` },
    ],
    notes: 'Not part of any Office suite: each install needs a Project licence (perpetual or Project Plan subscription).',
  },
];
