/**
 * Antivirus products recognised by their processes and services when
 * SecurityCenter2 is absent (Windows Server) or silent, and by their Uninstall entry
 * when nothing else reports them. Process names from Aabyss-Team/Antivirus-Scan
 * `auto.json` (license-detection.md §4); a service matches by its name or by the file
 * name of its binary. `kxetray.exe` is also used by 安天智甲; it is listed under 金山毒霸
 * only, which is the common case.
 *
 * `displayName` is tested against SecurityCenter2 and Uninstall display names, which
 * come from every program on the PC: it is anchored on the product's own words, so
 * `rising` does not match `Surprising`, `电脑管家` not 微软电脑管家 (Microsoft PC Manager)
 * or 华为电脑管家, `瑞星` not 瑞星个人防火墙, `qax` not a stray word, `360` not 360压缩 or
 * 360安全浏览器. DisplayNames seen on real PCs: 火绒安全软件, 360安全卫士 (奇虎360安全卫士
 * on old builds), 360杀毒, 360 Total Security, 天擎终端安全管理系统 / 奇安信天擎,
 * 瑞星杀毒软件, 腾讯电脑管家, 金山毒霸 (research notes: uninstall-names.md §2.1).
 */
export interface KnownAntivirus {
  name: string;
  vendor: string;
  /** Lower-case executable names. */
  executables: readonly string[];
  /** Lower-case service names. */
  services: readonly string[];
  /** SecurityCenter2 displayName / Uninstall DisplayName of the product. */
  displayName: RegExp;
}

export const KNOWN_ANTIVIRUS: readonly KnownAntivirus[] = [
  { name: '360安全卫士', vendor: 'Qihoo 360', executables: ['360tray.exe', '360safe.exe', 'zhudongfangyu.exe'], services: ['zhudongfangyu'], displayName: /360\s*安全卫士|\b360 Total Security\b/i },
  { name: '360杀毒', vendor: 'Qihoo 360', executables: ['360sd.exe', '360rp.exe', 'qhactivedefense.exe'], services: [], displayName: /360\s*杀毒|\b360 Anti-?virus\b/i },
  { name: '火绒安全软件', vendor: 'Huorong', executables: ['hipstray.exe', 'hipsdaemon.exe', 'hipsmain.exe', 'wsctrl.exe', 'wsctrlsvc.exe', 'usysdiag.exe'], services: ['hipsdaemon'], displayName: /火绒(安全|终端)|\bHuorong\b.*\b(Security|Endpoint)\b/i },
  { name: '瑞星杀毒软件', vendor: 'Rising', executables: ['ravmond.exe', 'rfwmain.exe', 'rsmgrsvc.exe'], services: ['rsmgrsvc'], displayName: /瑞星(杀毒|全功能|ESM|终端|网络版|安全云终端)|\bRising\b.*\b(Anti-?virus|ESM|Endpoint)\b/i },
  { name: '金山毒霸', vendor: 'Kingsoft', executables: ['kxetray.exe', 'kxescore.exe', 'kwsprotect64.exe', 'ksafesvc.exe'], services: [], displayName: /金山(毒霸|终端安全)|\bKingsoft Anti-?virus\b/i },
  { name: '奇安信天擎', vendor: 'Qi An Xin', executables: ['tqclient.exe', 'tqtray.exe', 'qaxengmanager.exe', 'tqdefender.exe'], services: [], displayName: /天擎|\bQAX\b.*\b(Tianqing|Endpoint)\b|\bTianqing\b/i },
  { name: '腾讯电脑管家', vendor: 'Tencent', executables: ['qqpcrtp.exe', 'qqpctray.exe', 'qqpcmgr.exe'], services: ['qqpcrtp'], displayName: /(腾讯|QQ)\s*电脑管家|^电脑管家|腾讯御点|\bTencent (PC Manager|EPM)\b/i },
  { name: '江民杀毒软件', vendor: 'Jiangmin', executables: ['kvmonxp.exe', 'kvsrvxp.exe', 'kvfw.exe'], services: [], displayName: /江民(杀毒|防病毒)|\bJiangmin Anti-?virus\b/i },
  { name: '百度杀毒', vendor: 'Baidu', executables: ['baidusdsvc.exe'], services: [], displayName: /百度杀毒|\bBaidu Anti-?virus\b/i },
  { name: 'Microsoft Defender Antivirus', vendor: 'Microsoft', executables: ['msmpeng.exe'], services: ['windefend'], displayName: /\b(Windows|Microsoft) Defender\b/i },
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
