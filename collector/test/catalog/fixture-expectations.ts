/**
 * What the catalog must make of each recorded case under test/fixtures: the OS, then
 * each office suite and antivirus in the order the agent listed them, as
 * `product` or `product:edition`. A new fixture fails the test until it is added here.
 */
export interface Recognised {
  os: string;
  office: string[];
  antivirus: string[];
}

export const FIXTURE_EXPECTATIONS: Readonly<Record<string, Recognised>> = {
  'windows/licensing-query-failed': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/locked-down-win10-ent-office2016-native': { os: 'windows:enterprise', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/m365-apps-vnext': { os: 'windows:pro', office: ['ms-365:apps-enterprise'], antivirus: ['ms-defender'] },
  'windows/no-antivirus': { os: 'windows:enterprise-ltsc', office: ['ms-office:professional-plus'], antivirus: [] },
  'windows/office-ltsc2021-public-kms': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/office2016-x86-on-x64': { os: 'windows:pro', office: ['ms-office:standard'], antivirus: ['ms-defender'] },
  'windows/office2019-retail-c2r-x86': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/office2021-ohook': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/per-user-wps-beside-office': { os: 'windows:pro', office: ['ms-office:professional-plus', 'wps-office:personal'], antivirus: ['ms-defender'] },
  'windows/rising-outdated-defender-off': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender', 'rising'] },
  'windows/server2019-rds-qax-tianqing': { os: 'windows-server:standard', office: ['ms-office:standard'], antivirus: ['qax-tianqing'] },
  'windows/two-antivirus-360-huorong': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender', 'huorong', '360-consumer', '360-consumer'] },
  'windows/win10-ent-mak-esu-addons': { os: 'windows:enterprise', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-ent-public-kms-msguides': { os: 'windows:enterprise', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-kms-vl-all': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-kms38': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-kmspico': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender', 'huorong'] },
  'windows/win10-ltsc2019-org-kms-qax': { os: 'windows:enterprise-ltsc', office: ['ms-office:professional-plus'], antivirus: ['ms-defender', 'qax-tianqing'] },
  'windows/win10-mas-online-kms-host-cleared': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-pro-oem-office2016-org-kms': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-unlisted-lan-kms': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win10-zh-cn-huorong': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender', 'huorong'] },
  'windows/win11-home-retail-not-activated': { os: 'windows:home', office: [], antivirus: ['ms-defender'] },
  'windows/win11-pro-notification': { os: 'windows:pro', office: ['ms-office:professional-plus'], antivirus: ['ms-defender'] },
  'windows/win11-pro-unlicensed-ansible834': { os: 'windows:pro', office: ['ms-office:home-business'], antivirus: ['ms-defender'] },
  'windows/win7-sp1-office2010-ospp-native': { os: 'windows:pro', office: ['ms-office:home-business'], antivirus: ['ms-defender'] },
  'windows/wps-personal': { os: 'windows:pro', office: ['wps-office:personal'], antivirus: ['ms-defender'] },
  'windows/wps-professional-serial': { os: 'windows:pro', office: ['wps-office:professional'], antivirus: ['ms-defender'] },
  'linux-cases/bitdefender-best-real': { os: 'ubuntu', office: ['libreoffice'], antivirus: ['bitdefender:endpoint'] },
  'linux-cases/clamav-definitions-old': { os: 'debian', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/deepin-23': { os: 'deepin', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/kylin-advanced-server-v10': { os: 'kylin:advanced-server', office: [], antivirus: ['clamav'] },
  'linux-cases/kylin-v10-sp1-activated': { os: 'kylin:education', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/kylin-v10-sp1-trial': { os: 'kylin:desktop', office: ['libreoffice'], antivirus: ['clamav', 'qax-tianqing'] },
  'linux-cases/kylin-v10-sp1-trial-expired': { os: 'kylin:desktop', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/mdatp-linux-real': { os: 'ubuntu', office: ['libreoffice'], antivirus: ['mdatp'] },
  'linux-cases/neokylin-7': { os: 'neokylin:advanced-server', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/openeuler-22.03': { os: 'openeuler', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/uos-20-pro-authorised': { os: 'uos:professional', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/uos-20-pro-trial': { os: 'uos:professional', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/uos-20-pro-unauthorised': { os: 'uos:professional', office: ['libreoffice'], antivirus: ['clamav'] },
  'linux-cases/uos-server-20-lapsed': { os: 'uos:server', office: [], antivirus: ['clamav'] },
  'linux-cases/wps-linux-personal': { os: 'ubuntu', office: ['wps-office:personal'], antivirus: ['clamav'] },
  'linux-cases/wps-linux-professional-serial': { os: 'kylin:education', office: ['wps-office:professional'], antivirus: ['qax-tianqing'] },
  'linux-cases/wps-linux-uos-pro-store': { os: 'uos:professional', office: ['wps-office:professional'], antivirus: ['360-enterprise'] },
  'macos/macos-10.14-mojave-no-office': { os: 'macos', office: [], antivirus: ['apple-xprotect'] },
  'macos/macos-12-office-2021-volume': { os: 'macos', office: ['ms-office:ltsc-standard'], antivirus: ['apple-xprotect', 'mdatp'] },
  'macos/macos-13-ventura-no-office': { os: 'macos', office: ['apple-iwork'], antivirus: ['apple-xprotect'] },
  'macos/macos-14-sonoma-office-365': { os: 'macos', office: ['ms-365'], antivirus: ['apple-xprotect'] },
  'macos/macos-office-unlicensed': { os: 'macos', office: ['ms-office'], antivirus: ['apple-xprotect'] },
};
