import { Type, type Static } from 'typebox';
import { Nullable, Pattern, RejudgeSummary } from './common.js';

/** deny: a finding wherever it is installed; allow: reviewed, no longer listed for review. */
export const ListKind = Type.Union([Type.Literal('deny'), Type.Literal('allow')]);
export type ListKind = Static<typeof ListKind>;

export const ListEntryInput = Type.Object(
  {
    list: ListKind,
    /** Matched against installed software names (case-insensitive regular expression). */
    name: Pattern,
    publisher: Type.Optional(Nullable(Pattern)),
    /** Applies to this unit and those below it; null or absent: everywhere. */
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type ListEntryInput = Static<typeof ListEntryInput>;

export const ListEntry = Type.Object({
  id: Type.Integer(),
  list: ListKind,
  name: Type.String(),
  publisher: Nullable(Type.String()),
  unitId: Nullable(Type.Integer()),
  unit: Nullable(Type.String()),
  reason: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
});
export type ListEntry = Static<typeof ListEntry>;

export const ListEntries = Type.Object({ entries: Type.Array(ListEntry) });
export const ListWriteResult = Type.Object({ entry: ListEntry, rejudged: RejudgeSummary });

/** Installed software no catalog product and no list entry accounts for. */
export const ReviewItem = Type.Object({
  name: Type.String(),
  publisher: Nullable(Type.String()),
  versions: Type.Array(Type.String()),
  machines: Type.Integer({ minimum: 1 }),
  firstSeen: Nullable(Type.String()),
});
export type ReviewItem = Static<typeof ReviewItem>;
export const ReviewList = Type.Object({ items: Type.Array(ReviewItem), total: Type.Integer() });
