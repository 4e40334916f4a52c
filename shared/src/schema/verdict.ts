import { Type, type Static } from 'typebox';

export const Category = Type.Union([
  Type.Literal('os'),
  Type.Literal('office'),
  Type.Literal('antivirus'),
  Type.Literal('other'),
]);
export type Category = Static<typeof Category>;

/**
 * Why a category is or is not licensed. `licensed` is the only passing code; the
 * others name the reason, as the design's verdict list does. `unknown`: the agent
 * looked and could not tell; `not-checked`: it did not look (policy refused the scan,
 * it was cut short, a profile could not be read), so nothing found means nothing.
 */
export const FindingCode = Type.Union([
  Type.Literal('licensed'),
  Type.Literal('not-activated'),
  Type.Literal('crack-activator'),
  Type.Literal('untrusted-kms'),
  Type.Literal('no-entitlement'),
  Type.Literal('over-allocated'),
  Type.Literal('expired'),
  Type.Literal('personal-use-only'),
  Type.Literal('missing'),
  Type.Literal('disabled'),
  Type.Literal('denied-software'),
  Type.Literal('unauthorized-install'),
  Type.Literal('unknown'),
  Type.Literal('not-checked'),
]);
export type FindingCode = Static<typeof FindingCode>;

export const Finding = Type.Object({
  category: Category,
  code: FindingCode,
  /** True only for `licensed`; kept explicit so reports need not know the code list. */
  passed: Type.Boolean(),
  /** The product the finding is about, or the category when nothing was found. */
  subject: Type.String({ maxLength: 300 }),
  /** Plain words for the inspector, in English and in Chinese. */
  message: Type.String({ maxLength: 1000 }),
  messageZh: Type.String({ maxLength: 1000 }),
  /** The measured facts the finding rests on, quoted as `field = value`. */
  facts: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50 }),
  /** The snapshot those facts were measured in (set by the collector). */
  snapshotId: Type.Optional(Type.String({ maxLength: 100 })),
});
export type Finding = Static<typeof Finding>;

export const VerdictStatus = Type.Union([Type.Literal('licensed'), Type.Literal('unauthorized')]);
export type VerdictStatus = Static<typeof VerdictStatus>;

export const Verdict = Type.Object({
  status: VerdictStatus,
  findings: Type.Array(Finding),
  /** Version of the rules, the catalog and the registry that decided, so a re-judged machine shows what changed. */
  rulesVersion: Type.String(),
  decidedAt: Type.String({ format: 'date-time' }),
  /** The snapshot judged and when it was measured. */
  snapshotId: Type.Optional(Type.String({ maxLength: 100 })),
  collectedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type Verdict = Static<typeof Verdict>;
