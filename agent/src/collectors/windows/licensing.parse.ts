// Input: keyed SoftwareLicensingProduct / OfficeSoftwareProtectionProduct rows, e.g.
//   { ApplicationID: '55c92734-…', Name: 'Windows(R), Professional edition', LicenseStatus: 1,
//     LicenseStatusReason: 0, Description: 'Windows(R) Operating System, OEM_DM channel',
//     ProductKeyChannel: 'OEM:DM', PartialProductKey: 'F6YP2', GracePeriodRemaining: 0, LicenseIsAddon: false }
// plus the KMS registry values and SoftwareLicensingService.
import type { Activation } from '@zhengban/shared';
import { clip } from '../text.js';
import type { LicensingRow, RegistryValue, WindowsInventory } from './inventory.schema.js';
import { DESCRIPTION_CHANNELS, LICENSE_STATUS, STATUS_REASONS, WINDOWS_APP_ID } from './licensing.data.js';

type Service = NonNullable<NonNullable<WindowsInventory['licensing']>['service']>;

export interface LicensingContext {
  /** `wmi:SoftwareLicensingProduct` or `wmi:OfficeSoftwareProtectionProduct`. */
  source: string;
  registry?: readonly RegistryValue[];
  service?: Service | null;
}

const txt = (s: string | null | undefined): string | undefined => (s?.trim() ? s.trim() : undefined);

/** HRESULTs print as unsigned hex, the way slmgr and Microsoft's docs write them. */
export function hresult(n: number): string {
  return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** ProductKeyChannel when WMI has it (Windows 8+), else what slmgr derives from Description. */
export function channelOf(row: LicensingRow): string | undefined {
  const direct = txt(row.ProductKeyChannel);
  if (direct) return direct;
  const d = row.Description ?? '';
  return DESCRIPTION_CHANNELS.find(([re]) => re.test(d))?.[1];
}

export function isKmsClient(row: LicensingRow): boolean {
  return channelOf(row) === 'Volume:GVLK' || /VOLUME_KMSCLIENT/i.test(row.Description ?? '');
}

export const keyed = (rows: readonly LicensingRow[] | undefined): LicensingRow[] =>
  (rows ?? []).filter((r) => txt(r.PartialProductKey));

/**
 * The primary Windows SKU (slmgr GetIsPrimaryWindowsSKU): Windows app id, a key
 * installed, not an add-on (ESU rows are add-ons). After in-place upgrades several
 * rows qualify: take the Licensed one, else the only non-Unlicensed one, else the first.
 */
export function primaryWindowsRow(inv: WindowsInventory): LicensingRow | undefined {
  const lic = inv.licensing;
  const rows = [...keyed(lic?.products), ...keyed(lic?.osppProducts)]
    .filter((r) => r.ApplicationID?.toLowerCase() === WINDOWS_APP_ID && r.LicenseIsAddon !== true);
  return bestRow(rows);
}

export function bestRow(rows: readonly LicensingRow[]): LicensingRow | undefined {
  const licensed = rows.find((r) => r.LicenseStatus === 1);
  if (licensed) return licensed;
  const live = rows.filter((r) => r.LicenseStatus !== 0);
  return live.length === 1 ? live[0] : rows[0];
}

/**
 * The KMS host the row renews against: its own KeyManagementServiceMachine, else
 * (KMS clients only: a retail row does not talk to KMS) the forced host in the
 * registry (the app-specific key first), the service-wide setting, then the host
 * found by DNS or its address.
 */
export function kmsHostOf(row: LicensingRow, ctx: LicensingContext): string | undefined {
  const own = txt(row.KeyManagementServiceMachine);
  if (own) return own;
  if (!isKmsClient(row)) return undefined;
  const app = row.ApplicationID?.toLowerCase() ?? '';
  const names = (ctx.registry ?? []).filter((v) => v.name.toLowerCase() === 'keymanagementservicename' && typeof v.value === 'string' && v.value.trim());
  const forced = names.find((v) => v.key.toLowerCase().includes(app)) ?? names.find((v) => appOfKey(v.key) === appFamily(app));
  return txt(forced?.value as string | undefined)
    ?? txt(ctx.service?.KeyManagementServiceMachine)
    ?? txt(row.DiscoveredKeyManagementServiceMachineName)
    ?? txt(row.DiscoveredKeyManagementServiceMachineIpAddress);
}

/** Which product a KMS registry key configures: the OSPP key and 0ff1ce15 sub-keys are Office. */
export function appOfKey(key: string): 'office' | 'os' {
  return /officesoftwareprotectionplatform|0ff1ce15|59a52881/i.test(key) ? 'office' : 'os';
}
const appFamily = (app: string): 'office' | 'os' => (app === WINDOWS_APP_ID ? 'os' : 'office');

/** The snapshot activation for one licensing row; every field it rests on is kept in details. */
export function activationFromRow(row: LicensingRow, ctx: LicensingContext): Activation {
  const status = row.LicenseStatus;
  const known = status === null || status === undefined ? undefined : LICENSE_STATUS[status];
  const reasonHex = typeof row.LicenseStatusReason === 'number' ? hresult(row.LicenseStatusReason) : null;
  const a: Activation = { state: known?.[0] ?? 'unknown', source: ctx.source };
  if (!known) a.reason = `LicenseStatus ${status ?? 'missing'} is not a known licence status`;
  else if (status !== 1) {
    const named = reasonHex && STATUS_REASONS[reasonHex] ? `, ${STATUS_REASONS[reasonHex]}` : '';
    a.reason = clip(`${known[2]}${reasonHex ? ` (reason ${reasonHex}${named})` : ''}`, 500);
  }
  const channel = channelOf(row);
  if (channel) a.channel = clip(channel, 100);
  const key = txt(row.PartialProductKey);
  if (key) a.partialKey = clip(key, 10);
  const host = kmsHostOf(row, ctx);
  if (host) a.kmsHost = clip(host, 255);
  const grace = row.GracePeriodRemaining;
  if (typeof grace === 'number' && grace > 0 && Number.isSafeInteger(grace)) a.graceRemainingMinutes = grace;
  a.details = {
    Name: row.Name ?? null,
    Description: row.Description ?? null,
    LicenseFamily: row.LicenseFamily ?? null,
    LicenseStatus: status ?? null,
    LicenseStatusName: known?.[1] ?? null,
    LicenseStatusReason: reasonHex,
    GracePeriodRemaining: grace ?? null,
    VLActivationType: row.VLActivationType ?? null,
    KeyManagementServicePort: row.KeyManagementServicePort ?? null,
    KeyManagementServiceProductKeyID: row.KeyManagementServiceProductKeyID ?? null,
  };
  for (const [k, v] of Object.entries(a.details)) if (typeof v === 'string') a.details[k] = clip(v, 500);
  return a;
}
