// Input: the inventory's antivirus section, e.g.
//   securityCenter2Available: true,
//   products: [{ displayName: '火绒安全软件', productState: 266240, pathToSignedProductExe: 'D:\\…\\wsctrlsvc.exe' },
//              { displayName: 'Windows Defender', productState: 393472, pathToSignedProductExe: 'windowsdefender://' }]
//   defender: { AMProductVersion: '4.18.24090.11', AMRunningMode: 'Passive Mode', AntivirusEnabled: true, … }
//   services: [{ Name: 'HipsDaemon', State: 'Running', PathName: '"C:\\…\\HipsDaemon.exe"' }]
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
const known = (name: string): KnownAntivirus | undefined =>
  KNOWN_ANTIVIRUS.find((k) => k.names.some((n) => name.toLowerCase().includes(n)));

/**
 * SecurityCenter2 rows decoded; Defender refined by MSFT_MpComputerStatus (passive
 * mode is not protection); known products seen only as processes or services added
 * beside them; when SecurityCenter2 gave nothing (servers), Defender from its own
 * status and the rest from processes and services.
 */
export function antivirusFromInventory(inv: WindowsInventory): Antivirus[] {
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
    const listed = new Set(out.map((a) => (isDefender(a.name, null) ? 'Microsoft Defender Antivirus' : known(a.name)?.name ?? a.name)));
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

/** GLPI's way: the Uninstall entry whose name contains the product's name (or the reverse) gives version and publisher. */
function addVersion(entry: Antivirus, software: readonly UninstallEntry[]): void {
  const n = entry.name.toLowerCase();
  const k = known(entry.name);
  const hit = software.find((s) => {
    const d = s.DisplayName?.toLowerCase();
    return d && (d.includes(n) || n.includes(d) || (k?.names.some((x) => d.includes(x)) ?? false));
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
