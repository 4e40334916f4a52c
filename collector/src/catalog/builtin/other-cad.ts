import type { CatalogProduct, ReleaseRule } from '../../schema/catalog.js';

/**
 * CAD and engineering design software, the first thing inspectors look for on design
 * and construction offices' PCs. Autodesk installs many helpers beside each product
 * (language packs, object enablers, updates): those are excluded, and the free
 * viewers are a product of their own so they are recognised as free.
 */
const CAD: Pick<CatalogProduct, 'category' | 'licence'> = { category: 'other', licence: 'commercial' };
const YEAR: ReleaseRule[] = [{ from: 'name', pattern: '\\b(20\\d\\d)\\b' }];
/** Companions that are not the product itself. */
const AUTODESK_HELPERS =
  'Language Pack|语言包|Object Enabler|Performance|Feedback|Open in Desktop|Update|Hotfix|Service Pack|Content|Material Library|' +
  'Save to Web|Interoperability|Add-?in|Plug-?in|Migration|Viewer|View\\b|Read-?only|TrueView|Design Review';
const SUBSCRIPTION_NOTE = 'Sold as a subscription per named user since 2020 (perpetual licences for older releases).';

export const CAD_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'autodesk-viewers',
    name: 'Autodesk free viewers (DWG TrueView, Design Review, Revit Viewer, Navisworks Freedom)',
    nameZh: 'Autodesk 免费查看器',
    vendor: 'Autodesk',
    domestic: false,
    category: 'other',
    licence: 'free-for-orgs',
    rules: [
      {
        id: 'autodesk-viewers/name',
        on: 'software',
        name: 'DWG TrueView|Design Review|Revit Viewer|Navisworks Freedom|Inventor (View|Read-?only)|^Autodesk Viewer',
      },
    ],
    notes: 'Free, organisations included.',
  },
  {
    id: 'autodesk-civil-3d',
    name: 'Autodesk Civil 3D',
    nameZh: 'Autodesk Civil 3D',
    vendor: 'Autodesk',
    domestic: false,
    ...CAD,
    release: YEAR,
    rules: [{ id: 'autodesk-civil-3d/name', on: 'software', name: 'Civil 3D', notName: AUTODESK_HELPERS }],
    notes: SUBSCRIPTION_NOTE,
  },
  {
    id: 'autocad',
    name: 'AutoCAD',
    nameZh: 'AutoCAD',
    vendor: 'Autodesk',
    domestic: false,
    ...CAD,
    editions: [
      { id: 'lt', name: 'AutoCAD LT', nameZh: 'AutoCAD LT', pattern: '\\bLT\\b' },
      {
        id: 'toolset',
        name: 'AutoCAD with a specialised toolset',
        nameZh: 'AutoCAD 专业工具组合',
        pattern: 'Architecture|Mechanical|Electrical|\\bMEP\\b|Map 3D|Plant 3D|P&ID|Raster Design',
      },
      { id: 'full', name: 'AutoCAD', nameZh: 'AutoCAD', pattern: 'AutoCAD' },
    ],
    release: YEAR,
    rules: [{ id: 'autocad/name', on: 'software', name: '^(Autodesk\\s+)?AutoCAD\\b', notName: AUTODESK_HELPERS }],
    notes: `${SUBSCRIPTION_NOTE} The main entry is named like \`AutoCAD 2020 - 简体中文 (Simplified Chinese)\`.`,
  },
  {
    id: 'autodesk-revit',
    name: 'Autodesk Revit',
    nameZh: 'Autodesk Revit',
    vendor: 'Autodesk',
    domestic: false,
    ...CAD,
    release: YEAR,
    rules: [{ id: 'autodesk-revit/name', on: 'software', name: '^(Autodesk\\s+)?Revit\\b', notName: `${AUTODESK_HELPERS}|IFC|Unit Schemas|eTransmit|Batch Print|Worksharing` }],
    notes: SUBSCRIPTION_NOTE,
  },
  {
    id: 'autodesk-3ds-max',
    name: 'Autodesk 3ds Max',
    nameZh: 'Autodesk 3ds Max',
    vendor: 'Autodesk',
    domestic: false,
    ...CAD,
    release: YEAR,
    rules: [{ id: 'autodesk-3ds-max/name', on: 'software', name: '3ds\\s*Max', notName: `${AUTODESK_HELPERS}|Substance|Arnold` }],
    notes: SUBSCRIPTION_NOTE,
  },
  {
    id: 'autodesk-maya',
    name: 'Autodesk Maya',
    nameZh: 'Autodesk Maya',
    vendor: 'Autodesk',
    domestic: false,
    ...CAD,
    release: YEAR,
    rules: [{ id: 'autodesk-maya/name', on: 'software', name: '^(Autodesk\\s+)?Maya\\b', notName: `${AUTODESK_HELPERS}|USD|Bifrost|Arnold|MtoA` }],
    notes: SUBSCRIPTION_NOTE,
  },
  {
    id: 'autodesk-inventor',
    name: 'Autodesk Inventor',
    nameZh: 'Autodesk Inventor',
    vendor: 'Autodesk',
    domestic: false,
    ...CAD,
    release: YEAR,
    rules: [{ id: 'autodesk-inventor/name', on: 'software', name: '^(Autodesk\\s+)?Inventor\\b', notName: `${AUTODESK_HELPERS}|Server|Vault` }],
    notes: SUBSCRIPTION_NOTE,
  },
  {
    id: 'solidworks',
    name: 'SOLIDWORKS',
    nameZh: 'SOLIDWORKS 三维设计软件',
    vendor: 'Dassault Systèmes',
    domestic: false,
    ...CAD,
    release: YEAR,
    rules: [
      {
        id: 'solidworks/name',
        on: 'software',
        // The main entry carries the year (`SOLIDWORKS 2022 SP3.1`); eDrawings, Explorer and Composer Player are free.
        name: '^SOLIDWORKS\\s+20\\d\\d\\b',
        notName: 'eDrawings|Explorer|Composer Player|Document Manager|Installation Manager|Viewer|Rx\\b',
      },
    ],
    notes: 'Sold per seat (standalone or network licence); the free viewers are not matched.',
  },
  {
    id: 'zwcad',
    name: 'ZWCAD',
    nameZh: '中望CAD',
    vendor: 'ZWSOFT',
    vendorZh: '中望软件',
    domestic: true,
    ...CAD,
    editions: [
      { id: 'professional', name: 'Professional', nameZh: '专业版', pattern: 'Professional|专业' },
      { id: 'standard', name: 'Standard', nameZh: '标准版', pattern: 'Standard|标准' },
    ],
    release: YEAR,
    rules: [{ id: 'zwcad/name', on: 'software', name: 'ZWCAD|中望\\s*(CAD|机械|建筑|3D)|ZW3D|^zwcad', notName: '看图|Viewer|Update|升级' }],
    notes: 'Domestic CAD sold per machine (also as a network licence); 中望CAD看图大师 is a free viewer and not matched.',
  },
  {
    id: 'gstarcad',
    name: 'GstarCAD',
    nameZh: '浩辰CAD',
    vendor: 'Gstarsoft',
    vendorZh: '浩辰软件',
    domestic: true,
    ...CAD,
    release: YEAR,
    rules: [{ id: 'gstarcad/name', on: 'software', name: 'GstarCAD|浩辰\\s*(CAD|建筑|机械|电气|给排水|暖通|结构)', notName: '看图|Viewer|Update|升级' }],
    notes: 'Domestic CAD sold per machine; 浩辰CAD看图王 is a free viewer and not matched.',
  },
  {
    id: 'tangent-tarch',
    name: 'Tangent T20 (TArch) building design',
    nameZh: '天正建筑 / 天正系列软件',
    vendor: 'Beijing Tangent Software',
    vendorZh: '北京天正软件',
    domestic: true,
    ...CAD,
    release: [{ from: 'name', pattern: '\\b(T\\d+(?:\\s*V\\d+(?:\\.\\d+)?)?|20\\d\\d)\\b' }],
    rules: [{ id: 'tangent-tarch/name', on: 'software', name: '天正|TArch\\b', notName: '插件|看图|Viewer|Plug-?in' }],
    notes: 'Runs on AutoCAD (which needs its own licence); sold per machine with a dongle or network licence. 天正插件 (the viewing plug-in) is free.',
  },
  {
    id: 'south-cass',
    name: 'South CASS (surveying and mapping)',
    nameZh: '南方 CASS 地形地籍成图软件',
    vendor: 'South Surveying & Mapping',
    vendorZh: '南方测绘',
    domestic: true,
    ...CAD,
    rules: [{ id: 'south-cass/name', on: 'software', name: '南方\\s*CASS|^CASS\\s*\\d+(\\.\\d+)?\\b' }],
    notes: 'Runs on AutoCAD; sold per machine with a dongle.',
  },
  {
    id: 'glodon',
    name: 'Glodon costing and quantity surveying',
    nameZh: '广联达计价 / 算量软件',
    vendor: 'Glodon',
    vendorZh: '广联达',
    domestic: true,
    ...CAD,
    rules: [{ id: 'glodon/name', on: 'software', name: '广联达.*(计价|计量|算量|GTJ|GCCP|GQI|BIM)|Glodon.*(GCCP|GTJ|GQI)' }],
    notes: 'Sold per machine with a dongle (加密锁); the G+ workbench and the dongle driver are free and not matched.',
  },
  {
    id: 'pkpm',
    name: 'PKPM structural design',
    nameZh: 'PKPM 建筑结构设计软件',
    vendor: 'China Academy of Building Research',
    vendorZh: '中国建筑科学研究院（构力科技）',
    domestic: true,
    ...CAD,
    rules: [{ id: 'pkpm/name', on: 'software', name: '\\bPKPM\\b' }],
    notes: 'Sold per machine with a dongle.',
  },
];
