// Input: the applications read by applications.parse.ts, e.g.
//   { name: 'Google Chrome', version: '123.0.6312.87', obtainedFrom: 'identified_developer',
//     path: '/Applications/Google Chrome.app', lastModified: '2024-04-02T08:11:45Z', archKind: 'arch_arm_i64',
//     signedBy: ['Developer ID Application: Google LLC (EQHXZ8M8AV)', 'Developer ID Certification Authority', 'Apple Root CA'] }
import type { SoftwareItem } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { MacApp } from './applications.parse.js';

/**
 * Windows programs that Parallels Desktop publishes to the Mac as stub applications;
 * they are inventoried on the Windows guest, not here (GLPI does the same: its
 * issue #716 test is a Get Info string like `notepad.exe, C:\Windows\…`).
 */
export function isParallelsWindowsApp(app: MacApp): boolean {
  const path = app.path ?? '';
  return /\/Applications \(Parallels\)\//.test(path) || /\/Windows Applications\//.test(path) || /^\S+, [A-Z]:\\/.test(app.info ?? '');
}

/** Apple's own signing identities: the first certificate of an Apple-made app. */
const APPLE_SIGNERS = /^(Software Signing|macOS Software Signing|Apple Code Signing Certification Authority)$/;

/** Publisher: the Developer ID holder, else Apple for Apple's apps, else the copyright holder of the Get Info string. */
export function appPublisher(app: MacApp): string | undefined {
  const first = app.signedBy?.[0]?.trim() ?? '';
  const dev = /^Developer ID Application:\s*(.+?)(?:\s+\([A-Z0-9]{10}\))?$/.exec(first);
  if (dev) return dev[1]!.trim();
  if (app.obtainedFrom === 'apple' || APPLE_SIGNERS.test(first)) return 'Apple';
  if (/^\/System\/Library\/(CoreServices|Frameworks)\//.test(app.path ?? '')) return 'Apple';
  return copyrightHolder(app.info);
}

/**
 * The copyright holder of a Get Info string, as GLPI reads it:
 * `2.1.2, © 1995-2010 Apple Inc. All Rights Reserved.` → Apple;
 * `HP Fax 5.11.0, Copyright (c) 2009-2013 Hewlett-Packard Development Company, L.P.` →
 * Hewlett-Packard Development Company, L.P.; undefined without a copyright notice.
 */
export function copyrightHolder(info: string | undefined): string | undefined {
  const m = /(©|\(c\)|copyright)/i.exec(info ?? '');
  if (!m) return undefined;
  const holder = info!
    .slice(m.index + m[0].length)
    .replace(/^\s*(©|\(c\))?\s*/i, '')
    .replace(/^\d{1,4}(\s*[-–,]\s*\d{1,4})*\s*,?\s*/, '')
    .replace(/^by\s+/i, '')
    .replace(/\.?\s*all rights reserved.*$/i, '')
    .replace(/,?\s*et\.? al\.?.*$/i, '')
    .replace(/(\w{4,})\.$/, '$1')
    .trim();
  if (/\bApple\b/i.test(holder)) return 'Apple';
  return holder && !/^[\d\s.,-]+$/.test(holder) ? holder : undefined;
}

/** arch_kind / runtime_environment in the words the snapshot uses elsewhere. */
export function appArch(app: MacApp): string | undefined {
  switch (app.archKind) {
    case 'arch_arm':
    case 'arch_ios':
      return 'arm64';
    case 'arch_i64':
      return 'x86_64';
    case 'arch_i32':
      return 'i386';
    case 'arch_arm_i64':
    case 'arch_arm_i64_i32':
    case 'universal':
      return 'universal';
    case 'arch_x86':
      return app.has64BitIntelCode === true ? 'x86_64' : app.has64BitIntelCode === false ? 'i386' : 'x86';
    case 'arch_ppc':
    case 'classic':
      return 'ppc';
    default:
      return clean(app.archKind, 50);
  }
}

/** An ISO date-time as system_profiler gives it; anything else is dropped rather than guessed. */
function isoDate(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? value : undefined;
}

/** Apps inside a home folder are that user's; the user's name stays on the Mac. */
const isUserApp = (path: string | undefined) => /^\/Users\/[^/]+\//.test(path ?? '');

export function softwareFromApps(apps: readonly MacApp[]): SoftwareItem[] {
  const out: SoftwareItem[] = [];
  for (const app of apps) {
    if (isParallelsWindowsApp(app)) continue;
    const item: SoftwareItem = { name: clip(app.name, 500), source: 'system_profiler' };
    const version = clean(app.version?.replace(/ \. /g, '.'), 200);
    if (version) item.version = version;
    const publisher = clean(appPublisher(app), 300);
    if (publisher) item.publisher = publisher;
    const arch = appArch(app);
    if (arch) item.arch = clip(arch, 50);
    const date = isoDate(app.lastModified);
    if (date) item.installDate = clip(date, 40);
    if (app.path) item.scope = isUserApp(app.path) ? 'user' : 'machine';
    if (/^\/(System|Library\/Apple)\//.test(app.path ?? '')) item.systemComponent = true;
    out.push(item);
  }
  return out;
}
