// Input: the inventory's antivirus section, e.g.
//   securityCenter2Available: true,
//   products: [{ displayName: '火绒安全软件', productState: 266240, pathToSignedProductExe: 'D:\\…\\wsctrlsvc.exe' },
//              { displayName: 'Windows Defender', productState: 393472, pathToSignedProductExe: 'windowsdefender://' }]
//   defender: { AMProductVersion: '4.18.24090.11', AMRunningMode: 'Passive Mode', AntivirusEnabled: true, … }
//   services: [{ Name: 'HipsDaemon', State: 'Running', PathName: '"C:\\…\\HipsDaemon.exe"' }]
// and the Uninstall entries (software), e.g. { hive: 'HKLM-WOW6432', DisplayName: '奇安信天擎', DisplayVersion: '10.0', Publisher: '奇安信' }
import type { Antivirus } from '@zhengban/shared';
import { clip } from '../text.js';
import { KNOWN_ANTIVIRUS, PRODUCT_STATE, type KnownAntivirus } from './antivirus.data.js';
import type { UninstallEntry, WindowsInventory } from './inventory.schema.js';

export interface DecodedState {
  state: string;
  enabled: boolean | null;
  upToDate: boolean | null;
  owner: 'microsoft' | 'third-party';
}

/** productState: 0xF000 on/off/snoozed/expired, 0x0F00 owner, 0x00F0 signatures (0x00 current, 0x10 out of date). */
export function decodeProductState(n: number): DecodedState {
  const state = PRODUCT_STATE.states[n & PRODUCT_STATE.stateMask] ?? `unknown 0x${(n & PRODUCT_STATE.stateMask).toString(16)}`;
  const sig = n & PRODUCT_STATE.signatureMask;
  return {
    state,
    enabled: state === 'on' ? true : state.startsWith('unknown') ? null : false,
    upToDate: sig === PRODUCT_STATE.upToDate ? true : sig === PRODUCT_STATE.outOfDate ? false : null,
    owner: (n & PRODUCT_STATE.ownerMask) === PRODUCT_STATE.microsoftOwner ? 'microsoft' : 'third-party',
  };
}

const isDefender = (name: string, path: string | null | undefined) =>
  /defender/i.test(name) || /^windowsdefender:/i.test(path ?? '');
const known = (name: string): KnownAntivirus | undefined => KNOWN_ANTIVIRUS.find((k) => k.displayName.test(name));

/**
 * SecurityCenter2 rows decoded; Defender refined by MSFT_MpComputerStatus (passive
 * mode is not protection); known products seen only as processes or services added
 * beside them; when SecurityCenter2 gave nothing (servers), Defender from its own
 * status and the rest from processes and services. Last, known products that none
 * of these reported but whose Uninstall entry is there (see fromUninstall).
 */
export function antivirusFromInventory(inv: WindowsInventory): Antivirus[] {
  const running = runningAntivirus(inv);
  const listed = new Set(running.map(identity));
  return [...running, ...fromUninstall(inv, listed)];
}

/** Which known product an entry is, so one product is listed once whatever reported it. */
const identity = (a: Antivirus): string => (isDefender(a.name, null) ? 'Microsoft Defender Antivirus' : known(a.name)?.name ?? a.name);

function runningAntivirus(inv: WindowsInventory): Antivirus[] {
  const av = inv.antivirus;
  if (!av) return [];
  const out: Antivirus[] = [];
  for (const row of av.products ?? []) {
    const name = row.displayName?.trim();
    if (!name) continue;
    const decoded = typeof row.productState === 'number' ? decodeProductState(row.productState) : null;
    const entry: Antivirus = {
      name: clip(name, 300),
      enabled: decoded?.enabled ?? null,
      upToDate: decoded?.upToDate ?? null,
      source: 'wmi:SecurityCenter2',
    };
    if (decoded) {
      entry.owner = decoded.owner;
      entry.state = decoded.state;
    }
    if (isDefender(name, row.pathToSignedProductExe)) refineDefender(entry, inv);
    else addVersion(entry, inv.software ?? []);
    out.push(entry);
  }
  if (out.length) {
    // Products that run but did not register with SecurityCenter2 (天擎 often does not).
    const listed = new Set(out.map(identity));
    return [...out, ...fromProcesses(inv).filter((a) => !listed.has(a.name))];
  }
  if (av.defender) {
    const entry: Antivirus = { name: 'Microsoft Defender Antivirus', enabled: null, upToDate: null, owner: 'microsoft', source: 'wmi:MSFT_MpComputerStatus' };
    refineDefender(entry, inv);
    out.push(entry);
  }
  out.push(...fromProcesses(inv).filter((a) => !(a.vendor === 'Microsoft' && av.defender)));
  return out;
}

function refineDefender(entry: Antivirus, inv: WindowsInventory): void {
  entry.vendor = 'Microsoft';
  const d = inv.antivirus?.defender;
  if (!d) return;
  if (d.AMProductVersion) entry.version = clip(d.AMProductVersion, 100);
  if (typeof d.AntivirusEnabled === 'boolean' || typeof d.RealTimeProtectionEnabled === 'boolean') {
    entry.enabled = d.AntivirusEnabled !== false && d.RealTimeProtectionEnabled !== false;
  }
  if (/passive/i.test(d.AMRunningMode ?? '')) {
    entry.enabled = false;
    entry.state = 'passive';
  }
  if (typeof d.DefenderSignaturesOutOfDate === 'boolean') entry.upToDate = !d.DefenderSignaturesOutOfDate;
}

/**
 * GLPI's way: the Uninstall entry whose name contains the product's name (or the
 * reverse), or that is the same known product, gives version and publisher.
 */
function addVersion(entry: Antivirus, software: readonly UninstallEntry[]): void {
  const n = entry.name.toLowerCase();
  const k = known(entry.name);
  const hit = software.find((s) => {
    const name = s.DisplayName?.trim();
    const d = name?.toLowerCase();
    return name && d && (d.includes(n) || n.includes(d) || (k?.displayName.test(name) ?? false));
  });
  if (hit?.DisplayVersion) entry.version = clip(hit.DisplayVersion, 100);
  const vendor = hit?.Publisher ?? k?.vendor;
  if (vendor) entry.vendor = clip(vendor, 200);
}

const baseName = (path: string | null | undefined) =>
  (path ?? '').replace(/^"|".*$/g, '').split(/[\\/]/).pop()?.replace(/\s.*$/, '').toLowerCase() ?? '';

/** A running process or service means the product runs (enabled true); a stopped service says nothing (null). */
function fromProcesses(inv: WindowsInventory): Antivirus[] {
  const procs = (inv.antivirus?.processes ?? []).map((p) => p.Name.toLowerCase());
  const services = inv.antivirus?.services ?? [];
  const out: Antivirus[] = [];
  for (const k of KNOWN_ANTIVIRUS) {
    const running = procs.filter((p) => k.executables.includes(p));
    const svc = services.filter((s) => k.services.includes(s.Name.toLowerCase()) || k.executables.includes(baseName(s.PathName)));
    if (!running.length && !svc.length) continue;
    const on = running.length > 0 || svc.some((s) => /^running$/i.test(s.State ?? ''));
    const entry: Antivirus = {
      name: k.name,
      vendor: k.vendor,
      enabled: on ? true : null,
      upToDate: null,
      owner: k.vendor === 'Microsoft' ? 'microsoft' : 'third-party',
      state: on ? 'running' : 'stopped',
      source: clip(running.length ? `process:${running.join(',')}` : `service:${svc.map((s) => s.Name).join(',')}`, 300),
    };
    addVersion(entry, inv.software ?? []);
    out.push(entry);
  }
  return out;
}

/**
 * Known products (not Defender, which is part of Windows) that only an Uninstall entry
 * shows: SecurityCenter2, the services and the processes did not report them. The
 * product may be installed but stopped, or its entry left behind by an uninstall:
 * whether it protects the PC is unknown, and the reason says which sources were
 * silent. The entry's own DisplayName is the name, so the collector's catalog can tell
 * a consumer edition from an organisation's one.
 */
function fromUninstall(inv: WindowsInventory, listed: ReadonlySet<string>): Antivirus[] {
  const out: Antivirus[] = [];
  const seen = new Set(listed);
  for (const e of inv.software ?? []) {
    const name = e.DisplayName?.trim();
    if (!name || e.ParentKeyName?.trim()) continue;
    const k = KNOWN_ANTIVIRUS.find((x) => x.vendor !== 'Microsoft' && x.displayName.test(name));
    if (!k || seen.has(k.name)) continue;
    seen.add(k.name);
    const entry: Antivirus = {
      name: clip(name, 300),
      vendor: clip(e.Publisher?.trim() || k.vendor, 200),
      enabled: null,
      upToDate: null,
      owner: 'third-party',
      source: 'registry:Uninstall',
      activation: {
        state: 'unknown',
        source: 'registry:Uninstall',
        reason: clip(`found only in the Uninstall list: ${silentSources(inv)}, so whether it protects this PC is not known`, 500),
        details: { DisplayName: clip(name, 500), Publisher: e.Publisher ? clip(e.Publisher, 500) : null, hive: e.hive },
      },
    };
    const version = e.DisplayVersion?.trim();
    if (version) entry.version = clip(version, 100);
    out.push(entry);
  }
  return out;
}

/** Why SecurityCenter2, the services and the processes did not report a product. */
function silentSources(inv: WindowsInventory): string {
  const av = inv.antivirus;
  const center = av?.securityCenter2Available === false ? 'this Windows has no Security Center (Windows Server)'
    : av?.products ? 'it is not registered with Security Center'
      : 'Security Center was not read';
  const running = av?.services || av?.processes ? 'no known service or process of it is running' : 'services and processes were not read';
  return `${center}, and ${running}`;
}
