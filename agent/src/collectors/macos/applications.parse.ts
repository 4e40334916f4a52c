// Input: `system_profiler -json SPApplicationsDataType` (macOS 10.15 and later):
//   { "SPApplicationsDataType" : [ {
//       "_name" : "Microsoft Word", "arch_kind" : "arch_arm_i64", "lastModified" : "2024-03-12T09:41:07Z",
//       "obtained_from" : "identified_developer", "path" : "/Applications/Microsoft Word.app",
//       "signed_by" : [ "Developer ID Application: Microsoft Corporation (UBF8T346G9)",
//                       "Developer ID Certification Authority", "Apple Root CA" ],
//       "version" : "16.83" } ] }
// or `system_profiler -xml SPApplicationsDataType` (every version; a plist whose one array
// item has `_dataType` SPApplicationsDataType and `_items`); macOS 10.8 items look like
//   <dict><key>_name</key><string>Programme d’installation</string>
//         <key>has64BitIntelCode</key><string>yes</string>
//         <key>info</key><string>3.0, Copyright © 2000-2006 Apple Computer Inc., All Rights Reserved</string>
//         <key>lastModified</key><date>2009-06-27T06:18:49Z</date>
//         <key>path</key><string>/System/Library/CoreServices/Installer.app</string>
//         <key>runtime_environment</key><string>universal</string><key>version</key><string>4.0</string></dict>
// Names are localised to the system language; the bundle's file name (`path`) is not.
import { InvalidJsonError } from '@zhengban/shared';
import { PlistDate, isDict, parsePlist, plistString, type PlistDict, type PlistValue } from '../plist.parse.js';
import { UnreadableOutputError } from './errors.js';

/** One application as system_profiler reports it, either format. */
export interface MacApp {
  name: string;
  version?: string;
  /** `apple`, `mac_app_store`, `identified_developer`, `unknown` (JSON); older XML says nothing. */
  obtainedFrom?: string;
  path?: string;
  lastModified?: string;
  /** arch_kind (`arch_arm_i64` …) or, in older XML, runtime_environment (`universal`, `arch_x86`). */
  archKind?: string;
  has64BitIntelCode?: boolean;
  signedBy?: string[];
  /** The Get Info string, usually a version and a copyright line. */
  info?: string;
}

export interface ParsedApps {
  apps: MacApp[];
  /** Items without a name, which cannot be reported. */
  skipped: number;
}

export function parseApplicationsJson(text: string): ParsedApps {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InvalidJsonError('system_profiler -json SPApplicationsDataType output', err);
  }
  const items = (doc as { SPApplicationsDataType?: unknown } | null)?.SPApplicationsDataType;
  if (!Array.isArray(items)) {
    throw new UnreadableOutputError('system_profiler -json SPApplicationsDataType', 'no SPApplicationsDataType list in the output');
  }
  return collect(items.map((item) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? fromJson(item as Record<string, unknown>) : undefined)));
}

export function parseApplicationsXml(text: string): ParsedApps {
  const doc = parsePlist(text, 'system_profiler -xml SPApplicationsDataType output');
  const section = (Array.isArray(doc) ? doc : [doc]).find((d) => isDict(d) && d['_dataType'] === 'SPApplicationsDataType');
  const items = isDict(section) ? section['_items'] : undefined;
  if (!Array.isArray(items)) {
    throw new UnreadableOutputError('system_profiler -xml SPApplicationsDataType', 'no SPApplicationsDataType _items in the property list');
  }
  return collect(items.map((item) => (isDict(item) ? fromPlist(item) : undefined)));
}

function collect(items: readonly (MacApp | undefined)[]): ParsedApps {
  const apps = items.filter((a): a is MacApp => a !== undefined);
  return { apps, skipped: items.length - apps.length };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function fromJson(o: Record<string, unknown>): MacApp | undefined {
  const name = str(o['_name']);
  if (!name) return undefined;
  const app: MacApp = { name };
  assign(app, {
    version: str(o['version']),
    obtainedFrom: str(o['obtained_from']),
    path: str(o['path']),
    lastModified: str(o['lastModified']),
    archKind: str(o['arch_kind']) ?? str(o['runtime_environment']),
    info: str(o['info']),
  });
  const yes = str(o['has64BitIntelCode']);
  if (yes) app.has64BitIntelCode = yes === 'yes';
  const signers = o['signed_by'];
  if (Array.isArray(signers)) app.signedBy = signers.filter((s): s is string => typeof s === 'string');
  return app;
}

function fromPlist(d: PlistDict): MacApp | undefined {
  const name = plistString(d['_name'])?.trim();
  if (!name) return undefined;
  const app: MacApp = { name };
  const text = (v: PlistValue | undefined) => plistString(v)?.trim() || undefined;
  const modified = d['lastModified'];
  assign(app, {
    version: text(d['version']),
    obtainedFrom: text(d['obtained_from']),
    path: text(d['path']),
    lastModified: modified instanceof PlistDate ? modified.iso : text(modified),
    archKind: text(d['arch_kind']) ?? text(d['runtime_environment']),
    info: text(d['info']),
  });
  const yes = text(d['has64BitIntelCode']);
  if (yes) app.has64BitIntelCode = yes === 'yes';
  const signers = d['signed_by'];
  if (Array.isArray(signers)) app.signedBy = signers.map(plistString).filter((s): s is string => s !== undefined);
  return app;
}

function assign(app: MacApp, values: Partial<Record<'version' | 'obtainedFrom' | 'path' | 'lastModified' | 'archKind' | 'info', string>>): void {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) app[k as keyof typeof values] = v;
}

/** The bundle's file name without `.app`: `Microsoft Word`, `Pages`; the name when there is no path. */
export function appKey(app: MacApp): string {
  const base = app.path?.split('/').filter(Boolean).pop();
  return base?.replace(/\.app$/i, '') || app.name;
}
