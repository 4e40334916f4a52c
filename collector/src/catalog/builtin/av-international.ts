import type { CatalogProduct } from '../../schema/catalog.js';

/**
 * Antivirus from Microsoft, Apple and the international vendors. Where a vendor sells
 * both, the consumer line is an edition classed personal-use-only (bought for a home,
 * not for a unit) and the business line carries the product's commercial requirement.
 */
const AV: Pick<CatalogProduct, 'category' | 'domestic'> = { category: 'antivirus', domestic: false };
const HOME_NOTE = 'Consumer editions are licensed for home use; units buy the business (endpoint) line.';

export const INTERNATIONAL_AV_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'mdatp',
    name: 'Microsoft Defender for Endpoint',
    nameZh: 'Microsoft Defender for Endpoint（企业版）',
    vendor: 'Microsoft',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'mdatp/uninstall', on: 'software', name: '^Microsoft Defender for (Endpoint|Business|Servers)\\b|^Windows Defender Advanced Threat Protection' },
      { id: 'mdatp/name', on: 'antivirus', name: 'Defender\\s+(for\\s+(Endpoint|Business|Servers)|ATP)|\\bmdatp\\b' },
    ],
    notes: 'Licensed per user or device (Microsoft 365 E5, Defender for Business, Defender for Servers).',
  },
  {
    id: 'ms-defender',
    name: 'Microsoft Defender Antivirus',
    nameZh: 'Microsoft Defender 防病毒（Windows 内置）',
    vendor: 'Microsoft',
    ...AV,
    licence: 'bundled',
    rules: [
      { id: 'ms-defender/uninstall', on: 'software', name: '^Microsoft Security (Essentials|Client)\\b' },
      {
        id: 'ms-defender/name',
        on: 'antivirus',
        name: 'Windows Defender|Microsoft Defender|Microsoft Security (Essentials|Client)|Windows 安全|Microsoft 安全软件',
      },
    ],
    notes:
      'Part of Windows (Microsoft Security Essentials on Windows 7). On a Mac the app named Microsoft Defender is ' +
      'Defender for Endpoint or the consumer Microsoft 365 app: the agent reports the former as Defender for Endpoint.',
  },
  {
    id: 'apple-xprotect',
    name: 'Apple XProtect',
    nameZh: 'Apple XProtect（macOS 内置）',
    vendor: 'Apple',
    ...AV,
    licence: 'bundled',
    rules: [{ id: 'apple-xprotect/name', on: 'antivirus', name: 'XProtect' }],
    notes: 'Built into macOS.',
  },
  {
    id: 'clamav',
    name: 'ClamAV',
    nameZh: 'ClamAV',
    vendor: 'Cisco Talos',
    ...AV,
    licence: 'open-source',
    rules: [
      { id: 'clamav/uninstall', on: 'software', name: '^Clam(AV|Win)\\b' },
      { id: 'clamav/name', on: 'antivirus', name: '^Clam(AV|Win)\\b' },
    ],
    notes: 'GPL 2; ClamWin is its Windows front end. ClamXAV (a paid Mac app built on it) is a different product.',
  },
  {
    id: 'kaspersky',
    name: 'Kaspersky',
    nameZh: '卡巴斯基',
    vendor: 'Kaspersky',
    ...AV,
    licence: 'commercial',
    editions: [
      { id: 'free', name: 'Free', nameZh: '免费版', pattern: 'Kaspersky Free|免费', licence: 'personal-use-only' },
      {
        id: 'home',
        name: 'Home (Anti-Virus, Internet/Total Security, Standard/Plus/Premium)',
        nameZh: '家庭版',
        pattern: '^Kaspersky (Anti-?Virus|Internet Security|Total Security|Security Cloud|Standard|Plus|Premium|Basic)$',
        licence: 'personal-use-only',
      },
      { id: 'small-office', name: 'Small Office Security', nameZh: '小型办公安全版', pattern: 'Small Office' },
      { id: 'endpoint', name: 'Endpoint Security', nameZh: '企业终端安全版', pattern: 'Endpoint|Server|Business|Enterprise|企业' },
    ],
    rules: [
      { id: 'kaspersky/uninstall', on: 'software', name: '^Kaspersky\\b|卡巴斯基', notName: 'Network Agent|Security Center|Password|VPN|Secure Connection|Safe Kids|Administration' },
      { id: 'kaspersky/name', on: 'antivirus', name: 'Kaspersky|卡巴斯基' },
    ],
    notes: HOME_NOTE,
  },
  {
    id: 'eset',
    name: 'ESET',
    nameZh: 'ESET',
    vendor: 'ESET',
    ...AV,
    licence: 'commercial',
    editions: [
      { id: 'endpoint', name: 'Endpoint / Server Security', nameZh: '企业终端版', pattern: 'Endpoint|Server|File Security|PROTECT' },
      {
        id: 'home',
        name: 'Home (NOD32, Internet Security, Smart Security)',
        nameZh: '家庭版',
        pattern: 'NOD32|Internet Security|Smart Security|Cyber Security|Home|Ultimate|Premium',
        licence: 'personal-use-only',
      },
    ],
    rules: [
      { id: 'eset/uninstall', on: 'software', name: '^ESET (Endpoint|NOD32|Smart Security|Internet Security|File Security|Server Security|Mail Security|Security|Antivirus)\\b', notName: 'Management Agent|Remote Administrator|Inspect' },
      { id: 'eset/name', on: 'antivirus', name: '\\bESET\\b|NOD32' },
    ],
    notes: HOME_NOTE,
  },
  {
    id: 'symantec-endpoint',
    name: 'Symantec Endpoint Protection',
    nameZh: '赛门铁克终端防护',
    vendor: 'Broadcom (Symantec)',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'symantec-endpoint/uninstall', on: 'software', name: '^Symantec Endpoint Protection\\b' },
      { id: 'symantec-endpoint/name', on: 'antivirus', name: 'Symantec' },
    ],
  },
  {
    id: 'norton',
    name: 'Norton',
    nameZh: '诺顿（个人版）',
    vendor: 'Gen Digital',
    ...AV,
    licence: 'personal-use-only',
    editions: [{ id: 'small-business', name: 'Small Business', nameZh: '小企业版', pattern: 'Small Business', licence: 'commercial' }],
    rules: [
      { id: 'norton/uninstall', on: 'software', name: '^Norton (360|Security|AntiVirus|Internet Security|Small Business)\\b|^诺顿', notName: 'Utilities|Ghost|VPN|Password|Driver' },
      { id: 'norton/name', on: 'antivirus', name: '\\bNorton\\b|诺顿' },
    ],
    notes: 'Gen Digital\'s consumer line, separate from Symantec\'s endpoint products (Broadcom) since 2019.',
  },
  {
    id: 'trellix-endpoint',
    name: 'Trellix / McAfee Endpoint Security',
    nameZh: 'Trellix / McAfee 企业终端安全',
    vendor: 'Trellix',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'trellix-endpoint/uninstall', on: 'software', name: '^(McAfee|Trellix) Endpoint Security (Threat Prevention|Platform)\\b|^Trellix Endpoint Security$|^McAfee VirusScan Enterprise\\b' },
      { id: 'trellix-endpoint/name', on: 'antivirus', name: 'Trellix|McAfee.*(Endpoint|VirusScan Enterprise|ePO|Enterprise)|\\bENS\\b' },
    ],
    notes: 'McAfee Enterprise became Trellix in 2022.',
  },
  {
    id: 'mcafee-consumer',
    name: 'McAfee (consumer)',
    nameZh: '迈克菲（个人版）',
    vendor: 'McAfee',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'mcafee-consumer/uninstall', on: 'software', name: '^McAfee (LiveSafe|Total Protection|AntiVirus( Plus)?|Internet Security|Multi Access)\\b|^McAfee$', notName: 'Agent|Endpoint|Enterprise|WebAdvisor|Security Scan' },
      { id: 'mcafee-consumer/name', on: 'antivirus', name: 'McAfee' },
    ],
    notes: 'LiveSafe, Total Protection and the like, often preinstalled as trials on new PCs.',
  },
  {
    id: 'trend-micro',
    name: 'Trend Micro',
    nameZh: '趋势科技',
    vendor: 'Trend Micro',
    ...AV,
    licence: 'commercial',
    editions: [
      {
        id: 'home',
        name: 'Home (Maximum / Internet Security, Antivirus+)',
        nameZh: '家庭版',
        pattern: 'Maximum Security|Internet Security|Antivirus\\+|Premium Security|Titanium|Housecall',
        licence: 'personal-use-only',
      },
      { id: 'endpoint', name: 'Apex One / OfficeScan / Deep Security / Worry-Free', nameZh: '企业版', pattern: '.' },
    ],
    rules: [
      { id: 'trend-micro/uninstall', on: 'software', name: '^Trend Micro (Apex One|OfficeScan|Worry-Free|Deep Security|Maximum Security|Internet Security|Antivirus|Security Agent|Titanium)|OfficeScan (Agent|Client)|趋势科技防毒墙|^亚信安全.*(终端安全|防毒)', notName: 'Management|Update Agent|Server Console' },
      { id: 'trend-micro/name', on: 'antivirus', name: 'Trend\\s*Micro|OfficeScan|Apex One|Deep Security|趋势' },
    ],
    notes: HOME_NOTE,
  },
  {
    id: 'sophos',
    name: 'Sophos',
    nameZh: 'Sophos',
    vendor: 'Sophos',
    ...AV,
    licence: 'commercial',
    editions: [
      { id: 'home', name: 'Sophos Home', nameZh: '家庭版', pattern: 'Sophos Home', licence: 'personal-use-only' },
      { id: 'endpoint', name: 'Endpoint / Intercept X', nameZh: '企业版', pattern: '.' },
    ],
    rules: [
      { id: 'sophos/uninstall', on: 'software', name: '^Sophos (Endpoint Agent|Anti-?Virus|Intercept X|Home)\\b', notName: 'AutoUpdate|Remote Management|Network Threat|Patch|Diagnostic|Health' },
      { id: 'sophos/name', on: 'antivirus', name: '\\bSophos\\b' },
    ],
    notes: HOME_NOTE,
  },
  {
    id: 'bitdefender',
    name: 'Bitdefender',
    nameZh: 'Bitdefender',
    vendor: 'Bitdefender',
    ...AV,
    licence: 'commercial',
    editions: [
      { id: 'endpoint', name: 'GravityZone / Endpoint Security Tools', nameZh: '企业版', pattern: 'Endpoint|GravityZone|Business' },
      { id: 'home', name: 'Home (Total Security, Antivirus Free/Plus)', nameZh: '家庭版', pattern: '.', licence: 'personal-use-only' },
    ],
    rules: [
      { id: 'bitdefender/uninstall', on: 'software', name: '^Bit[Dd]efender (Endpoint Security Tools|Total Security|Internet Security|Antivirus|Agent|Free)\\b' },
      { id: 'bitdefender/name', on: 'antivirus', name: 'Bitdefender' },
      // The Mac endpoint app is named plainly; the agent only reports it when Bitdefender signed it.
      { id: 'bitdefender/mac-endpoint', on: 'antivirus', name: '^Endpoint Security for Mac$', publisher: 'Bitdefender' },
    ],
    notes: HOME_NOTE,
  },
  {
    id: 'sentinelone',
    name: 'SentinelOne Singularity',
    nameZh: 'SentinelOne',
    vendor: 'SentinelOne',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'sentinelone/uninstall', on: 'software', name: '^Sentinel Agent\\b', publisher: 'SentinelOne|Sentinel Labs' },
      { id: 'sentinelone/name', on: 'antivirus', name: 'Sentinel\\s*(One|Agent)' },
    ],
  },
  {
    id: 'crowdstrike-falcon',
    name: 'CrowdStrike Falcon',
    nameZh: 'CrowdStrike Falcon',
    vendor: 'CrowdStrike',
    ...AV,
    licence: 'commercial',
    rules: [
      { id: 'crowdstrike-falcon/uninstall', on: 'software', name: '^CrowdStrike (Windows Sensor|Falcon|Sensor Platform)\\b' },
      { id: 'crowdstrike-falcon/name', on: 'antivirus', name: 'CrowdStrike' },
      { id: 'crowdstrike-falcon/mac', on: 'antivirus', name: '^Falcon$', publisher: 'CrowdStrike' },
    ],
  },
  {
    id: 'avast-avg',
    name: 'Avast / AVG',
    nameZh: 'Avast / AVG',
    vendor: 'Gen Digital',
    ...AV,
    licence: 'personal-use-only',
    editions: [
      { id: 'business', name: 'Business', nameZh: '企业版', pattern: 'Business|Endpoint|Cloud Care', licence: 'commercial' },
      { id: 'home', name: 'Free / Premium', nameZh: '个人版', pattern: '.' },
    ],
    rules: [
      { id: 'avast-avg/uninstall', on: 'software', name: '^(Avast|AVG) (Free Antivirus|Antivirus|AntiVirus|Internet Security|Premium Security|Business|Protection|Ultimate|Pro Antivirus|Endpoint)\\b', notName: 'Driver Updater|Cleanup|SecureLine|VPN|TuneUp|Browser|Battery' },
      { id: 'avast-avg/name', on: 'antivirus', name: '\\b(Avast|AVG)\\b' },
    ],
    notes: 'The free and premium editions are for home use; the Business editions are sold to organisations.',
  },
  {
    id: 'avira',
    name: 'Avira',
    nameZh: '小红伞',
    vendor: 'Gen Digital (Avira)',
    ...AV,
    licence: 'personal-use-only',
    rules: [
      { id: 'avira/uninstall', on: 'software', name: '^Avira (Security|Antivirus|Free Antivirus|Internet Security|Prime|Professional Security)\\b|小红伞', notName: 'Launcher|Connect|VPN|Phantom|Password|Browser|Speedup' },
      { id: 'avira/name', on: 'antivirus', name: '\\bAvira\\b|小红伞' },
    ],
    notes: 'Avira Free and Prime are consumer products.',
  },
  {
    id: 'malwarebytes',
    name: 'Malwarebytes',
    nameZh: 'Malwarebytes',
    vendor: 'Malwarebytes',
    ...AV,
    licence: 'commercial',
    editions: [{ id: 'endpoint', name: 'ThreatDown / Endpoint', nameZh: '企业版', pattern: 'Endpoint|ThreatDown|Business' }],
    rules: [
      { id: 'malwarebytes/uninstall', on: 'software', name: '^Malwarebytes\\b|^ThreatDown\\b', notName: 'AdwCleaner' },
      { id: 'malwarebytes/name', on: 'antivirus', name: 'Malwarebytes|ThreatDown' },
    ],
    notes: 'The free edition is for home use only; a business needs a paid licence, so the product counts as commercial.',
  },
  {
    id: 'mac-av-other',
    name: 'Intego, ClamXAV, Webroot',
    nameZh: '其他商业杀毒软件（Intego、ClamXAV、Webroot）',
    vendor: 'various vendors',
    ...AV,
    licence: 'commercial',
    rules: [{ id: 'mac-av-other/name', on: 'antivirus', name: 'Intego|VirusBarrier|ClamXAV|Webroot' }],
  },
];
