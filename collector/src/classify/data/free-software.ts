/**
 * Software that is free to use and has no product activation, so "no activation" is
 * the expected, licensed state. Data only: extend the tables, not the rules.
 */

/**
 * os-release `ID`s (lower-cased) of free distributions. Matched on `id` only, never on
 * `ID_LIKE`: Kylin, UOS and Deepin are `ID_LIKE=debian` and RHEL is `ID_LIKE=fedora`,
 * yet all are sold with licences.
 */
export const FREE_OS_IDS: ReadonlySet<string> = new Set([
  'debian', 'ubuntu', 'linuxmint', 'pop', 'elementary', 'zorin', 'kali', 'raspbian',
  'fedora', 'centos', 'rocky', 'almalinux', 'ol',
  'opensuse', 'opensuse-leap', 'opensuse-tumbleweed',
  'arch', 'manjaro', 'endeavouros', 'gentoo', 'void', 'nixos', 'alpine',
  // Chinese community distributions: free, unlike their commercial siblings below.
  'openeuler', 'anolis', 'opencloudos', 'openkylin',
  // deepin is the community edition of UOS, free to use (deepin.org); UOS is the one sold.
  'deepin',
]);

/**
 * Commercial systems with their own activation. Listed so that a report of "no
 * activation" on them reads as a measuring problem, not as free software.
 */
export const COMMERCIAL_OS_IDS: ReadonlySet<string> = new Set([
  'kylin', 'neokylin', 'uos', 'nfs', 'isoft',
  'rhel', 'sles', 'sled', 'windows', 'macos',
]);

export interface FreeOfficeSuite {
  name: string;
  /** Matched against the suite's reported name. */
  pattern: RegExp;
}

export const FREE_OFFICE_SUITES: readonly FreeOfficeSuite[] = [
  { name: 'LibreOffice', pattern: /libreoffice/i },
  { name: 'Apache OpenOffice', pattern: /openoffice/i },
  { name: 'ONLYOFFICE Desktop Editors', pattern: /onlyoffice\s+desktop/i },
  // Pages, Numbers and Keynote are free from Apple on every Mac.
  { name: 'Apple iWork', pattern: /^apple iwork$/i },
];

export function freeOfficeSuite(name: string): FreeOfficeSuite | undefined {
  return FREE_OFFICE_SUITES.find((s) => s.pattern.test(name));
}
