// Input: the three ways Office names a product, e.g.
//   Click-to-Run ProductReleaseIds  'ProPlus2019Volume', 'O365ProPlusRetail', 'VisioPro2019Retail'
//   licence LicenseFamily           'Office16ProPlusVL_KMS_Client', 'Office19ProPlus2019VL_KMS_Client_AE'
//   MSI Registration ProductName    'Microsoft Office Professional Plus 2010'
// Each is reduced to one product id (code + year) so the three can be joined.

/** Product codes (as C2R and licence families spell them) and the edition names Microsoft prints. */
export const OFFICE_EDITIONS: Readonly<Record<string, string>> = {
  proplus: 'Professional Plus',
  professional: 'Professional',
  standard: 'Standard',
  homebusiness: 'Home and Business',
  homestudent: 'Home and Student',
  personal: 'Personal',
  mondo: 'Mondo',
  o365: 'Microsoft Office 365',
  o365proplus: 'Microsoft 365 Apps for enterprise',
  o365business: 'Microsoft 365 Apps for business',
  o365smallbusprem: 'Microsoft 365 Business Standard',
  o365homeprem: 'Microsoft 365 Family',
  visiopro: 'Visio Professional',
  visiostd: 'Visio Standard',
  projectpro: 'Project Professional',
  projectstd: 'Project Standard',
};

/** Registration names of older Microsoft 365 installs, normalised as by norm(). */
const NAME_ALIASES: Readonly<Record<string, string>> = { '365 proplus': 'o365proplus' };

/** Without marks, years and the words Microsoft/Office, lower-case: what differs between editions. */
const norm = (s: string): string =>
  s.replace(/®|™|\b20\d\d\b|\bMicrosoft\b|\bOffice\b/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();

/** Office major version → the year of the perpetual release without a year in its codes. */
const YEAR_OF_MAJOR: Readonly<Record<string, string>> = { '14': '2010', '15': '2013', '16': '2016' };

export interface OfficeProduct {
  /** Lower-case product code: `proplus`, `o365proplus`, `visiopro` … */
  code: string;
  /** Release year for perpetual products; '' for Microsoft 365 (subscription) products. */
  year: string;
  /** `Retail` or `Volume` where the name tells. */
  kind?: 'Retail' | 'Volume';
  /** Office major version: '14', '15', '16'. */
  major?: string;
}

export const productKey = (p: OfficeProduct): string => `${p.code}|${p.year}`;

function withYear(code: string, year: string | undefined, major: string | undefined): string {
  if (code.startsWith('o365')) return '';
  return year ?? (major ? YEAR_OF_MAJOR[major] ?? '' : '');
}

/** `ProPlus2019Volume` → proplus/2019/Volume; `O365ProPlusRetail` → o365proplus//Retail. */
export function fromReleaseId(id: string, major = '16'): OfficeProduct | undefined {
  const m = /^([A-Za-z0-9]*?[A-Za-z])(\d{4})?(Retail|Volume)$/i.exec(id.trim());
  if (!m) return undefined;
  const code = m[1]!.toLowerCase();
  return { code, year: withYear(code, m[2], major), kind: /^retail$/i.test(m[3]!) ? 'Retail' : 'Volume', major };
}

/** `Office19ProPlus2019VL_KMS_Client_AE` → proplus/2019/Volume; Office 2010 `OfficeProPlus-KMS_Client` too. */
export function fromLicenseFamily(family: string, name?: string): OfficeProduct | undefined {
  const f = /^Office(\d{2})?([A-Za-z0-9]+?)(\d{4})?(VL|R|MSDNR|XC2RVL|DemoR|Retail|Volume)?(?:[_-].*)?$/i.exec(family.trim());
  if (!f) return undefined;
  const major = majorOf(f[1], name);
  const code = f[2]!.toLowerCase();
  const kind = f[4] ? (/^(VL|XC2RVL|Volume)$/i.test(f[4]) ? 'Volume' : 'Retail') : undefined;
  const p: OfficeProduct = { code, year: withYear(code, f[3], major) };
  if (kind) p.kind = kind;
  if (major) p.major = major;
  return p;
}

/** Office19/21/24 licences belong to Office 16.0; the Name says `Office 14, …` for 2010. */
function majorOf(digits: string | undefined, name: string | undefined): string | undefined {
  const n = digits ?? /^Office (\d{2})/.exec(name ?? '')?.[1];
  if (!n) return undefined;
  return Number(n) >= 16 ? '16' : n;
}

/** `Microsoft Office Professional Plus 2010` → proplus/2010; names that are not suites → undefined. */
export function fromProductName(name: string, major?: string): OfficeProduct | undefined {
  const year = /\b(20\d\d)\b/.exec(name)?.[1];
  const words = norm(name);
  const code = NAME_ALIASES[words] ?? Object.entries(OFFICE_EDITIONS).find(([, ed]) => norm(ed) === words)?.[0];
  if (!code) return undefined;
  const p: OfficeProduct = { code, year: withYear(code, year, major) };
  if (major) p.major = major;
  return p;
}

/** The suite's display name: `Microsoft Office Professional Plus 2019`, `Microsoft Visio Professional 2016`. */
export function suiteName(p: OfficeProduct): string {
  const edition = OFFICE_EDITIONS[p.code] ?? p.code;
  if (p.code.startsWith('o365')) return edition;
  const prefix = /^(Visio|Project) /.test(edition) ? 'Microsoft' : 'Microsoft Office';
  return `${prefix} ${edition}${p.year ? ` ${p.year}` : ''}`;
}

export function editionName(p: OfficeProduct): string {
  const edition = OFFICE_EDITIONS[p.code] ?? p.code;
  return p.year && !p.code.startsWith('o365') ? `${edition} ${p.year}` : edition;
}
