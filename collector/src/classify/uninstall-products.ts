/**
 * Office suites and antivirus that only an Uninstall entry shows. Not every PC answers
 * every query: Windows Server has no Security Center, a locked-down PC refuses some WMI
 * classes, WPS is often installed per user. A suite or antivirus the catalog recognises
 * in the Windows Uninstall list, and which the agent's own checks did not report as that
 * product, is added to the snapshot's office or antivirus list with its state `unknown`
 * and the reason, so the verdict says what was found instead of "missing", and a
 * commercial one still needs its licence. The Windows agent already reports its known
 * antivirus and WPS this way, with what only it can tell (whether the services were
 * read, the entry's hive and user); this covers every other catalog product, and
 * snapshots of older agents.
 */
import type { Antivirus, OfficeSuite, SoftwareItem } from '@zhengban/shared';
import type { Recognition } from '../catalog/types.js';
import { collectionErrorsFor } from './finding.js';
import type { FromUninstall } from './from-uninstall.js';
import type { JudgedSnapshot } from './judged-snapshot.js';
import type { Recognised } from './recognise.js';

export const NONE_FROM_UNINSTALL: FromUninstall = { office: new Map(), antivirus: new Map() };

/** Windows Uninstall entries (HKLM, HKU, their Wow6432Node views). */
const UNINSTALL_SOURCE = /^registry:/;

function why(snapshot: JudgedSnapshot, topic: 'office' | 'antivirus'): string {
  const failed = collectionErrorsFor(snapshot, topic).map((e) => `${e.source}: ${e.message}`);
  const server = /\bServer\b/i.test(snapshot.os.name) || snapshot.os.activation.details?.ProductType === 'server';
  const base =
    topic === 'office'
      ? 'found only as an Uninstall entry: the agent read no licence or install of it'
      : server
        ? 'found only as an Uninstall entry: Windows Server has no Security Center, and no service or process the agent knows of it was running'
        : 'found only as an Uninstall entry: it is not registered with Windows Security Center, and no service or process the agent knows of it was running';
  return failed.length ? `${base} (the agent's query failed: ${failed.join('; ')})` : base;
}

function suiteOf(item: SoftwareItem, reason: string): OfficeSuite {
  const suite: OfficeSuite = { name: item.name, source: `${item.source} (Uninstall entry)`, activation: { state: 'unknown', source: item.source, reason } };
  if (item.publisher) suite.vendor = item.publisher;
  if (item.version) suite.version = item.version;
  if (item.scope) suite.scope = item.scope;
  if (item.userSid) suite.userSid = item.userSid;
  return suite;
}

function antivirusOf(item: SoftwareItem, reason: string): Antivirus {
  const av: Antivirus = {
    name: item.name,
    enabled: null,
    upToDate: null,
    state: 'unknown',
    source: `${item.source} (Uninstall entry)`,
    activation: { state: 'unknown', source: item.source, reason },
  };
  if (item.publisher) av.vendor = item.publisher;
  if (item.version) av.version = item.version;
  return av;
}

/**
 * The snapshot with those products added to its office and antivirus lists, what the
 * catalog made of them, and where each came from. Pure; the stored snapshot is unchanged.
 */
export function withUninstallProducts(
  snapshot: JudgedSnapshot,
  recognised: Recognised,
): { snapshot: JudgedSnapshot; recognised: Recognised; fromUninstall: FromUninstall } {
  const reported = new Set([...recognised.office, ...recognised.antivirus].flatMap((r) => (r ? [r.product.id] : [])));
  const office: { index: number; item: SoftwareItem; recognition: Recognition }[] = [];
  const antivirus: typeof office = [];
  for (const s of recognised.software) {
    const { category, id } = s.recognition.product;
    if ((category !== 'office' && category !== 'antivirus') || s.recognition.licence === 'crack-tool') continue;
    if (!UNINSTALL_SOURCE.test(s.item.source) || reported.has(id)) continue;
    reported.add(id);
    (category === 'office' ? office : antivirus).push(s);
  }
  if (office.length === 0 && antivirus.length === 0) return { snapshot, recognised, fromUninstall: NONE_FROM_UNINSTALL };
  const officeReason = why(snapshot, 'office');
  const antivirusReason = why(snapshot, 'antivirus');
  const places = (list: typeof office, start: number) => new Map(list.map((s, i) => [start + i, s.index]));
  return {
    snapshot: {
      ...snapshot,
      office: [...snapshot.office, ...office.map((s) => suiteOf(s.item, officeReason))],
      antivirus: [...snapshot.antivirus, ...antivirus.map((s) => antivirusOf(s.item, antivirusReason))],
    },
    recognised: {
      ...recognised,
      office: [...recognised.office, ...office.map((s) => s.recognition)],
      antivirus: [...recognised.antivirus, ...antivirus.map((s) => s.recognition)],
    },
    fromUninstall: { office: places(office, snapshot.office.length), antivirus: places(antivirus, snapshot.antivirus.length) },
  };
}
