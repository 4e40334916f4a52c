// Input: XProtect's bundle Info.plist (macOS 10.9 and later), e.g.
//   <dict><key>CFBundleIdentifier</key><string>com.apple.XProtect</string>
//         <key>CFBundleShortVersionString</key><string>2192</string> …</dict>
// or, on macOS 10.6–10.8, XProtect.meta.plist (`<key>Version</key><integer>1045</integer>`);
// and the applications list for products that install an app.
import type { Antivirus } from '@zhengban/shared';
import { isDict, parsePlist, plistString } from '../plist.parse.js';
import { clean, clip } from '../text.js';
import { MAC_ANTIVIRUS } from './antivirus.data.js';
import { appKey, type MacApp } from './applications.parse.js';
import { appPublisher } from './software.parse.js';

export type XProtectFile = 'bundle' | 'legacy-meta';

/**
 * XProtect is part of macOS and always on: since 10.15 it sits on a SIP-protected
 * path and no setting turns it off, so a found bundle means enabled. Its definitions
 * are updated silently; whether they are current is not written anywhere local
 * (upToDate null). The 10.6–10.8 meta plist proves less (the checks could be turned
 * off then), so it gives enabled null.
 */
export function xprotectFromPlist(text: string, path: string, kind: XProtectFile): Antivirus {
  const av: Antivirus = {
    name: 'Apple XProtect',
    vendor: 'Apple',
    enabled: kind === 'bundle' ? true : null,
    upToDate: null,
    state: 'built-in',
    source: clip(`file:${path}`, 300),
    activation: { state: 'not-applicable', reason: 'XProtect is part of macOS and has no licence of its own', source: clip(`file:${path}`, 200) },
  };
  // A binary plist (bplist00…) still proves the bundle is there; only the version is lost.
  if (!text.startsWith('bplist')) {
    const doc = parsePlist(text, path);
    if (isDict(doc)) {
      const version = plistString(doc['CFBundleShortVersionString']) ?? plistString(doc['CFBundleVersion']) ?? plistString(doc['Version']);
      const v = clean(version, 100);
      if (v) av.version = v;
    }
  }
  return av;
}

/** Products seen as installed apps; an app says nothing about protection or definitions. */
export function antivirusFromApps(apps: readonly MacApp[], skip: (rule: (typeof MAC_ANTIVIRUS)[number]) => boolean = () => false): Antivirus[] {
  const out: Antivirus[] = [];
  for (const rule of MAC_ANTIVIRUS) {
    if (skip(rule)) continue;
    const app = apps.find((a) => rule.app.test(appKey(a)) && (!rule.publisher || rule.publisher.test(appPublisher(a) ?? '')));
    if (!app) continue;
    const av: Antivirus = {
      name: rule.name,
      vendor: rule.vendor,
      enabled: null,
      upToDate: null,
      owner: rule.owner ?? 'third-party',
      source: clip(`system_profiler:${appKey(app)}`, 300),
    };
    const version = clean(app.version, 100);
    if (version) av.version = version;
    out.push(av);
  }
  return out;
}
