import type { CatalogProduct } from '../../schema/catalog.js';

/**
 * Chinese antivirus. Most vendors give a consumer product away free to individuals and
 * sell a managed endpoint product to organisations: the consumer one is classed
 * personal-use-only, the endpoint one commercial. Each endpoint product sits before its
 * consumer sibling so its rules win, and the consumer rules exclude endpoint words.
 * Names as reported: SecurityCenter2 / Uninstall (`火绒安全软件`), the agent's Linux list
 * (`360 Endpoint Security (360终端安全)`), the Mac list (`360 Total Security`).
 */
const AV: Pick<CatalogProduct, 'category' | 'domestic'> = { category: 'antivirus', domestic: true };
/** Words that mark a managed, organisation edition. */
const ENDPOINT_WORDS = '终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux';

export const DOMESTIC_AV_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: '360-enterprise',
    name: '360 Endpoint Security',
    nameZh: '360 终端安全管理系统',
    vendor: 'Qihoo 360 (Beijing Qihu Technology)',
    vendorZh: '三六零安全科技',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: '360-enterprise/uninstall', on: 'software', name: '^360\\s*(终端|企业|天擎)|^360 Endpoint|^360EntClient' },
      { id: '360-enterprise/name', on: 'antivirus', name: `360.*(${ENDPOINT_WORDS})|360\\s*天擎` },
    ],
    notes: '360\'s product for organisations, sold per endpoint. 360天擎 was its name before the enterprise arm became 奇安信 in 2019.',
  },
  {
    id: '360-consumer',
    name: '360 Total Security / 360 Antivirus',
    nameZh: '360 安全卫士 / 360 杀毒（个人版）',
    vendor: 'Qihoo 360 (Beijing Qihu Technology)',
    vendorZh: '三六零安全科技',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: '360-consumer/uninstall', on: 'software', name: '^(奇虎)?360\\s*(安全卫士|杀毒|Total Security|Internet Security|Antivirus)', notName: '终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux' },
      { id: '360-consumer/safe-guard', on: 'antivirus', name: '360\\s*(安全卫士|Total Security|Internet Security|Security Guard|安全)', notName: ENDPOINT_WORDS },
      { id: '360-consumer/antivirus', on: 'antivirus', name: '360\\s*(杀毒|Antivirus|Anti-?Virus)', notName: ENDPOINT_WORDS },
    ],
    notes: 'Free for individuals; 360 sells 360终端安全 to organisations, so the consumer product is not a unit\'s licensed antivirus.',
  },
  {
    id: 'qax-tianqing',
    name: 'QAX Tianqing Endpoint Security',
    nameZh: '奇安信天擎终端安全管理系统',
    vendor: 'Qi An Xin (QI-ANXIN)',
    vendorZh: '奇安信',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'qax-tianqing/uninstall', on: 'software', name: '^(奇安信|网神)?\\s*天擎|^奇安信(终端|天擎)|^QAX\\s*(Endpoint|EDR|Tianqing)|^Tianqing\\b', notName: '浏览器|Browser' },
      { id: 'qax-tianqing/name', on: 'antivirus', name: '奇安信|天擎|网神终端|\\bQAX\\b|Qi-?An-?Xin|Tianqing' },
    ],
    notes: 'Sold to organisations only, per endpoint, with a management server.',
  },
  {
    id: 'huorong-enterprise',
    name: 'Huorong Endpoint Security Management',
    nameZh: '火绒终端安全管理系统',
    vendor: 'Beijing Huorong Network Technology',
    vendorZh: '北京火绒网络科技',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'huorong-enterprise/uninstall', on: 'software', name: '^(火绒|Huorong).*(终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux)' },
      { id: 'huorong-enterprise/name', on: 'antivirus', name: `(火绒|Huorong).*(${ENDPOINT_WORDS})` },
    ],
    notes: 'The managed edition sold to organisations; the Linux client exists only in this edition.',
  },
  {
    id: 'huorong',
    name: 'Huorong Internet Security',
    nameZh: '火绒安全软件（个人版）',
    vendor: 'Beijing Huorong Network Technology',
    vendorZh: '北京火绒网络科技',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'huorong/uninstall', on: 'software', name: '^火绒(安全软件|安全|个人版)?$|^Huorong( Internet Security| Security)?$', notName: '终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux' },
      { id: 'huorong/name', on: 'antivirus', name: '火绒|Huorong', notName: ENDPOINT_WORDS },
    ],
    notes: 'The personal edition is free for individuals; Huorong sells 火绒终端安全管理系统 to organisations.',
  },
  {
    id: 'rising-esm',
    name: 'Rising Endpoint Security (ESM / network edition)',
    nameZh: '瑞星终端安全管理系统（ESM / 网络版）',
    vendor: 'Beijing Rising Network Security Technology',
    vendorZh: '北京瑞星网安技术',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'rising-esm/uninstall', on: 'software', name: '^(瑞星|Rising).*(终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux)' },
      { id: 'rising-esm/name', on: 'antivirus', name: `(瑞星|Rising).*(${ENDPOINT_WORDS})` },
    ],
  },
  {
    id: 'rising',
    name: 'Rising Antivirus',
    nameZh: '瑞星杀毒软件（个人版）',
    vendor: 'Beijing Rising Network Security Technology',
    vendorZh: '北京瑞星网安技术',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'rising/uninstall', on: 'software', name: '^瑞星(杀毒软件|安全|个人防火墙|防火墙|全功能安全软件)|^Rising (Antivirus|Internet Security|Firewall)\\b', notName: '终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux|浏览器' },
      { id: 'rising/name', on: 'antivirus', name: '瑞星|\\bRising\\b', notName: ENDPOINT_WORDS },
    ],
    notes: 'The personal edition is free for individuals since 2011; units are sold ESM (网络版).',
  },
  {
    id: 'kingsoft-endpoint',
    name: 'Kingsoft Endpoint Security (V8+)',
    nameZh: '金山终端安全系统（V8+）',
    vendor: 'Kingsoft',
    vendorZh: '金山',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'kingsoft-endpoint/uninstall', on: 'software', name: '^(金山|Kingsoft).*(终端安全|V8\\+|网络版|Endpoint)', notName: 'WPS|Office|办公' },
      { id: 'kingsoft-endpoint/name', on: 'antivirus', name: `(金山|Kingsoft).*(${ENDPOINT_WORDS}|V\\d+\\+)` },
    ],
  },
  {
    id: 'kingsoft-duba',
    name: 'Kingsoft Antivirus (Duba)',
    nameZh: '金山毒霸',
    vendor: 'Kingsoft (Cheetah Mobile)',
    vendorZh: '金山（猎豹移动）',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'kingsoft-duba/uninstall', on: 'software', name: '^金山毒霸|^Kingsoft Anti-?Virus\\b' },
      { id: 'kingsoft-duba/name', on: 'antivirus', name: '金山毒霸|Kingsoft Anti-?Virus|\\bDuba\\b', notName: ENDPOINT_WORDS },
    ],
    notes: 'Free for individuals; organisations are sold 金山终端安全系统.',
  },
  {
    id: 'tencent-enterprise',
    name: 'Tencent iOA / PC Manager Enterprise',
    nameZh: '腾讯 iOA / 腾讯电脑管家企业版',
    vendor: 'Tencent',
    vendorZh: '腾讯',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'tencent-enterprise/uninstall', on: 'software', name: '^腾讯(零信任|御点|iOA|电脑管家企业版)|^Tencent (EPM|iOA)\\b|^iOA\\b' },
      { id: 'tencent-enterprise/name', on: 'antivirus', name: '\\biOA\\b|零信任|(腾讯|电脑管家|Tencent).*(企业|Enterprise|Endpoint|终端)' },
    ],
  },
  {
    id: 'tencent-pc-manager',
    name: 'Tencent PC Manager',
    nameZh: '腾讯电脑管家（个人版）',
    vendor: 'Tencent',
    vendorZh: '腾讯',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'tencent-pc-manager/uninstall', on: 'software', name: '^(腾讯)?电脑管家$|^Tencent PC Manager\\b|^QQ\\s*电脑管家', notName: '终端|企业|团队|网络版|管理系统|Endpoint|Enterprise|Business|\\bESM\\b|for Linux' },
      { id: 'tencent-pc-manager/name', on: 'antivirus', name: '电脑管家|Tencent PC Manager|QQ\\s*PC', notName: ENDPOINT_WORDS },
    ],
    notes: 'Free for individuals; Tencent sells iOA / the enterprise edition to organisations.',
  },
  {
    id: 'jiangmin',
    name: 'Jiangmin Antivirus (KV)',
    nameZh: '江民杀毒软件（KV）',
    vendor: 'Jiangmin',
    vendorZh: '江民科技',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'jiangmin/uninstall', on: 'software', name: '^江民(杀毒|安全|防病毒)|^Jiangmin\\b|^KV\\s*(20\\d\\d|杀毒)' },
      { id: 'jiangmin/name', on: 'antivirus', name: '江民|Jiangmin|^KV\\s*(20\\d\\d|杀毒)' },
    ],
    notes: 'Sold per machine, mainly to government and enterprise (江民杀毒软件网络版).',
  },
  {
    id: 'antiy-iep',
    name: 'Antiy IEP',
    nameZh: '安天智甲终端防御系统',
    vendor: 'Antiy',
    vendorZh: '安天科技',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'antiy-iep/uninstall', on: 'software', name: '^安天(智甲|终端|IEP)|^智甲终端|^Antiy (IEP|Endpoint)' },
      { id: 'antiy-iep/name', on: 'antivirus', name: '安天|智甲|Antiy' },
    ],
  },
  {
    id: 'baidu-antivirus',
    name: 'Baidu Antivirus',
    nameZh: '百度杀毒',
    vendor: 'Baidu',
    vendorZh: '百度',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'baidu-antivirus/uninstall', on: 'software', name: '^百度杀毒|^Baidu Anti-?Virus\\b' },
      { id: 'baidu-antivirus/name', on: 'antivirus', name: '百度杀毒|Baidu Anti-?Virus' },
    ],
    notes: 'A free consumer product, discontinued in 2017: no longer updated, not a unit\'s antivirus.',
  },
];
