import { commandSource, fileSource } from './types.js';

/**
 * Microsoft 365 sign-in files in each user's Office group container (pbowden-msft/Unlicense,
 * `O365SUB*` and `VNEXTLICENSEPATH`): the plists, their obfuscated backups, and the
 * files of the vNext `Licenses` folder. Only the paths are read, never the contents.
 */
const M365_NAMES = [
  'com.microsoft.Office365*.plist',
  'com.microsoft.e0E2OUQxNUY1LTAxOUQtNDQwNS04QkJELTAxQTI5M0JBOTk4O.plist',
  'e0E2OUQxNUY1LTAxOUQtNDQwNS04QkJELTAxQTI5M0JBOTk4O',
  'com.microsoft.O4kTOBJ0M5ITQxATLEJkQ40SNwQDNtQUOxATL1YUNxQUO2E0e.plist',
  'O4kTOBJ0M5ITQxATLEJkQ40SNwQDNtQUOxATL1YUNxQUO2E0e',
];
const OFFICE_CONTAINER = 'Library/Group Containers/UBF8T346G9.Office';

/**
 * `find /Users …` that only walks ~/Library/Group Containers/UBF8T346G9.Office: every
 * other folder under a home is pruned unvisited, so the scan is quick and never touches
 * the privacy-protected Desktop, Documents or Downloads (which would fail or prompt).
 */
const M365_FIND_ARGS = [
  '/Users', '-maxdepth', '7',
  '(', '-path', '/Users/*/*',
  '!', '-path', '/Users/*/Library',
  '!', '-path', '/Users/*/Library/Group Containers',
  '!', '-path', `/Users/*/${OFFICE_CONTAINER}`,
  '!', '-path', `/Users/*/${OFFICE_CONTAINER}/*`,
  '-prune', ')',
  '-o', '-type', 'f', '-path', `*/${OFFICE_CONTAINER}/*`,
  '(', ...M365_NAMES.flatMap((n, i) => (i ? ['-o', '-name', n] : ['-name', n])), '-o', '-path', `*/${OFFICE_CONTAINER}/Licenses/*`, ')',
  '!', '-name', '.DS_Store', '-print',
];

/** Sources for a macOS scan (license-detection.md §8). */
export const MACOS = {
  swVers: commandSource('sw_vers.txt', 'sw_vers', []),
  /** Read by the replay to build the host facts (hostname, kernel, arch); a live scan asks Node. */
  uname: commandSource('uname.txt', 'uname', ['-n', '-r', '-m']),
  /** hw.model for the machine; the rest feeds the host facts of a replay. */
  sysctl: commandSource('sysctl.txt', 'sysctl', ['hw.model', 'hw.ncpu', 'hw.memsize', 'machdep.cpu.brand_string']),
  platformExpert: commandSource('ioreg-platform.txt', 'ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']),
  applicationsJson: commandSource('system_profiler-applications.json', 'system_profiler', ['-json', 'SPApplicationsDataType'], /SPApplicationsDataType.*\.json$/i),
  /** macOS before 10.15 has no -json. */
  applicationsXml: commandSource('system_profiler-applications.xml', 'system_profiler', ['-xml', 'SPApplicationsDataType'], /SPApplicationsDataType.*\.xml$/i),
  /** Office 2016–2024 volume or perpetual licence; plutil reads binary and XML alike. Exit 1 when absent. */
  officeVolumeLicence: commandSource('office-licensingV2.plist.xml', 'plutil', ['-convert', 'xml1', '-o', '-', '/Library/Preferences/com.microsoft.office.licensingV2.plist']),
  /** Per-user Microsoft 365 sign-in files (paths only; user names never leave the agent). */
  office365Licences: commandSource('office365-licences.txt', 'find', M365_FIND_ARGS),
  /**
   * Machine-wide licences: vNext perpetual licences (Office 2021 and later bought
   * outright) and the shared-computer Microsoft 365 licence. Exit 1 when neither folder exists.
   */
  officeDeviceLicences: commandSource('office-device-licences.txt', 'find', [
    '/Library/Microsoft/Office/Licenses', '/Library/Application Support/Microsoft/Office365',
    '-type', 'f', '!', '-name', '.DS_Store',
  ]),
  /** XProtect on macOS 10.15 and later (outside the sealed system volume, so Apple can update it). */
  xprotect: fileSource('xprotect-info.plist', '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist'),
  /** XProtect on macOS 10.9 to 10.14. */
  xprotectSystem: fileSource('xprotect-system-info.plist', '/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist'),
  /** XProtect on macOS 10.6 to 10.8: only the meta plist, whose `Version` counts definition updates. */
  xprotectLegacy: fileSource('xprotect-meta.plist', '/System/Library/CoreServices/CoreTypes.bundle/Contents/Resources/XProtect.meta.plist'),
  /** By full path: Defender links its CLI into /usr/local/bin, which launchd's PATH for daemons lacks. */
  mdatpHealth: commandSource('mdatp-health.json', '/usr/local/bin/mdatp', ['health', '--output', 'json'], /^(mdatp|defender).*\.json$/),
} as const;
