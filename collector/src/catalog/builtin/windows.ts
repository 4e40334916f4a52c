import type { CatalogProduct } from '../../schema/catalog.js';

/**
 * Windows client and server. The agent reports the name as Windows shows it
 * (`Microsoft Windows 10 专业版`), `id: 'windows'` and the registry EditionID in
 * `edition` (`Professional`, `CoreCountrySpecific`, `EnterpriseS`, `ServerStandard`).
 * Editions are read from the EditionID first, so localised names only matter when it is missing.
 */
export const WINDOWS_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'windows-server',
    name: 'Windows Server',
    nameZh: 'Windows Server 服务器操作系统',
    category: 'os',
    vendor: 'Microsoft',
    domestic: false,
    licence: 'commercial',
    editions: [
      { id: 'datacenter', name: 'Datacenter', nameZh: '数据中心版', pattern: '^ServerDatacenter|Datacenter|数据中心' },
      { id: 'standard', name: 'Standard', nameZh: '标准版', pattern: '^ServerStandard|Standard|标准' },
      { id: 'essentials', name: 'Essentials', nameZh: '基础版', pattern: '^ServerSolution|^ServerEssentials|Essentials|精华' },
      { id: 'foundation', name: 'Foundation', nameZh: 'Foundation 版', pattern: '^ServerFoundation|Foundation' },
      { id: 'enterprise', name: 'Enterprise (2008)', nameZh: '企业版（2008）', pattern: '^ServerEnterprise|Enterprise|企业版' },
      { id: 'web', name: 'Web Server', nameZh: 'Web 版', pattern: '^ServerWeb|\\bWeb\\b' },
      {
        id: 'hyper-v',
        name: 'Hyper-V Server',
        nameZh: 'Hyper-V Server（免费）',
        pattern: '^ServerHyperCore|Hyper-V Server',
        licence: 'free-for-orgs',
      },
    ],
    release: [
      { from: 'name', pattern: '\\bServer\\s+(20(?:08|12|03)(?:\\s*R2)?|2016|2019|2022|2025)\\b' },
      {
        from: 'version',
        pattern: '^(6\\.[0-3]|10\\.0\\.(?:14393|17763|20348|26100))\\b',
        map: { '6.0': '2008', '6.1': '2008 R2', '6.2': '2012', '6.3': '2012 R2', '10.0.14393': '2016', '10.0.17763': '2019', '10.0.20348': '2022', '10.0.26100': '2025' },
      },
    ],
    rules: [
      { id: 'windows-server/name', on: 'os', osId: '^windows$', name: '\\bWindows\\s+(Storage\\s+)?Server\\b|Hyper-V Server' },
      // Enterprise multi-session is a client edition whose EditionID is ServerRdsh.
      { id: 'windows-server/edition-id', on: 'os', osId: '^windows$', edition: '^Server(?!Rdsh)' },
    ],
    notes: 'Licensed per core plus client access licences (CAL); a Server licence does not cover a client edition.',
  },
  {
    id: 'windows',
    name: 'Windows (client)',
    nameZh: 'Windows 桌面操作系统',
    category: 'os',
    vendor: 'Microsoft',
    domestic: false,
    licence: 'commercial',
    editions: [
      { id: 'iot-enterprise', name: 'IoT Enterprise', nameZh: '物联网企业版', pattern: '^IoTEnterprise|\\bIoT\\b|物联网' },
      { id: 'enterprise-ltsc', name: 'Enterprise LTSC', nameZh: '企业版 LTSC', pattern: '^EnterpriseS|\\bLTS[BC]\\b|长期服务' },
      { id: 'enterprise-g', name: 'Enterprise G', nameZh: '政府版（神州网信）', pattern: '^EnterpriseG|\\bEnterprise G\\b|神州网信|政府版' },
      { id: 'pro-workstation', name: 'Pro for Workstations', nameZh: '专业工作站版', pattern: '^ProfessionalWorkstation|Pro for Workstations|专业工作站版' },
      { id: 'pro-education', name: 'Pro Education', nameZh: '专业教育版', pattern: '^ProfessionalEducation|Pro Education|专业教育版' },
      { id: 'education', name: 'Education', nameZh: '教育版', pattern: '^Education|\\bEducation\\b|教育版|^Cloud(Edition)?|\\bSE\\b' },
      { id: 'enterprise', name: 'Enterprise', nameZh: '企业版', pattern: '^Enterprise|^ServerRdsh$|\\bEnterprise\\b|multi-session|企业版' },
      { id: 'ultimate', name: 'Ultimate', nameZh: '旗舰版', pattern: '^Ultimate|\\bUltimate\\b|旗舰版' },
      { id: 'pro', name: 'Pro', nameZh: '专业版', pattern: '^Professional|\\bPro(fessional)?\\b|专业版' },
      {
        id: 'home',
        name: 'Home',
        nameZh: '家庭版',
        pattern: '^Core|^Home|\\bHome\\b|家庭',
        licence: 'personal-use-only',
      },
      { id: 'starter', name: 'Starter', nameZh: '简易版', pattern: '^Starter|\\bStarter\\b|简易版|入门版', licence: 'personal-use-only' },
    ],
    release: [
      { from: 'name', pattern: '\\bWindows\\s+(XP|Vista|7|8\\.1|8|10|11)\\b' },
      { from: 'version', pattern: '^(5\\.1|6\\.0|6\\.1|6\\.2|6\\.3)\\.', map: { '5.1': 'XP', '6.0': 'Vista', '6.1': '7', '6.2': '8', '6.3': '8.1' } },
      // Windows 11 still says 10.0: builds from 22000 are 11, below it 10.
      { from: 'version', pattern: '^10\\.0\\.([12])\\d{4}\\b', map: { '1': '10', '2': '11' } },
    ],
    rules: [{ id: 'windows/client', on: 'os', osId: '^windows$', notName: '\\bServer\\b' }],
    notes:
      'Home and Starter editions are consumer editions sold to individuals; the campaign does not accept them on a unit\'s PC. ' +
      'Enterprise G (神州网信政府版) is the edition made for Chinese government use.',
  },
];
