import type { CatalogProduct } from '../../schema/catalog.js';

/** Scientific, statistical, GIS, 3D and document tools, all sold per user or machine. */
const PAID: Pick<CatalogProduct, 'category' | 'domestic' | 'licence'> = { category: 'other', domestic: false, licence: 'commercial' };

export const SCIENCE_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'matlab',
    name: 'MATLAB',
    nameZh: 'MATLAB',
    vendor: 'MathWorks',
    ...PAID,
    release: [{ from: 'name', pattern: '(R20\\d\\d[ab])' }],
    rules: [
      {
        id: 'matlab/name',
        on: 'software',
        name: '^MATLAB(\\b|_)',
        // The MATLAB Runtime runs compiled programs and is free.
        notName: 'Runtime|\\bMCR\\b|Production Server|Connector|Support Package|Drive',
      },
    ],
    notes: 'Sold per user or as a network (concurrent) licence; the free MATLAB Runtime is not matched.',
  },
  {
    id: 'ibm-spss',
    name: 'IBM SPSS Statistics',
    nameZh: 'IBM SPSS 统计分析软件',
    vendor: 'IBM',
    ...PAID,
    release: [{ from: 'name', pattern: '\\b(\\d{2})\\b' }],
    rules: [{ id: 'ibm-spss/name', on: 'software', name: '\\bSPSS\\b', notName: 'Smartreader|Viewer' }],
  },
  {
    id: 'originlab-origin',
    name: 'Origin / OriginPro',
    nameZh: 'Origin 科学绘图软件',
    vendor: 'OriginLab',
    ...PAID,
    editions: [{ id: 'pro', name: 'OriginPro', nameZh: 'OriginPro', pattern: 'OriginPro' }],
    release: [{ from: 'name', pattern: '\\b(20\\d\\d[ab]?)\\b' }],
    rules: [
      // A year is required: the EA games launcher is also called `Origin`.
      { id: 'originlab-origin/name', on: 'software', name: '^Origin(Pro)?\\s*20\\d\\d', notName: 'Viewer' },
      { id: 'originlab-origin/publisher', on: 'software', name: '^Origin', publisher: 'OriginLab', notName: 'Viewer' },
    ],
  },
  {
    id: 'esri-arcgis',
    name: 'ArcGIS Desktop / ArcGIS Pro',
    nameZh: 'ArcGIS 地理信息系统',
    vendor: 'Esri',
    ...PAID,
    release: [{ from: 'name', pattern: '\\b(\\d+\\.\\d+)\\b' }, { from: 'version', pattern: '^(\\d+\\.\\d+)' }],
    rules: [{ id: 'esri-arcgis/name', on: 'software', name: '^ArcGIS (Desktop|Pro|Engine)\\b|^ArcMap\\b', notName: 'Runtime|Help|Tutorial|Data' }],
    notes: 'ArcGIS Earth, Explorer and the runtime are free and not matched.',
  },
  {
    id: 'sketchup',
    name: 'SketchUp',
    nameZh: 'SketchUp 草图大师',
    vendor: 'Trimble',
    ...PAID,
    editions: [
      { id: 'make', name: 'SketchUp Make', nameZh: 'SketchUp Make（免费个人版）', pattern: '\\bMake\\b', licence: 'personal-use-only' },
      { id: 'pro', name: 'SketchUp Pro', nameZh: 'SketchUp Pro', pattern: '\\bPro\\b|SketchUp' },
    ],
    release: [{ from: 'name', pattern: '\\b(20\\d\\d)\\b' }],
    rules: [{ id: 'sketchup/name', on: 'software', name: '^(Trimble\\s+|Google\\s+)?SketchUp\\b', notName: 'Viewer|LayOut Viewer|Importer|Plug-?in' }],
    notes: 'SketchUp Make (to 2017) was free for personal, non-commercial use only.',
  },
  {
    id: 'rhino',
    name: 'Rhinoceros',
    nameZh: 'Rhino 犀牛',
    vendor: 'Robert McNeel & Associates',
    ...PAID,
    release: [{ from: 'name', pattern: '\\b(\\d+)\\b' }],
    rules: [{ id: 'rhino/name', on: 'software', name: '^Rhino(ceros)?\\s*\\d+\\b', notName: 'Viewer|Plug-?in|Language' }],
  },
  {
    id: 'mathtype',
    name: 'MathType',
    nameZh: 'MathType 公式编辑器',
    vendor: 'Wiris',
    ...PAID,
    rules: [{ id: 'mathtype/name', on: 'software', name: '^MathType\\b' }],
    notes: 'Shareware: after the 30-day trial it falls back to MathType Lite unless a licence is bought.',
  },
  {
    id: 'endnote',
    name: 'EndNote',
    nameZh: 'EndNote 文献管理',
    vendor: 'Clarivate',
    ...PAID,
    release: [{ from: 'name', pattern: '\\b(X\\d|\\d{2})\\b' }],
    rules: [{ id: 'endnote/name', on: 'software', name: '^EndNote\\b', notName: '\\bWeb\\b|Click|Cite While You Write' }],
  },
  {
    id: 'abbyy-finereader',
    name: 'ABBYY FineReader',
    nameZh: 'ABBYY FineReader 文字识别',
    vendor: 'ABBYY',
    ...PAID,
    editions: [
      { id: 'sprint', name: 'FineReader Sprint (bundled with scanners)', nameZh: 'Sprint（随扫描仪附赠）', pattern: 'Sprint', licence: 'bundled' },
      { id: 'corporate', name: 'Corporate', nameZh: '企业版', pattern: 'Corporate|Enterprise|企业' },
      { id: 'standard', name: 'Standard / PDF', nameZh: '标准版', pattern: 'Standard|标准|\\bPDF\\b' },
    ],
    release: [{ from: 'name', pattern: '\\b(\\d{1,2})\\b' }],
    rules: [{ id: 'abbyy-finereader/name', on: 'software', name: 'ABBYY FineReader' }],
    notes: 'Sold per user; the Sprint edition comes licensed with a scanner.',
  },
];
