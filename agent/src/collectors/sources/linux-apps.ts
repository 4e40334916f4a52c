import { commandSource, fileSource } from './types.js';

const SENTINELCTL = '/opt/sentinelone/bin/sentinelctl';
/** UOS app-store builds live under /opt/apps/<package id>/files/ (path seen in a real WPS plug-in installer). */
const STORE_PRO = '/opt/apps/cn.wps.wps-office-pro/files/kingsoft';
const STORE = '/opt/apps/cn.wps.wps-office/files/kingsoft';

/** Sources for WPS Office for Linux and for antivirus status (license-detection.md §6, §4). */
export const LINUX_APPS = {
  // WPS Office: the edition is in oem.ini, the installed serial in .auth/license2.dat.
  wpsOemIni: fileSource('wps-oem.ini', '/opt/kingsoft/wps-office/office6/cfgs/oem.ini'),
  /** UOS app-store build of WPS Professional (package cn.wps.wps-office-pro). */
  wpsProOemIni: fileSource('wps-pro-oem.ini', `${STORE_PRO}/wps-office/office6/cfgs/oem.ini`),
  /** UOS app-store build cn.wps.wps-office; path by analogy with the pro build (unverified). */
  wpsStoreOemIni: fileSource('wps-store-oem.ini', `${STORE}/wps-office/office6/cfgs/oem.ini`),
  /**
   * The installed serial (a Kylin backup script reads it from this file's tail). Only
   * whether it is non-empty is used; the recorder stores `present, N bytes; the serial
   * itself is not recorded`, never the serial (wps.collect.ts reads N).
   */
  wpsLicense: fileSource('wps-license2.dat', '/opt/kingsoft/.auth/license2.dat'),
  /** The pro store build's own .auth, by analogy with /opt/kingsoft/.auth (unverified); recorded the same way. */
  wpsProLicense: fileSource('wps-pro-license2.dat', `${STORE_PRO}/.auth/license2.dat`),

  // Antivirus status, each run only when its product is installed.
  mdatpHealth: commandSource('mdatp-health.json', 'mdatp', ['health', '--output', 'json'], /^(mdatp|defender).*\.json$/),
  clamscanVersion: commandSource('clamscan-version.txt', 'clamscan', ['--version']),
  bduitool: commandSource('bduitool.txt', '/opt/bitdefender-security-tools/bin/bduitool', ['get', 'ps'], /^bduitool/),
  /** SentinelOne: the commands GLPI Agent's Linux/AntiVirus/Sentinelone.pm runs for version and state. */
  /** GLPI's recording holds both outputs in one file named sentinelone-<version>. */
  sentinelctlVersion: commandSource('sentinelctl-version.txt', SENTINELCTL, ['version'], /^sentinelone/),
  sentinelctlControl: commandSource('sentinelctl-control-status.txt', SENTINELCTL, ['control', 'status']),
  /** 360 终端安全 for Linux: virus library version file with a `date=` line (read by a 等保 check script). */
  qihoo360VlibsVer: fileSource('360safe-vlibs-ver.ini', '/opt/360safe/vlibs/ver.ini'),
} as const;
