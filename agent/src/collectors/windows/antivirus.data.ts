/**
 * Antivirus products recognised by their processes and services when
 * SecurityCenter2 is absent (Windows Server) or silent. Process names from
 * Aabyss-Team/Antivirus-Scan `auto.json` (license-detection.md §4); a service
 * matches by its name or by the file name of its binary. `kxetray.exe` is also used
 * by 安天智甲; it is listed under 金山毒霸 only, which is the common case.
 */
export interface KnownAntivirus {
  name: string;
  vendor: string;
  /** Lower-case executable names. */
  executables: readonly string[];
  /** Lower-case service names. */
  services: readonly string[];
  /** Lower-case substrings of SecurityCenter2 displayName / Uninstall DisplayName. */
  names: readonly string[];
}

export const KNOWN_ANTIVIRUS: readonly KnownAntivirus[] = [
  { name: '360安全卫士', vendor: 'Qihoo 360', executables: ['360tray.exe', '360safe.exe', 'zhudongfangyu.exe'], services: ['zhudongfangyu'], names: ['360安全卫士', '360 total security'] },
  { name: '360杀毒', vendor: 'Qihoo 360', executables: ['360sd.exe', '360rp.exe', 'qhactivedefense.exe'], services: [], names: ['360杀毒'] },
  { name: '火绒安全软件', vendor: 'Huorong', executables: ['hipstray.exe', 'hipsdaemon.exe', 'hipsmain.exe', 'wsctrl.exe', 'wsctrlsvc.exe', 'usysdiag.exe'], services: ['hipsdaemon'], names: ['火绒', 'huorong'] },
  { name: '瑞星杀毒软件', vendor: 'Rising', executables: ['ravmond.exe', 'rfwmain.exe', 'rsmgrsvc.exe'], services: ['rsmgrsvc'], names: ['瑞星', 'rising'] },
  { name: '金山毒霸', vendor: 'Kingsoft', executables: ['kxetray.exe', 'kxescore.exe', 'kwsprotect64.exe', 'ksafesvc.exe'], services: [], names: ['金山毒霸', 'kingsoft antivirus'] },
  { name: '奇安信天擎', vendor: 'Qi An Xin', executables: ['tqclient.exe', 'tqtray.exe', 'qaxengmanager.exe', 'tqdefender.exe'], services: [], names: ['天擎', 'qax'] },
  { name: '腾讯电脑管家', vendor: 'Tencent', executables: ['qqpcrtp.exe', 'qqpctray.exe', 'qqpcmgr.exe'], services: ['qqpcrtp'], names: ['电脑管家', 'tencent pc manager'] },
  { name: '江民杀毒软件', vendor: 'Jiangmin', executables: ['kvmonxp.exe', 'kvsrvxp.exe', 'kvfw.exe'], services: [], names: ['江民'] },
  { name: '百度杀毒', vendor: 'Baidu', executables: ['baidusdsvc.exe'], services: [], names: ['百度杀毒'] },
  { name: 'Microsoft Defender Antivirus', vendor: 'Microsoft', executables: ['msmpeng.exe'], services: ['windefend'], names: ['windows defender', 'microsoft defender'] },
];

/** SecurityCenter2 productState masks (undocumented; majority decoding, license-detection.md §4). */
export const PRODUCT_STATE = {
  stateMask: 0xf000,
  states: { 0x0000: 'off', 0x1000: 'on', 0x2000: 'snoozed', 0x3000: 'expired' } as Readonly<Record<number, string>>,
  ownerMask: 0x0f00,
  microsoftOwner: 0x0100,
  signatureMask: 0x00f0,
  upToDate: 0x00,
  outOfDate: 0x10,
} as const;
