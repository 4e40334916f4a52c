import type { PackageRule } from '../products.js';

/** Which status reader (status.collect.ts) asks the product itself. */
export type StatusReader = 'clamav' | 'mdatp' | 'bitdefender' | 'sentinelone' | 'qihoo360';

/** A daemon as systemd and ps name it. */
export interface Daemon {
  /** systemd units; a name ending in `@` matches every instance of that template (`clamd@scan.service`). */
  services: readonly string[];
  /** Program names as `ps -eo comm=` prints them (at most 15 characters). */
  processes: readonly string[];
}

export interface AvProduct extends PackageRule, Daemon {
  id: string;
  name: string;
  vendor: string;
  /**
   * Whether the daemon names come from a real source. A missing process only shows a
   * product "stopped" when its name is verified: a guessed name that is not running
   * says nothing.
   */
  namesVerified: boolean;
  /**
   * The daemon running means real-time protection is on (domestic products, whose only
   * daemon is the protection). False where a status command must say (Defender can run
   * passive, clamd alone does no on-access scanning).
   */
  daemonIsRealtime: boolean;
  /** ClamAV: the on-access part, whose running is what real-time protection means. */
  onAccess?: Daemon;
  status?: StatusReader;
  /**
   * The status tool's absolute path is its own presence check (GLPI's canRun), so it
   * runs even without a known package; its name then stands as the source (`command:bduitool`).
   */
  probe?: string;
}

/**
 * Antivirus products on Linux, in report order. Names, sources and verification
 * (see the report of issue 4 for the list; "unverified" = no real source found):
 *
 * - ClamAV: Debian/RHEL packages and units from GLPI Agent's ClamAV.pm and the
 *   linux-edr-iop list (messede-degod/linux-edr-iop): clamav-daemon, clamav-clamonacc,
 *   clamd@scan; processes clamd, clamonacc.
 * - Defender: package and unit `mdatp`, daemon /opt/microsoft/mdatp/sbin/wdavdaemon (linux-edr-iop).
 * - Bitdefender: /opt/bitdefender-security-tools/bin/bduitool (GLPI Bitdefender.pm); the
 *   package name is unverified (named after its folder), so bduitool is probed.
 * - SentinelOne: /opt/sentinelone/bin/sentinelctl (GLPI Sentinelone.pm), unit `sentinelone`
 *   (linux-edr-iop); package name `sentinelagent` unverified, so sentinelctl is probed.
 * - 奇安信天擎 / 网神终端安全: package qaxsafe (Kylin V10 package lists and `dpkg -P qaxsafe`
 *   notes; Kylin store name 奇安信网神终端安全), daemon qaxsafed (two independent field
 *   reports), sysv unit serviceqaxsafe (linux-edr-iop).
 * - 360 终端安全: package 360safeforcnos (deepin test suite, 360 installer script: client
 *   dir /opt/360safeforcnos); `360safe` inferred from the installer's 360safe-ubuntu.deb
 *   (unverified); unit 360safed.service and /opt/360safe/vlibs/ver.ini (a 等保 check
 *   script); processes 360safed, eppagent (360 EPP install script); unit
 *   service360safe_linux (linux-edr-iop).
 * - 火绒: package `huorong` and process `hravd` appear only in one scanner script's
 *   signature list (unverified).
 * - 瑞星, 金山, 安天, 江民: no Linux package, unit or process name found; the package names
 *   below are unverified guesses kept so that a recording from a real machine can confirm
 *   or correct them.
 */
export const AV_PRODUCTS: readonly AvProduct[] = [
  {
    id: 'clamav',
    name: 'ClamAV',
    vendor: 'Cisco Talos',
    // libclamav alone is a library other software pulls in, so it does not count.
    packages: ['clamav-daemon', 'clamd', 'clamav', 'clamav-freshclam', 'clamav-update'],
    services: ['clamav-daemon.service', 'clamd@'],
    processes: ['clamd'],
    onAccess: { services: ['clamav-clamonacc.service', 'clamonacc.service'], processes: ['clamonacc'] },
    namesVerified: true,
    daemonIsRealtime: false,
    status: 'clamav',
  },
  {
    id: 'mdatp',
    name: 'Microsoft Defender for Endpoint',
    vendor: 'Microsoft',
    packages: ['mdatp'],
    services: ['mdatp.service'],
    processes: ['wdavdaemon'],
    namesVerified: true,
    daemonIsRealtime: false,
    status: 'mdatp',
    // Defender links mdatp onto PATH; asking it costs one spawn and also finds an install
    // made from the tarball, with no package (and a recording of its health alone).
    probe: 'mdatp',
  },
  {
    id: 'bitdefender',
    name: 'Bitdefender Endpoint Security Tools',
    vendor: 'Bitdefender',
    packages: ['bitdefender-security-tools'],
    services: [],
    processes: [],
    namesVerified: false,
    daemonIsRealtime: false,
    status: 'bitdefender',
    probe: 'bduitool',
  },
  {
    id: 'sentinelone',
    name: 'SentinelOne Agent',
    vendor: 'SentinelOne',
    packages: ['sentinelagent'],
    services: ['sentinelone.service'],
    processes: [],
    namesVerified: true,
    daemonIsRealtime: false,
    status: 'sentinelone',
    probe: 'sentinelctl',
  },
  {
    id: 'qax',
    name: 'QAX Tianqing Endpoint Security (奇安信天擎/网神终端安全)',
    vendor: 'QI-ANXIN',
    packages: ['qaxsafe'],
    services: ['serviceqaxsafe.service'],
    processes: ['qaxsafed'],
    namesVerified: true,
    daemonIsRealtime: true,
  },
  {
    id: 'qihoo360',
    name: '360 Endpoint Security (360终端安全)',
    vendor: 'Qihoo 360',
    packages: ['360safeforcnos', '360safe'],
    services: ['360safed.service', 'service360safe_linux.service'],
    processes: ['360safed', 'eppagent'],
    namesVerified: true,
    daemonIsRealtime: true,
    status: 'qihoo360',
  },
  {
    id: 'huorong',
    name: 'Huorong Security for Linux (火绒安全)',
    vendor: 'Huorong',
    packages: ['huorong'],
    services: [],
    processes: ['hravd'],
    namesVerified: false,
    daemonIsRealtime: true,
  },
  {
    id: 'rising',
    name: 'Rising Endpoint Security for Linux (瑞星)',
    vendor: 'Rising',
    packages: ['rising-esm', 'ravlinux'],
    services: [],
    processes: [],
    namesVerified: false,
    daemonIsRealtime: true,
  },
  {
    id: 'kingsoft',
    name: 'Kingsoft Endpoint Security (金山安全终端)',
    vendor: 'Kingsoft',
    packages: ['kingsoft-antivirus', 'kingsoft-security'],
    services: [],
    processes: [],
    namesVerified: false,
    daemonIsRealtime: true,
  },
  {
    id: 'antiy',
    name: 'Antiy IEP (安天智甲)',
    vendor: 'Antiy',
    packages: ['antiy-iep', 'iep-agent'],
    services: [],
    processes: [],
    namesVerified: false,
    daemonIsRealtime: true,
  },
  {
    id: 'jiangmin',
    name: 'Jiangmin Antivirus (江民杀毒)',
    vendor: 'Jiangmin',
    packages: ['jiangmin-antivirus'],
    services: [],
    processes: [],
    namesVerified: false,
    daemonIsRealtime: true,
  },
];
