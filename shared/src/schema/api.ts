import { Type, type Static } from 'typebox';
import { Chassis } from './snapshot.js';
import { Closed } from './text.js';
import { Verdict, VerdictStatus } from './verdict.js';

export const API_PREFIX = '/api/v1';
/** Headers that carry the agent id and the signature of the exact body bytes. */
export const HEADER_AGENT = 'x-zhengban-agent';
export const HEADER_SIGNATURE = 'x-zhengban-signature';

/** Every 4xx and 5xx answer of the collector. */
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const EnrollRequest = Closed({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  /** SPKI PEM of the agent's Ed25519 public key. */
  publicKey: Type.String({ minLength: 1, maxLength: 1000 }),
  hostname: Type.String({ minLength: 1, maxLength: 255 }),
  hardwareUuid: Type.Optional(Type.String({ maxLength: 100 })),
  machineId: Type.Optional(Type.String({ maxLength: 100 })),
  serial: Type.Optional(Type.String({ maxLength: 200 })),
  agentVersion: Type.Optional(Type.String({ maxLength: 50 })),
});
export type EnrollRequest = Static<typeof EnrollRequest>;

export const EnrollResponse = Type.Object({
  agentId: Type.String(),
  unit: Type.String(),
});
export type EnrollResponse = Static<typeof EnrollResponse>;

/** Answer to an accepted snapshot; the same snapshotId sent again gets the same answer. */
export const IngestResponse = Type.Object({
  snapshotId: Type.String(),
  agentId: Type.String(),
  seq: Type.Integer(),
  duplicate: Type.Boolean(),
  verdict: Verdict,
});
export type IngestResponse = Static<typeof IngestResponse>;

export const MachineStatus = Type.Union([VerdictStatus, Type.Literal('pending')]);
export type MachineStatus = Static<typeof MachineStatus>;

export const MachineSummary = Type.Object({
  machineId: Type.String(),
  hostname: Type.String(),
  unit: Type.String(),
  status: MachineStatus,
  /** Not heard from within the expected reporting interval. */
  stale: Type.Boolean(),
  chassis: Type.Union([Chassis, Type.Null()]),
  os: Type.Union([Type.String(), Type.Null()]),
  lastSeen: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** 使用人 and 资产编号, as an admin set them (the agent cannot measure either); null until set. */
  user: Type.Union([Type.String(), Type.Null()]),
  assetNumber: Type.Union([Type.String(), Type.Null()]),
  /** The address the last snapshot came from, as the collector saw it; null before one. */
  ip: Type.Union([Type.String(), Type.Null()]),
});
export type MachineSummary = Static<typeof MachineSummary>;

export const MachineList = Type.Object({
  machines: Type.Array(MachineSummary),
  total: Type.Integer(),
});
export type MachineList = Static<typeof MachineList>;
