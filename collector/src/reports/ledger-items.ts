import type { Category, Finding, FindingCode } from '@zhengban/shared';
import type { CatalogProduct } from '../schema/catalog.js';

/**
 * What the software-asset ledger (台账) lists of one machine: each product its verdict
 * speaks of, once, however many findings name it (an activation finding and an
 * entitlement finding for the same Windows are one copy in use), with how it is
 * licensed. Read from the findings' facts, the words the verdict already gives. Pure.
 */

/** How the ledger counts a copy in use (附表1's columns). */
export type LedgerBasis = 'licensed' | 'oem' | 'unlicensed' | 'free';

/** The licence a copy holds, as the verdict names it: a licence of the registry, or the PC firmware's OEM key. */
export type LedgerLicence = { kind: 'registry'; id: number; model: string } | { kind: 'firmware' };

export interface LedgerItem {
  category: Category;
  /** The catalog product; null for a program only a list or a personal-use rule named. */
  productId: string | null;
  /** What the machine reported (`Microsoft Windows 10 Pro`). */
  subject: string;
  editionId: string | null;
  release: string | null;
  licence: LedgerLicence | null;
  basis: LedgerBasis;
  /** The codes of its findings that did not pass (`no-entitlement`, `disabled`…), in order. */
  problems: FindingCode[];
}

// The facts as classify/ writes them (`field = value`).
const PRODUCT_FACT = /^catalog\.product = ([^\s(]+)/;
const EDITION_FACT = /^catalog\.edition = (.+)$/;
const RELEASE_FACT = /^catalog\.release = (.+)$/;
// `licence = #12 windows/pro oem, unit 财政局…` (classify/judge.ts).
const LICENCE_FACT = /^licence = #(\d+) \S+ (\S+), unit /;
const FIRMWARE_FACT = /^entitlement = OEM key in the PC firmware$/;

/** Codes that say nothing of the licence: antivirus switched off is a finding, not an unlicensed copy. */
const NOT_LICENCE: ReadonlySet<FindingCode> = new Set(['disabled']);
/** Programs named without a catalog product that are in use and not licensed. */
const UNLICENSED_PROGRAM: ReadonlySet<FindingCode> = new Set(['denied-software', 'personal-use-only', 'unauthorized-install']);
const FREE = new Set(['free-for-orgs', 'open-source', 'bundled']);

function firstMatch(facts: readonly string[], re: RegExp): RegExpExecArray | null {
  for (const f of facts) {
    const m = re.exec(f);
    if (m) return m;
  }
  return null;
}

function licenceOf(facts: readonly string[]): LedgerLicence | null {
  if (firstMatch(facts, FIRMWARE_FACT)) return { kind: 'firmware' };
  const m = firstMatch(facts, LICENCE_FACT);
  return m ? { kind: 'registry', id: Number(m[1]), model: m[2]! } : null;
}

type Draft = Omit<LedgerItem, 'basis'>;

/** The licence the catalog asks of a product, or of its edition when that says otherwise (a personal edition). */
function requirementOf(p: CatalogProduct | undefined, editionId: string | null): string | undefined {
  return p?.editions?.find((e) => e.id === editionId)?.licence ?? p?.licence;
}

/**
 * The copies in use a verdict's findings speak of. Left out: crack tools (the product
 * they crack carries that finding), and what names no product in use (antivirus
 * missing, a scan cut short, an operating system the catalog does not know).
 */
export function ledgerItems(findings: readonly Finding[], product: (id: string) => CatalogProduct | undefined): LedgerItem[] {
  const drafts = new Map<string, Draft>();
  for (const f of findings) {
    const productId = firstMatch(f.facts, PRODUCT_FACT)?.[1] ?? null;
    if (productId === null && !(f.category === 'other' && UNLICENSED_PROGRAM.has(f.code))) continue;
    if (productId !== null && product(productId)?.licence === 'crack-tool') continue;
    const key = productId ?? `program:${f.subject.toLowerCase()}`;
    let d = drafts.get(key);
    if (!d) drafts.set(key, (d = { category: f.category, productId, subject: f.subject, editionId: null, release: null, licence: null, problems: [] }));
    d.editionId ??= firstMatch(f.facts, EDITION_FACT)?.[1] ?? null;
    d.release ??= firstMatch(f.facts, RELEASE_FACT)?.[1] ?? null;
    d.licence ??= licenceOf(f.facts);
    if (!f.passed && !d.problems.includes(f.code)) d.problems.push(f.code);
  }
  return [...drafts.values()].map((d) => ({ ...d, basis: basisOf(d, product) }));
}

function basisOf(d: Draft, product: (id: string) => CatalogProduct | undefined): LedgerBasis {
  const unlicensed = d.problems.some((c) => !NOT_LICENCE.has(c));
  if (d.productId === null) return 'unlicensed';
  const requirement = requirementOf(product(d.productId), d.editionId);
  if (requirement !== undefined && FREE.has(requirement) && !unlicensed) return 'free';
  if (unlicensed) return 'unlicensed';
  return d.licence?.kind === 'firmware' || (d.licence?.kind === 'registry' && d.licence.model === 'oem') ? 'oem' : 'licensed';
}

/** A product's edition as the catalog names it, in the report's language. */
export function editionName(p: CatalogProduct | undefined, editionId: string | null, lang: 'zh' | 'en'): string | null {
  const e = p?.editions?.find((x) => x.id === editionId);
  if (!e) return editionId;
  return lang === 'zh' ? e.nameZh : e.name;
}
