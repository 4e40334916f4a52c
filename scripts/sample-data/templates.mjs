// What a county's PCs run, as combinations of recorded parts (fixtures.mjs). Each
// template returns the parts of one machine and `needs`: the licences of the county
// ledger it draws on, so the ledger's seat counts can be sized from the fleet.
import { AV, HARDWARE, INDICATORS, OFFICE, OS, SOFTWARE } from './fixtures.mjs';

/** Uninstall entries a Windows PC of the county carries besides the recorded base list. */
const EXTRA_SOFTWARE = [
  { name: '腾讯会议', publisher: '腾讯科技(深圳)有限公司', version: '3.29.11.410', source: 'registry:HKLM-WOW6432', arch: 'x86', scope: 'machine' },
  { name: '搜狗拼音输入法 15.1正式版', publisher: 'Sogou.com', version: '15.1.0.1570', source: 'registry:HKLM-WOW6432', arch: 'x86', scope: 'machine' },
  { name: '7-Zip 23.01 (x64)', publisher: 'Igor Pavlov', version: '23.01', source: 'registry:HKLM', arch: 'x64', scope: 'machine' },
  { name: '福昕PDF阅读器', publisher: '福建福昕软件开发股份有限公司', version: '12.1.2.15332', source: 'registry:HKLM-WOW6432', arch: 'x86', scope: 'machine' },
  { name: 'CAJViewer 7.3', publisher: 'TTKN', version: '7.3.159.0', source: 'registry:HKLM-WOW6432', arch: 'x86', scope: 'machine' },
  { name: '360安全浏览器', publisher: '360安全中心', version: '15.3.6242.64', source: 'registry:HKU', scope: 'user' },
];

/** Programs the story needs by name. */
export const PROGRAMS = {
  budget: { name: '江南省预算管理一体化系统客户端', publisher: '江南省财政厅', version: '2.3.5', source: 'registry:HKLM-WOW6432', arch: 'x86', scope: 'machine' },
  autocad: { name: 'AutoCAD 2020 - 简体中文 (Simplified Chinese)', publisher: 'Autodesk', version: '23.1.47.0', source: 'registry:HKLM', arch: 'x64', scope: 'machine' },
  idm: { name: 'Internet Download Manager', publisher: 'Tonec Inc.', version: '6.42.3', source: 'registry:HKLM-WOW6432', arch: 'x86', scope: 'machine' },
  winrar: { name: 'WinRAR 6.24 (64-位)', publisher: 'win.rar GmbH', version: '6.24.0', source: 'registry:HKLM', arch: 'x64', scope: 'machine' },
};

/** Office and antivirus show in Programs and Features too. */
function uninstallEntries(office, antivirus) {
  const items = office.map((o) => ({ name: o.name, publisher: o.vendor === 'Kingsoft' ? 'Kingsoft Corp.' : 'Microsoft Corporation', version: o.version ?? '', source: 'registry:HKLM', scope: 'machine' }));
  for (const a of antivirus) if (a.owner === 'third-party') items.push({ name: a.name, publisher: a.vendor ?? '', version: a.version ?? '', source: 'registry:HKLM', scope: 'machine' });
  return items.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== '')));
}

function windowsPc(rng, { os, office = [], antivirus, indicators = [], extra = [], hardware }) {
  const hw = hardware ?? rng.weighted([[HARDWARE.thinkcentre, 50], [HARDWARE.yangtian, 20], [HARDWARE.optiplex, 12], [HARDWARE.thinkpad, 10], [HARDWARE.probook, 8]])();
  const pool = rng.shuffle(EXTRA_SOFTWARE).slice(0, rng.int(1, 4));
  const software = [...SOFTWARE.windowsBase(), ...pool, ...uninstallEntries(office, antivirus), ...extra];
  return { platform: 'win32', hardware: hw, os, office, antivirus, indicators, software };
}

const clientOs = (rng) => rng.weighted([[OS.win10ProOem, 45], [OS.win10ProOemZh, 30], [OS.win11ProOem, 25]])();
const qax = () => [AV.defenderPassive(), AV.tianqing()];

/** Template name → (rng, options) → machine parts and the ledger entries it needs. */
export const TEMPLATES = {
  /** The county standard: OEM Windows, Office 2016 through the county KMS, 天擎 network edition. */
  standard: (rng) => ({ ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.proPlus2016Kms()], antivirus: qax() }), needs: ['office-kms', 'tianqing'] }),
  /** The same with only Windows' own Defender, which is bundled and enough. */
  defender: (rng) => ({ ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.proPlus2016Kms()], antivirus: [AV.defenderOn()] }), needs: ['office-kms'] }),
  /** Finance: WPS professional bought per seat, and the province's budget client. */
  wpsPro: (rng, o) => ({
    ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.wpsProfessional()], antivirus: qax(), extra: [PROGRAMS.budget] }),
    needs: [`wps:${o.unit}`, 'tianqing'],
  }),
  office2019: (rng, o) => ({ ...windowsPc(rng, { os: OS.win10ProOem(), office: [OFFICE.proPlus2019Retail()], antivirus: qax(), hardware: o.laptop ? HARDWARE.thinkpad() : undefined }), needs: ['office2019', 'tianqing'] }),
  ltsc: (rng) => ({ ...windowsPc(rng, { os: OS.win10LtscKms(), office: [OFFICE.proPlus2016Kms()], antivirus: qax(), hardware: HARDWARE.optiplex() }), needs: ['win-ltsc', 'office-kms', 'tianqing'] }),
  m365: (rng) => ({ ...windowsPc(rng, { os: OS.win11ProOem(), office: [OFFICE.m365Apps()], antivirus: qax(), hardware: HARDWARE.thinkpad() }), needs: ['m365', 'tianqing'] }),
  autocad: (rng) => ({ ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.proPlus2016Kms()], antivirus: qax(), extra: [PROGRAMS.autocad] }), needs: ['office-kms', 'tianqing', 'autocad'] }),
  /** Audit bureau: the 2023 batch of PCs, each with Windows 11 Pro preinstalled (OEM). */
  auditOem: (rng) => ({ ...windowsPc(rng, { os: OS.win11ProOem(), office: [OFFICE.proPlus2016Kms()], antivirus: qax() }), needs: ['win-oem-sjj', 'office-kms', 'tianqing'] }),
  win7: (rng) => ({ platform: 'win32', hardware: HARDWARE.hp8200(), os: OS.win7ProOemSlp(), office: [OFFICE.homeBusiness2010Oem()], antivirus: [AV.mse()], indicators: [], software: SOFTWARE.win7(), needs: ['win7-oem', 'office2010-oem'] }),
  kylin: (rng, o) => linuxPc(o.trial ? OS.kylinTrial() : OS.kylinActivated(), [OFFICE.wpsLinuxProfessional()], [AV.tianqingLinux()], SOFTWARE.kylin(), ['kylin', 'wps:xwb', 'tianqing']),
  uos: (rng, o) => linuxPc(o.unauthorised ? OS.uosUnauthorised() : OS.uosAuthorised(), [OFFICE.libreOffice()], [AV.clamav()], SOFTWARE.uos(), ['uos']),
  mac: () => ({ platform: 'darwin', hardware: HARDWARE.imac(), os: OS.macosVentura(), office: [OFFICE.iwork()], antivirus: [AV.xprotect()], indicators: [], software: SOFTWARE.macos(), needs: [] }),
  // What goes wrong, at the rates a county's first self-inspection finds it.
  consumerAv: (rng) => {
    const av = rng.next() < 0.5 ? [AV.defenderPassive(), AV.huorong()] : [AV.defenderPassive(), AV.qihoo360(), AV.qihoo360Guard()];
    return { ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.proPlus2016Kms()], antivirus: av }), needs: ['office-kms'] };
  },
  wpsPersonal: (rng) => ({ ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.wpsPersonal()], antivirus: [AV.defenderOn()] }), needs: [] }),
  notActivated: (rng) => ({ ...windowsPc(rng, { os: OS.win11ProNotification(), office: [OFFICE.proPlus2016Kms()], antivirus: qax() }), needs: ['office-kms', 'tianqing'] }),
  winrar: (rng) => ({ ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.proPlus2016Kms()], antivirus: [AV.defenderOn()], extra: [PROGRAMS.winrar] }), needs: ['office-kms'] }),
  kmsVlAll: (rng) => ({ ...windowsPc(rng, { os: OS.win10KmsVlAll(), office: [OFFICE.proPlus2019KmsVlAll()], antivirus: [AV.defenderOn()], indicators: INDICATORS.kmsVlAll() }), needs: [] }),
  kmspico: (rng) => ({
    ...windowsPc(rng, { os: OS.win10Kmspico(), office: [OFFICE.proPlus2016Loopback()], antivirus: [AV.defenderPassive(), AV.huorong()], indicators: INDICATORS.kmspico(), extra: [SOFTWARE.kmspico()] }),
    needs: [],
  }),
  lanKms: (rng) => ({ ...windowsPc(rng, { os: OS.win10LanKms(), office: [OFFICE.proPlus2016LanKms()], antivirus: [AV.defenderOn()] }), needs: [] }),
  publicKms: (rng) => ({ ...windowsPc(rng, { os: OS.win10PublicKms(), office: [OFFICE.proPlus2016Kms()], antivirus: [AV.defenderOn()], indicators: INDICATORS.publicKms() }), needs: ['office-kms'] }),
  ohook: (rng) => ({ ...windowsPc(rng, { os: OS.win11ProOem(), office: [OFFICE.proPlus2021Ohook()], antivirus: [AV.defenderOn()], indicators: INDICATORS.ohook(), hardware: HARDWARE.probook() }), needs: [] }),
  homeBusinessRetail: (rng) => ({ ...windowsPc(rng, { os: OS.win10ProOem(), office: [OFFICE.homeBusiness2019Retail()], antivirus: qax() }), needs: ['tianqing'] }),
  consumerLaptop: (rng) => ({ ...windowsPc(rng, { os: OS.win11HomeGrace(), antivirus: [AV.defenderOn()], hardware: HARDWARE.vivobook() }), needs: [] }),
  noAntivirus: (rng) => ({ ...windowsPc(rng, { os: OS.win10LtscKms(), office: [OFFICE.proPlus2016Kms()], antivirus: [], hardware: HARDWARE.optiplex() }), needs: ['win-ltsc', 'office-kms'] }),
  /** Defender is the only antivirus and its real-time protection was switched off. */
  defenderOff: (rng) => ({
    ...windowsPc(rng, { os: OS.win10ProOem(), office: [OFFICE.proPlus2016Kms()], antivirus: [{ ...AV.defenderOn(), enabled: false, state: 'off' }] }),
    needs: ['office-kms'],
  }),
  idm: (rng) => ({ ...windowsPc(rng, { os: clientOs(rng), office: [OFFICE.proPlus2016Kms()], antivirus: [AV.defenderOn()], extra: [PROGRAMS.idm] }), needs: ['office-kms'] }),
};

/** 信创 desktops: the recordings had no DMI chassis type, the county's are desktops. */
function linuxPc(os, office, antivirus, software, needs) {
  const hardware = { ...HARDWARE.loongson(), chassis: 'desktop', chassisSource: 'sample data: a 信创 desktop (the recording had no DMI chassis type)' };
  return { platform: 'linux', hardware, os, office, antivirus, indicators: [], software, needs };
}
