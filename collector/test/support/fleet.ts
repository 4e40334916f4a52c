import type { Antivirus, OfficeSuite, OperatingSystem } from '@zhengban/shared';

// Operating systems, office suites and antivirus products for made-up fleets, each with
// whether the catalog calls it domestic, so a test can check counts against its plan.

export const OS: Record<string, { os: OperatingSystem; domestic: boolean }> = {
  debian: { os: { family: 'linux', id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', arch: 'x64', activation: { state: 'not-applicable' } }, domestic: false },
  kylin: { os: { family: 'linux', id: 'kylin', name: 'Kylin V10 SP1', version: 'V10 SP1', arch: 'x64', activation: { state: 'activated', source: 'kyactivation' } }, domestic: true },
  windows: { os: { family: 'windows', id: 'windows', name: 'Microsoft Windows 10 Pro', edition: 'Professional', arch: 'x64', activation: { state: 'activated', source: 'wmi:SoftwareLicensingProduct', channel: 'Retail' } }, domestic: false },
};
export const OFFICE: Record<string, { office: OfficeSuite[]; domestic: boolean }> = {
  none: { office: [], domestic: false },
  libre: { office: [{ name: 'LibreOffice 7.4', vendor: 'The Document Foundation', source: 'dpkg:libreoffice-core', activation: { state: 'not-applicable' } }], domestic: false },
  wps: { office: [{ name: 'WPS Office', vendor: 'Kingsoft', edition: 'professional', source: 'dpkg:wps-office', activation: { state: 'unknown' } }], domestic: true },
};
export const AV: Record<string, { antivirus: Antivirus[]; domestic: boolean }> = {
  none: { antivirus: [], domestic: false },
  clamav: { antivirus: [{ name: 'ClamAV', enabled: true, upToDate: true, source: 'systemd:clamav-daemon' }], domestic: false },
  huorong: { antivirus: [{ name: '火绒终端安全管理系统', enabled: true, upToDate: true, source: 'systemd:hrwatch' }], domestic: true },
};
