// The recorded machines under test/fixtures/{windows,linux-cases,macos}/<case>/facts.golden.json:
// what the real agent parsed from real (or faithfully reconstructed) machines. The sample
// fleet is assembled from their parts (an OS from one case, an office suite or antivirus
// from another) so every fact a verdict rests on is one the agent really reports.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const cache = new Map();

/** The facts of one recorded case, e.g. `windows/win10-kmspico`; a fresh copy each time. */
export function facts(name) {
  if (!cache.has(name)) cache.set(name, readFileSync(`${root}${name}/facts.golden.json`, 'utf8'));
  return JSON.parse(cache.get(name));
}

const pick = (name, field) => facts(name)[field];
const named = (list, pattern) => {
  const hit = list.find((x) => pattern.test(x.name));
  if (!hit) throw new Error(`no entry matching ${pattern} in the fixture`);
  return hit;
};

/** Operating systems as recorded, by what they show. */
export const OS = {
  win10ProOem: () => pick('windows/win10-pro-oem-office2016-org-kms', 'os'),
  win10ProOemZh: () => pick('windows/win10-zh-cn-huorong', 'os'),
  win11ProOem: () => pick('windows/m365-apps-vnext', 'os'),
  win10LtscKms: () => pick('windows/win10-ltsc2019-org-kms-qax', 'os'),
  win7ProOemSlp: () => pick('windows/win7-sp1-office2010-ospp-native', 'os'),
  win11HomeGrace: () => pick('windows/win11-home-retail-not-activated', 'os'),
  win11ProNotification: () => pick('windows/win11-pro-notification', 'os'),
  win10KmsVlAll: () => pick('windows/win10-kms-vl-all', 'os'),
  win10Kmspico: () => pick('windows/win10-kmspico', 'os'),
  win10LanKms: () => pick('windows/win10-unlisted-lan-kms', 'os'),
  win10PublicKms: () => pick('windows/win10-ent-public-kms-msguides', 'os'),
  kylinActivated: () => pick('linux-cases/wps-linux-professional-serial', 'os'),
  kylinTrial: () => pick('linux-cases/kylin-v10-sp1-trial', 'os'),
  uosAuthorised: () => pick('linux-cases/uos-20-pro-authorised', 'os'),
  uosUnauthorised: () => pick('linux-cases/uos-20-pro-unauthorised', 'os'),
  macosVentura: () => pick('macos/macos-13-ventura-no-office', 'os'),
};

/** Office suites as recorded. */
export const OFFICE = {
  proPlus2016Kms: () => pick('windows/win10-pro-oem-office2016-org-kms', 'office')[0],
  proPlus2016Loopback: () => pick('windows/win10-kmspico', 'office')[0],
  proPlus2016LanKms: () => pick('windows/win10-unlisted-lan-kms', 'office')[0],
  proPlus2019KmsVlAll: () => pick('windows/win10-kms-vl-all', 'office')[0],
  proPlus2019Retail: () => pick('windows/office2019-retail-c2r-x86', 'office')[0],
  proPlus2021Ohook: () => pick('windows/office2021-ohook', 'office')[0],
  homeBusiness2019Retail: () => pick('windows/win11-pro-unlicensed-ansible834', 'office')[0],
  homeBusiness2010Oem: () => pick('windows/win7-sp1-office2010-ospp-native', 'office')[0],
  m365Apps: () => pick('windows/m365-apps-vnext', 'office')[0],
  wpsPersonal: () => pick('windows/wps-personal', 'office')[0],
  wpsProfessional: () => pick('windows/wps-professional-serial', 'office')[0],
  wpsLinuxProfessional: () => pick('linux-cases/wps-linux-professional-serial', 'office')[0],
  libreOffice: () => pick('linux-cases/uos-20-pro-authorised', 'office')[0],
  iwork: () => pick('macos/macos-13-ventura-no-office', 'office')[0],
};

/** Antivirus products as recorded. */
export const AV = {
  defenderOn: () => pick('windows/win10-pro-oem-office2016-org-kms', 'antivirus')[0],
  defenderPassive: () => named(pick('windows/win10-ltsc2019-org-kms-qax', 'antivirus'), /Defender/),
  tianqing: () => named(pick('windows/win10-ltsc2019-org-kms-qax', 'antivirus'), /天擎/),
  tianqingLinux: () => pick('linux-cases/wps-linux-professional-serial', 'antivirus')[0],
  huorong: () => named(pick('windows/win10-zh-cn-huorong', 'antivirus'), /火绒/),
  qihoo360: () => named(pick('windows/two-antivirus-360-huorong', 'antivirus'), /360杀毒/),
  qihoo360Guard: () => named(pick('windows/two-antivirus-360-huorong', 'antivirus'), /360安全卫士/),
  mse: () => pick('windows/win7-sp1-office2010-ospp-native', 'antivirus')[0],
  clamav: () => pick('linux-cases/uos-20-pro-authorised', 'antivirus')[0],
  xprotect: () => pick('macos/macos-13-ventura-no-office', 'antivirus')[0],
};

/** Crack traces as the agent reported them on the recorded machines. */
export const INDICATORS = {
  kmspico: () => pick('windows/win10-kmspico', 'indicators'),
  kmsVlAll: () => pick('windows/win10-kms-vl-all', 'indicators'),
  ohook: () => pick('windows/office2021-ohook', 'indicators'),
  publicKms: () => pick('windows/win10-ent-public-kms-msguides', 'indicators'),
};

/** The recorded software lists (the golden files keep the first ten entries of each). */
export const SOFTWARE = {
  windowsBase: () => pick('windows/win10-zh-cn-huorong', 'software').filter((s) => !/Office|火绒/.test(s.name)),
  kmspico: () => named(pick('windows/win10-kmspico', 'software'), /KMSpico/),
  win7: () => pick('windows/win7-sp1-office2010-ospp-native', 'software'),
  kylin: () => pick('linux-cases/wps-linux-professional-serial', 'software'),
  uos: () => pick('linux-cases/uos-20-pro-authorised', 'software'),
  macos: () => pick('macos/macos-13-ventura-no-office', 'software'),
};

/** Hardware as recorded, for the machine block (hostname and identifiers are replaced). */
export const HARDWARE = {
  thinkcentre: () => pick('windows/win10-pro-oem-office2016-org-kms', 'machine'),
  yangtian: () => pick('windows/win10-zh-cn-huorong', 'machine'),
  thinkpad: () => pick('windows/m365-apps-vnext', 'machine'),
  probook: () => pick('windows/office2021-ohook', 'machine'),
  optiplex: () => pick('windows/locked-down-win10-ent-office2016-native', 'machine'),
  hp8200: () => pick('windows/win7-sp1-office2010-ospp-native', 'machine'),
  vivobook: () => pick('windows/win11-home-retail-not-activated', 'machine'),
  loongson: () => pick('linux-cases/wps-linux-professional-serial', 'machine'),
  imac: () => pick('macos/macos-13-ventura-no-office', 'machine'),
};
