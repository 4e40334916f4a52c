import { Type, type Static } from 'typebox';
import { Verdict } from '@zhengban/shared';
import { Nullable } from './common.js';

/** What made the collector judge a machine again. */
export const VerdictTrigger = Type.Union([
  Type.Literal('snapshot'),
  Type.Literal('licence'),
  Type.Literal('catalog'),
  Type.Literal('list'),
  Type.Literal('unit'),
  Type.Literal('move'),
  Type.Literal('seat'),
  Type.Literal('manual'),
]);
export type VerdictTrigger = Static<typeof VerdictTrigger>;

/** One entry of a machine's verdict history: stored only when the verdict changed. */
export const VerdictRecord = Type.Object({
  id: Type.Integer(),
  snapshotId: Type.String(),
  trigger: VerdictTrigger,
  triggerDetail: Nullable(Type.String()),
  verdict: Verdict,
});
export type VerdictRecord = Static<typeof VerdictRecord>;
export const VerdictHistory = Type.Object({ verdicts: Type.Array(VerdictRecord) });

export const SoftwareChangeKind = Type.Union([Type.Literal('installed'), Type.Literal('removed'), Type.Literal('changed')]);
export type SoftwareChangeKind = Static<typeof SoftwareChangeKind>;

/** Software that appeared, disappeared or changed version between two snapshots of a machine. */
export const SoftwareChange = Type.Object({
  id: Type.Integer(),
  snapshotId: Type.String(),
  previousSnapshotId: Type.String(),
  at: Type.String({ format: 'date-time' }),
  change: SoftwareChangeKind,
  name: Type.String(),
  publisher: Nullable(Type.String()),
  versionBefore: Nullable(Type.String()),
  versionAfter: Nullable(Type.String()),
});
export type SoftwareChange = Static<typeof SoftwareChange>;
export const SoftwareChanges = Type.Object({ changes: Type.Array(SoftwareChange) });

export const AuditView = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  action: Type.String(),
  target: Nullable(Type.String()),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export const AuditList = Type.Object({ entries: Type.Array(AuditView) });
