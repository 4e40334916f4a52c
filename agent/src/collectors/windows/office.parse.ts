// Input: the inventory's office section and Office licensing rows, e.g.
//   clickToRun: { ProductReleaseIds: 'ProPlus2019Retail,VisioPro2019Volume', Platform: 'x86', VersionToReport: '16.0.10417.20012' }
//   registrations: [{ key: 'HKEY_LOCAL_MACHINE\…\Office\14.0\Registration\{9014…}', ProductName: 'Microsoft Office Professional Plus 2010' }]
//   licensing.products: [{ ApplicationID: '0ff1ce15-…', LicenseFamily: 'Office19ProPlus2019VL_KMS_Client_AE', LicenseStatus: 1 }]
//   vnextLicenses: [{ ProductReleaseId: 'O365ProPlusRetail', ExpiresOn: '…' }]
import type { Activation, Indicator, OfficeSuite } from '@zhengban/shared';
import { clip } from '../text.js';
import type { LicensingRow, WindowsInventory } from './inventory.schema.js';
import { OFFICE14_APP_ID, OFFICE_APP_ID } from './licensing.data.js';
import { activationFromRow, bestRow, channelOf, keyed, type LicensingContext } from './licensing.parse.js';
import { archOf } from './os.parse.js';
import {
  OFFICE_EDITIONS, editionName, fromLicenseFamily, fromProductName, fromReleaseId, productKey, suiteName, type OfficeProduct,
} from './office.products.js';
import { bestVNext, type VNextLicense } from './vnext.parse.js';

interface Licence { row: LicensingRow; product: OfficeProduct; ctx: LicensingContext }

/**
 * Mapping rules:
 * - One suite per Click-to-Run ProductReleaseId, per MSI Registration product
 *   (Office/Visio/Project names only, 16.0 ones skipped when Click-to-Run is there:
 *   they describe the same install), then one per Office licence row or vNext
 *   licence that matched no installed product (licensed but not found installed).
 * - Installed products and licences join on product code + year (ProPlus 2019,
 *   Microsoft 365 Apps have no year); of several rows the Licensed one wins.
 * - Activation: a vNext licence when there is one (Microsoft 365), else the licence
 *   row, else unknown with the reason.
 * - A Retail Click-to-Run product running on a Volume licence is the C2R-R2V
 *   conversion used by activators: indicator `c2r-retail-with-volume-licence`.
 */
export function officeFromInventory(inv: WindowsInventory, now: Date): { suites: OfficeSuite[]; indicators: Indicator[] } {
  const licences = officeLicences(inv);
  const used = new Set<Licence>();
  const matching = (p: OfficeProduct): Licence[] => {
    const found = licences.filter((l) => productKey(l.product) === productKey(p));
    found.forEach((l) => used.add(l));
    return found;
  };
  const vnext = [...(inv.office?.vnextLicenses ?? [])];
  const suites: OfficeSuite[] = [];
  const indicators: Indicator[] = [];
  const osArch = archOf(inv.os?.OSArchitecture);

  const c2r = inv.office?.clickToRun;
  for (const id of (c2r?.ProductReleaseIds ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const p = fromReleaseId(id);
    if (!p) continue;
    const lics = matching(p);
    const mine = vnext.filter((v) => v.ProductReleaseId?.toLowerCase() === id.toLowerCase());
    mine.forEach((v) => vnext.splice(vnext.indexOf(v), 1));
    const suite = base(p, id, 'registry:ClickToRun', activationOf(lics, mine, now));
    if (c2r?.VersionToReport) suite.version = clip(c2r.VersionToReport, 100);
    if (c2r?.Platform) suite.arch = clip(c2r.Platform, 20);
    suite.products = [clip(id, 200)];
    suites.push(suite);
    const volume = lics.filter((l) => l.product.kind === 'Volume' || channelOf(l.row)?.startsWith('Volume'));
    if (p.kind === 'Retail' && volume.length) {
      indicators.push({
        kind: 'c2r-retail-with-volume-licence',
        category: 'office',
        description: 'a Retail Click-to-Run Office runs on a Volume licence: the Retail-to-Volume conversion (C2R-R2V) that KMS activators use',
        evidence: [`ClickToRun ProductReleaseIds contains ${id}`, ...volume.map((l) => clip(`licence ${l.row.LicenseFamily ?? l.row.Name} (${channelOf(l.row) ?? 'no channel'}, key …${l.row.PartialProductKey})`, 1000))],
      });
    }
  }

  const seen = new Set<string>();
  for (const reg of inv.office?.registrations ?? []) {
    const major = /\\Office\\(\d+)\.\d\\Registration\\/i.exec(reg.key)?.[1];
    if (c2r && major === '16') continue;
    const p = reg.ProductName ? fromProductName(reg.ProductName, major) : undefined;
    if (!p || seen.has(productKey(p))) continue;
    seen.add(productKey(p));
    const suite = base(p, reg.ProductName ?? '', 'registry:Office Registration', activationOf(matching(p), [], now));
    if (major) suite.version = `${major}.0`;
    const wow = /\\Wow6432Node\\/i.test(reg.key);
    if (wow || osArch === 'x86' || osArch === 'x64') suite.arch = wow ? 'x86' : osArch;
    if (reg.ProductCode) suite.products = [clip(reg.ProductCode, 200)];
    if (suite.activation.state === 'unknown') {
      suite.activation.details = { ProductID: reg.ProductID ?? null, OEM: reg.OEM ?? null, LicenseType: reg.LicenseType ?? null, DigitalProductIDPresent: reg.DigitalProductIDPresent ?? null };
    }
    suites.push(suite);
  }

  for (const l of licences) {
    if (used.has(l)) continue;
    const lics = matching(l.product);
    const suite = base(l.product, l.row.LicenseFamily ?? '', l.ctx.source, activationOf(lics, [], now));
    if (l.product.major) suite.version = `${l.product.major}.0`;
    suite.products = lics.map((x) => clip(x.row.LicenseFamily ?? x.row.Name ?? '', 200));
    suites.push(suite);
  }
  for (const v of vnext) {
    const p = fromReleaseId(v.ProductReleaseId ?? '') ?? { code: (v.ProductReleaseId ?? 'unknown').toLowerCase(), year: '' };
    const mine = vnext.filter((x) => x.ProductReleaseId === v.ProductReleaseId);
    if (mine[0] !== v) continue;
    suites.push({ ...base(p, v.ProductReleaseId ?? '', 'vnext:licenses', activationOf([], mine, now)), products: [clip(v.ProductReleaseId ?? '', 200)] });
  }
  return { suites, indicators };
}

function base(p: OfficeProduct, raw: string, source: string, activation: Activation): OfficeSuite {
  const known = p.code in OFFICE_EDITIONS;
  return {
    name: clip(known ? suiteName(p) : `Microsoft Office (${raw || p.code})`, 300),
    vendor: 'Microsoft',
    edition: clip(known ? editionName(p) : raw || p.code, 200),
    scope: 'machine',
    source,
    activation,
  };
}

function activationOf(lics: readonly Licence[], vnext: readonly VNextLicense[], now: Date): Activation {
  const fromVNext = bestVNext(vnext, now);
  if (fromVNext) return fromVNext;
  const row = bestRow(lics.map((l) => l.row));
  const lic = lics.find((l) => l.row === row);
  if (lic) return activationFromRow(lic.row, lic.ctx);
  return {
    state: 'unknown',
    source: 'wmi:SoftwareLicensingProduct',
    reason: 'no Office licence with an installed key was found for this product (Microsoft 365 licences live in each user profile)',
  };
}

/** Keyed Office rows of SPP (Office 2013+ on Windows 8+) and OSPP (Office 2010; 2013+ on Windows 7). */
function officeLicences(inv: WindowsInventory): Licence[] {
  const lic = inv.licensing;
  const registry = lic?.kmsRegistry ?? [];
  const sets = [
    { rows: keyed(lic?.products), ctx: { source: 'wmi:SoftwareLicensingProduct', registry, service: lic?.service ?? null } },
    { rows: keyed(lic?.osppProducts), ctx: { source: 'wmi:OfficeSoftwareProtectionProduct', registry, service: lic?.osppService ?? null } },
  ];
  const out: Licence[] = [];
  for (const { rows, ctx } of sets) {
    for (const row of rows) {
      const app = row.ApplicationID?.toLowerCase();
      if (app !== OFFICE_APP_ID && app !== OFFICE14_APP_ID) continue;
      const family = row.LicenseFamily ?? /,\s*(\S+) edition/.exec(row.Name ?? '')?.[1] ?? '';
      const product = fromLicenseFamily(family, row.Name ?? undefined) ?? { code: family.toLowerCase() || 'office', year: '' };
      out.push({ row, product, ctx });
    }
  }
  return out;
}
