import { Type, type Static } from 'typebox';
import { Category, FindingCode } from '@zhengban/shared';

/**
 * What the dashboard's overview and trend show, drawn from the same read model as the
 * statistics form (reports/), so a rate on the page is the rate on the form.
 */
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'a share of the reporting machines; null where none report' });

export const Rates = Type.Object({
  os: Rate,
  office: Rate,
  antivirus: Rate,
  /** Genuine on all three. */
  all: Rate,
});
export type Rates = Static<typeof Rates>;

const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const OverviewUnit = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  /** Depth below the overview's unit (1 for its subunits). */
  level: Type.Integer({ minimum: 1 }),
  /** The unit with everything below it. */
  computers: Type.Integer({ minimum: 0 }),
  reporting: Type.Integer({ minimum: 0 }),
  notReporting: Type.Integer({ minimum: 0 }),
  unauthorized: Type.Integer({ minimum: 0 }),
  rates: Rates,
});
export type OverviewUnit = Static<typeof OverviewUnit>;

export const Reason = Type.Object({
  category: Category,
  code: FindingCode,
  /** Reporting machines whose category fails with such a finding (machines?reporting=true&category=&code=). */
  machines: Type.Integer({ minimum: 1 }),
  zh: Type.String(),
  en: Type.String(),
});
export type Reason = Static<typeof Reason>;

export const Overview = Type.Object({
  unit: UnitRef,
  asOf: Type.String({ format: 'date-time' }),
  totals: Type.Object({
    machines: Type.Integer({ minimum: 0 }),
    /** Reporting, and the verdict is licensed (other software too). */
    licensed: Type.Integer({ minimum: 0 }),
    unauthorized: Type.Integer({ minimum: 0 }),
    /** Never judged, or silent past the reporting window: neither licensed nor not. */
    notReporting: Type.Integer({ minimum: 0 }),
  }),
  rates: Rates,
  /** The units below, with computers, the ones behind first: none reporting, then by the rate on all three. */
  units: Type.Array(OverviewUnit),
  /** Why reporting machines are unauthorized: their failed findings, most machines first. */
  reasons: Type.Array(Reason),
});
export type Overview = Static<typeof Overview>;

export const TrendPoint = Type.Object({
  /** The day (China time); its figures are as at its end, today's as now. */
  date: Type.String({ format: 'date' }),
  computers: Type.Integer({ minimum: 0 }),
  reporting: Type.Integer({ minimum: 0 }),
  rates: Rates,
});
export type TrendPoint = Static<typeof TrendPoint>;

export const Trend = Type.Object({
  unit: UnitRef,
  points: Type.Array(TrendPoint),
  /** Past days in the range not yet counted: the collector counts them in the background. */
  pending: Type.Integer({ minimum: 0 }),
});
export type Trend = Static<typeof Trend>;
