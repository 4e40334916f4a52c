import type { CatalogProduct } from '../../schema/catalog.js';

/**
 * Microsoft Office: Microsoft 365 first (its names also say "Office"), then perpetual
 * Office. Windows reports names like `Microsoft Office Professional Plus 2016` with the
 * edition `Professional Plus 2016`; the Mac agent reports `Microsoft Office for Mac` with
 * the licence as edition (`Office 2021 Volume License`, `Microsoft 365`).
 */
export const MICROSOFT_OFFICE_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'ms-365',
    name: 'Microsoft 365 Apps',
    nameZh: 'Microsoft 365 应用（订阅）',
    category: 'office',
    vendor: 'Microsoft',
    domestic: false,
    licence: 'commercial',
    editions: [
      { id: 'apps-enterprise', name: 'Apps for enterprise', nameZh: '企业应用版', pattern: 'for enterprise|ProPlus|企业' },
      { id: 'apps-business', name: 'Apps for business', nameZh: '商业应用版', pattern: 'for business|Business\\s+(Standard|Premium|Basic)|O365Business|SmallBus|商业|商务' },
      { id: 'personal', name: 'Personal', nameZh: '个人版', pattern: 'Personal|个人', licence: 'personal-use-only' },
      { id: 'family', name: 'Family / Home', nameZh: '家庭版', pattern: 'Family|Home|家庭', licence: 'personal-use-only' },
    ],
    rules: [
      { id: 'ms-365/uninstall', on: 'software', name: '^Microsoft (Office )?365\\b', notName: 'Visio|Project|Language|语言|Proof|校对' },
      { id: 'ms-365/name', on: 'office', name: '\\b(Microsoft|Office)\\s*365\\b' },
      { id: 'ms-365/mac-edition', on: 'office', name: '\\bfor Mac\\b', edition: '\\b365\\b' },
    ],
    notes: 'A subscription per user; Personal and Family (Home) plans are for non-commercial use only.',
  },
  {
    id: 'ms-office',
    name: 'Microsoft Office',
    nameZh: 'Microsoft Office 办公套件',
    category: 'office',
    vendor: 'Microsoft',
    domestic: false,
    licence: 'commercial',
    editions: [
      { id: 'ltsc-professional-plus', name: 'LTSC Professional Plus', nameZh: 'LTSC 专业增强版', pattern: 'LTSC\\s+Professional\\s+Plus|LTSC\\s*专业增强版' },
      { id: 'ltsc-standard', name: 'LTSC Standard', nameZh: 'LTSC 标准版', pattern: 'LTSC\\s+Standard|LTSC\\s*标准版|20(21|24)( Preview)? Volume License' },
      { id: 'professional-plus', name: 'Professional Plus', nameZh: '专业增强版', pattern: 'Professional\\s*Plus|ProPlus|专业增强版' },
      { id: 'home-business', name: 'Home and Business', nameZh: '小型企业版（家庭和企业版）', pattern: 'Home\\s*(and|&)?\\s*Business|小型企业版|家庭和企业版|家庭与企业版' },
      {
        id: 'home-student',
        name: 'Home and Student',
        nameZh: '家庭和学生版',
        pattern: 'Home\\s*(and|&)?\\s*Student|家庭和学生版|家庭与学生版|家庭学生版',
        licence: 'personal-use-only',
      },
      { id: 'mondo', name: 'Mondo', nameZh: 'Mondo（批量授权）', pattern: '\\bMondo\\b' },
      { id: 'small-business', name: 'Small Business', nameZh: '小型企业版（2007/2010）', pattern: 'Small\\s*Business' },
      { id: 'ultimate', name: 'Ultimate', nameZh: '旗舰版', pattern: 'Ultimate|旗舰版' },
      { id: 'enterprise', name: 'Enterprise (2007)', nameZh: '企业版（2007）', pattern: '\\bEnterprise\\b|企业版' },
      { id: 'professional', name: 'Professional', nameZh: '专业版', pattern: 'Professional|专业版' },
      { id: 'personal', name: 'Personal', nameZh: '个人版', pattern: '\\bPersonal\\b|个人版' },
      // Mac volume licences before 2021 are Office Standard for Mac.
      { id: 'standard', name: 'Standard', nameZh: '标准版', pattern: 'Standard|标准版|Volume License' },
    ],
    release: [
      { from: 'name', pattern: '\\b(2003|2007|2010|2013|2016|2019|2021|2024)\\b' },
      { from: 'edition', pattern: '\\b(2003|2007|2010|2013|2016|2019|2021|2024)\\b' },
      { from: 'version', pattern: '^(11|12|14|15)\\.', map: { '11': '2003', '12': '2007', '14': '2010', '15': '2013' } },
    ],
    rules: [
      { id: 'ms-office/uninstall', on: 'software', name: '^Microsoft Office\\b', notName: '365|Visio|Project|Viewer|Compatib|Proof|Language|校[对訂]|语言|MUI|Shared|Setup|Component|组件|Service Pack|Update|Click-to-Run|IME|Interop|Runtime|Filter|Add-?in|加载项|插件|database engine|Single Image|OSM|Connector|Communicator|Validation|Tools|^Microsoft Office (20\\d\\d|97|2000|XP|2003)$' },
      { id: 'ms-office/mac', on: 'office', name: '^Microsoft Office\\b.*\\bfor Mac\\b' },
      {
        id: 'ms-office/name',
        on: 'office',
        name: '^Microsoft Office\\b',
        notName: '\\b365\\b|\\bVisio\\b|\\bProject\\b|Viewer|Compatibility|Proofing|Language|校对|语言',
      },
    ],
    notes:
      'Perpetual licences, sold per device (retail, OEM or volume). Home and Student excludes commercial use, ' +
      'Home and Business allows it. Office 2016 and later all report version 16.0: the release comes from the name.',
  },
];
