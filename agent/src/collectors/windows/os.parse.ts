// Input: the inventory's os section (Win32_OperatingSystem + CurrentVersion values), e.g.
//   { Caption: 'Microsoft Windows 10 专业版', Version: '10.0.19045', BuildNumber: '19045', UBR: 3803,
//     OSArchitecture: '64 位', ProductType: 1, EditionID: 'Professional', DisplayVersion: '22H2' }
// and the primary Windows row of licensing.products (see licensing.parse.ts).
import type { Activation, OperatingSystem } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { WindowsInventory } from './inventory.schema.js';
import { activationFromRow, primaryWindowsRow } from './licensing.parse.js';

/** Win32_OperatingSystem.ProductType. */
const PRODUCT_TYPES: Readonly<Record<number, string>> = { 1: 'workstation', 2: 'domain controller', 3: 'server' };

/**
 * OSArchitecture is localised (`64-bit`, `64 bits`, `64 位`, `ARM 64-bit Processor`);
 * the number (and ARM) is what stays the same across languages.
 */
export function archOf(raw: string | null | undefined): string {
  const a = raw?.trim() ?? '';
  if (/arm/i.test(a)) return /64/.test(a) ? 'arm64' : 'arm';
  if (/64/.test(a)) return 'x64';
  if (/32/.test(a)) return 'x86';
  return clean(a, 50) ?? 'unknown';
}

/**
 * The Caption is kept as Windows wrote it (localised: `Microsoft Windows 7
 * Professionnel`), only trimmed: wmic pads it with a space. Build is
 * BuildNumber.UBR, as winver shows it; the feature update (22H2) is the codename.
 */
export function osFromInventory(inv: WindowsInventory): OperatingSystem {
  const s = inv.os ?? {};
  const os: OperatingSystem = {
    family: 'windows',
    id: 'windows',
    name: clean(s.Caption ?? undefined, 200) ?? clean(s.ProductName ?? undefined, 200) ?? 'Microsoft Windows',
    arch: archOf(s.OSArchitecture),
    activation: osActivation(inv),
  };
  const version = clean(s.Version ?? undefined, 100);
  if (version) os.version = version;
  const build = clean(s.BuildNumber ?? undefined, 90);
  if (build) os.build = typeof s.UBR === 'number' ? `${build}.${s.UBR}` : build;
  const edition = clean(s.EditionID ?? undefined, 200);
  if (edition) os.edition = edition;
  const codename = clean(s.DisplayVersion ?? s.ReleaseId ?? undefined, 100);
  if (codename) os.codename = codename;
  if (version) os.kernel = clip(`Windows NT ${version}`, 200);
  return os;
}

/**
 * Activation of the primary Windows SKU. The details add what a verdict needs
 * besides the row: workstation or server, and whether the firmware holds an OEM key.
 */
export function osActivation(inv: WindowsInventory): Activation {
  const row = primaryWindowsRow(inv);
  const productType = typeof inv.os?.ProductType === 'number' ? PRODUCT_TYPES[inv.os.ProductType] ?? null : null;
  if (!row) {
    const failed = inv.errors.some((e) => e.source.startsWith('licensing'));
    const noQuery = !inv.licensing?.products && !inv.licensing?.osppProducts;
    return {
      state: 'unknown',
      source: 'wmi:SoftwareLicensingProduct',
      reason: failed ? 'the licensing query failed'
        : noQuery ? 'the Windows licensing rows were not collected'
          : 'no Windows licensing row with an installed product key',
      details: { ProductType: productType },
    };
  }
  const a = activationFromRow(row, {
    source: 'wmi:SoftwareLicensingProduct',
    registry: inv.licensing?.kmsRegistry ?? [],
    service: inv.licensing?.service ?? null,
  });
  a.details = {
    ...a.details,
    ProductType: productType,
    OA3xOriginalProductKeyPresent: inv.licensing?.service?.OA3xOriginalProductKeyPresent ?? null,
  };
  return a;
}
