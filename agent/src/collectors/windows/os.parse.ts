// Input: the inventory's os section (Win32_OperatingSystem + CurrentVersion values), e.g.
//   { Caption: 'Microsoft Windows 10 专业版', Version: '10.0.19045', BuildNumber: '19045', UBR: 3803,
//     OSArchitecture: '64 位', ProductType: 1, EditionID: 'Professional', DisplayVersion: '22H2' }
// and the primary Windows row of licensing.products (see licensing.parse.ts), e.g.
//   { Name: 'Windows(R), Professional edition', LicenseFamily: 'Professional', LicenseStatus: 1, … }
import type { Activation, OperatingSystem } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { LicensingRow, WindowsInventory } from './inventory.schema.js';
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
 * The edition the licensing row names, for a PC whose registry EditionID was not read
 * (a recording with only `wmic` licensing rows): its LicenseFamily is the EditionID
 * (`Professional`, `CoreCountrySpecific`, `ServerStandard`), and its Name says it too,
 * `Windows(R), Professional edition` (Windows 7: `Windows(R) 7, Ultimate edition`).
 */
export function editionOfRow(row: LicensingRow | undefined): string | undefined {
  if (!row) return undefined;
  const family = clean(row.LicenseFamily ?? undefined, 200);
  if (family) return family;
  const m = /^Windows[^,]*,\s*([A-Za-z0-9]+)\s+edition\b/i.exec(row.Name?.trim() ?? '');
  return m?.[1];
}

/**
 * Server editions' EditionIDs start with `Server`; `ServerRdsh` is Windows Enterprise
 * multi-session, a client edition (the collector's catalog reads it the same way).
 */
export const isServerEdition = (edition: string): boolean => /^Server(?!Rdsh)/i.test(edition);

/**
 * A name for a Windows whose Caption and ProductName were not read. It carries the
 * edition, and `Server` for a server edition, because the collector's catalog tells
 * Windows Server from the client by the name as well as by the edition.
 */
export function nameWithoutCaption(edition: string | undefined): string {
  if (!edition) return 'Microsoft Windows';
  return `Microsoft Windows${isServerEdition(edition) ? ' Server' : ''} (${edition} edition)`;
}

/**
 * The Caption is kept as Windows wrote it (localised: `Microsoft Windows 7
 * Professionnel`), only trimmed: wmic pads it with a space. Build is
 * BuildNumber.UBR, as winver shows it; the feature update (22H2) is the codename.
 * The edition is the registry's EditionID, else the primary licensing row's.
 */
export function osFromInventory(inv: WindowsInventory): OperatingSystem {
  const s = inv.os ?? {};
  const edition = clean(s.EditionID ?? undefined, 200) ?? editionOfRow(primaryWindowsRow(inv));
  const os: OperatingSystem = {
    family: 'windows',
    id: 'windows',
    name: clean(s.Caption ?? undefined, 200) ?? clean(s.ProductName ?? undefined, 200) ?? clip(nameWithoutCaption(edition), 200),
    arch: archOf(s.OSArchitecture),
    activation: osActivation(inv),
  };
  const version = clean(s.Version ?? undefined, 100);
  if (version) os.version = version;
  const build = clean(s.BuildNumber ?? undefined, 90);
  if (build) os.build = typeof s.UBR === 'number' ? `${build}.${s.UBR}` : build;
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
    const failures = inv.errors.filter((e) => e.source.startsWith('licensing'));
    const unread = failures.find((e) => e.source === 'licensing.products' && e.kind && e.kind !== 'query');
    const noQuery = !inv.licensing?.products && !inv.licensing?.osppProducts;
    return {
      state: 'unknown',
      source: 'wmi:SoftwareLicensingProduct',
      reason: unread ? `the licensing rows were not read (${unread.message})`
        : failures.length ? 'the licensing query failed'
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
