/**
 * Editions that may not be used on a unit's PC whatever their activation says:
 * the vendor licenses them to individuals for personal use. Data only.
 */
export interface PersonalEdition {
  /** The product as messages name it. */
  product: string;
  /** Matched against the suite's name. */
  name: RegExp;
  /** Matched against the suite's reported edition. */
  edition: RegExp;
}

export const PERSONAL_USE_EDITIONS: readonly PersonalEdition[] = [
  // WPS personal (个人版) is free for individuals only; Kingsoft sells units the professional edition.
  { product: 'WPS Office', name: /\bwps\b/i, edition: /^personal/i },
];

export function personalUseEdition(name: string, edition: string | undefined): PersonalEdition | undefined {
  if (!edition) return undefined;
  return PERSONAL_USE_EDITIONS.find((p) => p.name.test(name) && p.edition.test(edition));
}
