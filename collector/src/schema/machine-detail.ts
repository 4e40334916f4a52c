import { Type, type Static } from 'typebox';
import { Antivirus, Machine, MachineSummary, OfficeSuite, OperatingSystem, Verdict } from '@zhengban/shared';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/**
 * One machine for an inspector: who it is, what it runs, and why it was judged so.
 * Collector-only for now; it moves to shared when a client needs the type.
 */
export const MachineDetail = Type.Object({
  ...MachineSummary.properties,
  enrolledAt: Type.String({ format: 'date-time' }),
  lastSeq: Nullable(Type.Integer()),
  lastSnapshotId: Nullable(Type.String()),
  softwareCount: Type.Integer({ minimum: 0 }),
  /** What the agent said about itself when it enrolled. */
  enrollment: Type.Object({
    hardwareUuid: Nullable(Type.String()),
    machineId: Nullable(Type.String()),
    serial: Nullable(Type.String()),
    agentVersion: Nullable(Type.String()),
  }),
  /** From the latest snapshot; null until the first one arrives. */
  machine: Nullable(Machine),
  os: Nullable(OperatingSystem),
  office: Type.Array(OfficeSuite),
  antivirus: Type.Array(Antivirus),
  /** The latest verdict, whose findings quote the facts they rest on. */
  verdict: Nullable(Verdict),
});
export type MachineDetail = Static<typeof MachineDetail>;

/**
 * The longest user name (使用人) and asset number (资产编号), in characters after trimming:
 * a person's name, or a code from an asset ledger, with room to spare.
 */
export const LABEL_LIMITS = { user: 50, assetNumber: 64 } as const;

/**
 * What an admin sets on a machine. An absent field is left as it is; null or "" clears it.
 * Values are trimmed, and may not hold control or other invisible characters.
 */
export const MachinePatch = Type.Object(
  {
    user: Type.Optional(Nullable(Type.String({ maxLength: LABEL_LIMITS.user }))),
    assetNumber: Type.Optional(Nullable(Type.String({ maxLength: LABEL_LIMITS.assetNumber }))),
  },
  { additionalProperties: false },
);
export type MachinePatch = Static<typeof MachinePatch>;
