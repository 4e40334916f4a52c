import type { Activation, OperatingSystem } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { OsRelease } from './os-release.js';

/**
 * The snapshot's OS identity from os-release, sharpened per distribution: os-release
 * alone says `VERSION_ID="v10"` for Kylin V10 and V10 SP1 alike, so the service pack
 * is read from the names and codenames, and the distributions' own version files
 * (`DistroFacts`, from kylin.collect / deepin.collect) add build and edition.
 */

export interface HostOsFacts {
  /** Kernel release, e.g. `6.1.0-18-amd64` (os.release()). */
  kernel: string;
  /** Machine architecture as the kernel names it: x86_64, aarch64, loongarch64 … */
  arch: string;
}

/**
 * What a distribution's own files add. Version, build and codename from these files
 * win over os-release (they are more precise); the edition os-release names wins
 * over theirs (`Advanced Server` says more than the image name's `Server`).
 */
export interface DistroFacts {
  version?: string;
  build?: string;
  edition?: string;
  codename?: string;
}

/**
 * Kylin Advanced Server V10 names its service packs by codename only (`VERSION="V10 (Lance)"`).
 * From a storage driver's build rules for Kylin (SP1 'Tercel', SP2 'Sword', SP3 'Lance',
 * SP3-2403 'Halberd', SP4 'Lithium').
 */
const KYLIN_SERVER_CODENAMES: Readonly<Record<string, string>> = {
  tercel: 'V10 SP1',
  sword: 'V10 SP2',
  lance: 'V10 SP3',
  halberd: 'V10 SP3 2403',
  lithium: 'V10 SP4',
};

export function linuxOs(rel: OsRelease, host: HostOsFacts, activation: Activation, facts: DistroFacts = {}): OperatingSystem {
  const id = (rel.ID ?? '').trim() || 'linux'; // os-release(5): ID defaults to "linux"
  const idLike = (rel.ID_LIKE ?? '').split(/\s+/).filter(Boolean).slice(0, 16);
  const name =
    clean(rel.PRETTY_NAME, 200) ?? clean([rel.NAME, rel.VERSION].filter(Boolean).join(' '), 200) ?? 'Linux';
  const base = releaseFacts(rel, id.toLowerCase());
  const os: OperatingSystem = {
    family: 'linux',
    name,
    id: clip(id, 100),
    arch: clip(host.arch || 'unknown', 50),
    activation,
  };
  if (idLike.length) os.idLike = idLike.map((s) => clip(s, 100));
  setIf(os, 'version', clean(facts.version ?? base.version, 100));
  setIf(os, 'build', clean(facts.build ?? base.build, 100));
  setIf(os, 'edition', clean(base.edition ?? facts.edition, 200));
  setIf(os, 'codename', clean(facts.codename ?? base.codename, 100));
  setIf(os, 'kernel', clean(host.kernel, 200));
  return os;
}

/** What os-release itself says, with the per-distribution readings below. */
export function releaseFacts(rel: OsRelease, id: string): DistroFacts {
  const generic: DistroFacts = {};
  assign(generic, 'version', rel.VERSION_ID);
  assign(generic, 'build', rel.BUILD_ID);
  assign(generic, 'edition', rel.VARIANT);
  // Kylin writes VERSION_CODENAME=kylin: a codename equal to the ID tells nothing.
  if (rel.VERSION_CODENAME && rel.VERSION_CODENAME.toLowerCase() !== id) generic.codename = rel.VERSION_CODENAME;
  switch (id) {
    case 'kylin':
      return { ...generic, ...kylinFacts(rel) };
    case 'neokylin':
      return { ...generic, ...neokylinFacts(rel) };
    case 'openeuler': {
      // VERSION="22.03 (LTS-SP1)": the bracket is the support line and service pack.
      const line = parenthesis(rel.VERSION);
      return line ? { ...generic, edition: line } : generic;
    }
    case 'ubuntu':
      // Ubuntu Kylin is Ubuntu (ID=ubuntu) with its own NAME.
      return /kylin/i.test(rel.NAME ?? '') ? { ...generic, edition: 'Ubuntu Kylin' } : generic;
    default:
      return generic;
  }
}

function kylinFacts(rel: OsRelease): DistroFacts {
  const out: DistroFacts = {};
  const codename = parenthesis(rel.VERSION);
  const server = /server/i.test(rel.NAME ?? '');
  const sp = [rel.PRETTY_NAME, rel.VERSION_US, rel.VERSION, rel.PROJECT_CODENAME]
    .map((v) => /\bV(\d+)[\s-]*\(?\s*SP(\d+)/i.exec(v ?? ''))
    .find(Boolean);
  if (sp) out.version = `V${sp[1]} SP${sp[2]}`;
  else if (codename && KYLIN_SERVER_CODENAMES[codename.toLowerCase()]) out.version = KYLIN_SERVER_CODENAMES[codename.toLowerCase()];
  else if (rel.VERSION_ID) out.version = rel.VERSION_ID.toUpperCase();
  if (rel.KYLIN_RELEASE_ID) out.build = rel.KYLIN_RELEASE_ID;
  if (server) {
    out.edition = editionFromName(rel.NAME, 'Kylin Linux');
    if (codename) out.codename = codename;
  } else if (rel.VERSION_US) {
    // VERSION_US="Kylin Linux Desktop EDU V10" → "Desktop EDU".
    out.edition = rel.VERSION_US.replace(/^Kylin\s+Linux\s+/i, '').replace(/\s*\bV\d+\b.*$/i, '').trim() || undefined;
  }
  return out;
}

function neokylinFacts(rel: OsRelease): DistroFacts {
  const out: DistroFacts = {};
  assign(out, 'edition', editionFromName(rel.NAME, 'NeoKylin Linux'));
  assign(out, 'codename', parenthesis(rel.VERSION));
  return out;
}

/** `Kylin Linux Advanced Server` less its brand → `Advanced Server`. */
function editionFromName(name: string | undefined, brand: string): string | undefined {
  if (!name) return undefined;
  const rest = name.slice(name.toLowerCase().startsWith(brand.toLowerCase()) ? brand.length : 0).trim();
  return rest || undefined;
}

/** The text in the last parentheses: `V10 (Lance)` → `Lance`. */
export function parenthesis(value: string | undefined): string | undefined {
  const m = /\(([^()]+)\)\s*$/.exec(value ?? '');
  return m ? m[1]!.trim() || undefined : undefined;
}

function assign(o: DistroFacts, key: keyof DistroFacts, value: string | undefined): void {
  if (value !== undefined && value.trim() !== '') o[key] = value;
}

function setIf<K extends keyof OperatingSystem>(o: OperatingSystem, key: K, value: OperatingSystem[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}
