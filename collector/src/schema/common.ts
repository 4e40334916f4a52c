import { Type, type TSchema } from 'typebox';

/** Shapes the admin API's schemas share. */

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A calendar day, `2026-11-20`: licence validity is counted in whole days (China time is the reader's). */
export const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** What a write re-judged: how many machines were looked at again and how many verdicts changed. */
export const RejudgeSummary = Type.Object({
  machines: Type.Integer({ minimum: 0 }),
  changed: Type.Integer({ minimum: 0 }),
  statusChanged: Type.Integer({ minimum: 0 }),
  ms: Type.Number({ minimum: 0 }),
});

/** A regular expression as text, matched case-insensitively; checked to compile before it is stored. */
export const Pattern = Type.String({ minLength: 1, maxLength: 300 });
