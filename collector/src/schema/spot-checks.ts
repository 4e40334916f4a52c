import { Type, type Static } from 'typebox';
import { Antivirus, Machine, OfficeSuite, OperatingSystem, Verdict } from '@zhengban/shared';
import { Nullable } from './common.js';
import { GradeResult, GradingRules } from './grading.js';

/**
 * Spot checks (抽查, issue 17): a reproducible sample of a unit's machines, each frozen as
 * the collector judged it at the draw, what the inspector saw on site, the kit's scans,
 * the discrepancies between them, and the unit's grade.
 */

/** What an inspector answers for one check: seen and in order, seen and not, or not looked at. */
export const Tristate = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('not-checked')]);
export type Tristate = Static<typeof Tristate>;

/** The stratum's machine type, from the agent's chassis (server, virtual and unknown are `other`). */
export const MachineKind = Type.Union([Type.Literal('desktop'), Type.Literal('laptop'), Type.Literal('other')]);
export type MachineKind = Static<typeof MachineKind>;

/** A machine's verdict and evidence as of the draw; later snapshots do not reach it. */
export const FrozenMachine = Type.Object({
  /** Reporting, silent past the window, or never judged, at the draw. */
  state: Type.Union([Type.Literal('reporting'), Type.Literal('stale'), Type.Literal('pending')]),
  lastSeen: Nullable(Type.String()),
  user: Nullable(Type.String()),
  assetNumber: Nullable(Type.String()),
  machine: Nullable(Machine),
  os: Nullable(OperatingSystem),
  office: Type.Array(OfficeSuite),
  antivirus: Type.Array(Antivirus),
  /** With its findings' plain words and facts, the snapshot it rests on and when that was measured. */
  verdict: Nullable(Verdict),
});
export type FrozenMachine = Static<typeof FrozenMachine>;

export const DiscrepancyCode = Type.Union([
  Type.Literal('agent-missing'),
  Type.Literal('agent-stopped'),
  Type.Literal('not-enrolled'),
  Type.Literal('scan-finds-more'),
  Type.Literal('unreported-software'),
  Type.Literal('label-mismatch'),
  Type.Literal('hardware-mismatch'),
]);
export type DiscrepancyCode = Static<typeof DiscrepancyCode>;

/** What was seen on site and what the agent reported disagree: a finding of its own. */
export const Discrepancy = Type.Object({
  code: DiscrepancyCode,
  message: Type.String(),
  messageZh: Type.String(),
  facts: Type.Array(Type.String()),
});
export type Discrepancy = Static<typeof Discrepancy>;

const Remark = Nullable(Type.String({ maxLength: 500 }));
const SoftwareName = Type.String({ minLength: 1, maxLength: 200 });

/** What the inspector records at one PC. Absent fields are `not-checked`, no software, no remark. */
export const OnSiteRecordInput = Type.Object(
  {
    /** The OEM label or the licence document matches what the agent reported. */
    labelMatches: Type.Optional(Tristate),
    agentPresent: Type.Optional(Tristate),
    /** The agent runs and has reported lately (its status, the tray, the service). */
    agentReporting: Type.Optional(Tristate),
    /** Software seen on the PC that the agent did not report. */
    unreported: Type.Optional(Type.Array(SoftwareName, { maxItems: 100 })),
    remark: Type.Optional(Remark),
  },
  { additionalProperties: false },
);
export type OnSiteRecordInput = Static<typeof OnSiteRecordInput>;

export const OnSiteRecord = Type.Object({
  labelMatches: Tristate,
  agentPresent: Tristate,
  agentReporting: Tristate,
  unreported: Type.Array(Type.String()),
  remark: Nullable(Type.String()),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
export type OnSiteRecord = Static<typeof OnSiteRecord>;

/** The unit's own checks: the software ledger (台账) and the licence documents (授权文件). */
export const UnitChecksInput = Type.Object(
  { ledger: Type.Optional(Tristate), documents: Type.Optional(Tristate), remark: Type.Optional(Remark) },
  { additionalProperties: false },
);
export type UnitChecksInput = Static<typeof UnitChecksInput>;

export const UnitChecks = Type.Object({
  ledger: Tristate,
  documents: Tristate,
  remark: Nullable(Type.String()),
  recordedAt: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
});
export type UnitChecks = Static<typeof UnitChecks>;

export const MatchedBy = Type.Union([Type.Literal('hardwareUuid'), Type.Literal('serial'), Type.Literal('machineId'), Type.Literal('hostname')]);
export type MatchedBy = Static<typeof MatchedBy>;

/** A scan the inspector's kit made at the PC, as attached (its snapshot is kept whole in the store). */
export const OnSiteScan = Type.Object({
  inspector: Type.String(),
  signedAt: Type.String(),
  envelopeSha256: Type.String(),
  /** How it was matched to the machine (a sampled one, or for a pick the collector's); null for a PC the collector does not know. */
  matchedBy: Nullable(MatchedBy),
  attachedAt: Type.String(),
  collectedAt: Type.String(),
  hostname: Type.String(),
  os: OperatingSystem,
  office: Type.Array(OfficeSuite),
  antivirus: Type.Array(Antivirus),
  verdict: Verdict,
});
export type OnSiteScan = Static<typeof OnSiteScan>;

export const SpotCheckMachine = Type.Object({
  /** 序号 on the form. */
  no: Type.Integer({ minimum: 1 }),
  /** Drawn at random, or picked on site (a kit's scan that matched no drawn machine). */
  origin: Type.Union([Type.Literal('drawn'), Type.Literal('on-site')]),
  /** The collector's machine (agent) id; null for a PC the collector does not know. */
  machineId: Nullable(Type.String()),
  hostname: Type.String(),
  unitId: Type.Integer(),
  unit: Type.String(),
  kind: MachineKind,
  identity: Type.Object({ hardwareUuid: Nullable(Type.String()), serial: Nullable(Type.String()), machineId: Nullable(Type.String()) }),
  frozenAt: Nullable(Type.String()),
  frozen: Nullable(FrozenMachine),
  record: Nullable(OnSiteRecord),
  scan: Nullable(OnSiteScan),
  /** Agent problems first: removing or stopping the agent is the first evasion tried. */
  discrepancies: Type.Array(Discrepancy),
  /** As the grade counts it: unauthorized if the frozen verdict or the scan says so. */
  status: Type.Union([Type.Literal('licensed'), Type.Literal('unauthorized'), Type.Literal('unknown')]),
});
export type SpotCheckMachine = Static<typeof SpotCheckMachine>;

export const Stratum = Type.Object({ unitId: Type.Integer(), unit: Type.String(), kind: MachineKind, population: Type.Integer(), drawn: Type.Integer() });
export type Stratum = Static<typeof Stratum>;

export const SpotCheckSummary = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unit: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  ratio: Type.Number(),
  min: Type.Integer(),
  seed: Type.String(),
  /** Machines of the unit's subtree at the draw. */
  population: Type.Integer(),
  /** Machines in the spot check: drawn and picked on site. */
  sampled: Type.Integer(),
  recheckOf: Nullable(Type.Integer()),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  grade: GradeResult,
});
export type SpotCheckSummary = Static<typeof SpotCheckSummary>;

const MachineRef = Type.Object({ no: Type.Integer(), hostname: Type.String(), machineId: Nullable(Type.String()) });
export type MachineRef = Static<typeof MachineRef>;

/** A re-check against the spot check it follows: grades and machines fixed, still failing, newly failing. */
export const RecheckComparison = Type.Object({
  of: Type.Integer(),
  before: GradeResult,
  after: GradeResult,
  fixed: Type.Array(MachineRef),
  stillFailing: Type.Array(MachineRef),
  newlyFailing: Type.Array(MachineRef),
  /** Differed on site in the first, not yet checked on site in the re-check. */
  pending: Type.Array(MachineRef),
  /** In the first spot check, no longer in the unit's subtree (moved away, or never scanned again). */
  gone: Type.Array(MachineRef),
});
export type RecheckComparison = Static<typeof RecheckComparison>;

export const SpotCheckView = Type.Object({
  ...SpotCheckSummary.properties,
  grading: GradingRules,
  strata: Type.Array(Stratum),
  machines: Type.Array(SpotCheckMachine),
  unitChecks: UnitChecks,
  recheck: Nullable(RecheckComparison),
});
export type SpotCheckView = Static<typeof SpotCheckView>;

export const SpotCheckList = Type.Object({ spotChecks: Type.Array(SpotCheckSummary) });
export type SpotCheckList = Static<typeof SpotCheckList>;

export const SpotCheckCreate = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 200 }),
    /** The share of the machines to draw, over 0 and at most 1 (0.1 is 10%); not with `recheckOf`. */
    ratio: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    /** Never fewer machines than this in all (at most the population). */
    min: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    /** The same seed and population draw the same machines; one is made when absent. */
    seed: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' })),
    /** A re-check of that spot check: the same machines, frozen again now. */
    recheckOf: Type.Optional(Type.Integer({ minimum: 1 })),
    /** The rules that grade this spot check; the default ones when absent. */
    grading: Type.Optional(GradingRules),
  },
  { additionalProperties: false },
);
export type SpotCheckCreate = Static<typeof SpotCheckCreate>;
