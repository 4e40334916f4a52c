import { Type, type Static } from 'typebox';

/** What an import did with a bundle; the CLI prints it and `POST /imports` answers it. */
const Refusal = Type.Object({
  /** Line in the bundle (1 is the manifest). */
  line: Type.Integer(),
  agentId: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  message: Type.String(),
});

const Replay = Type.Object({
  line: Type.Integer(),
  agentId: Type.String(),
  seq: Type.Integer(),
  message: Type.String(),
});

const Enrolled = Type.Object({
  agentId: Type.String(),
  hostname: Type.String(),
  unit: Type.String(),
});

const Inspection = Type.Object({
  line: Type.Integer(),
  spotCheckId: Type.Union([Type.Integer(), Type.Null()]),
  hostname: Type.String(),
  /** How the scan was matched to a sampled machine: hardwareUuid, serial, machineId, hostname, or none (an on-site pick). */
  matchedBy: Type.String(),
  status: Type.String(),
});

const NotSeen = Type.Object({
  agentId: Type.String(),
  hostname: Type.String(),
  unit: Type.String(),
  lastSeen: Type.Union([Type.String(), Type.Null()]),
});

const EarlierImport = Type.Object({
  id: Type.Integer(),
  importedAt: Type.String(),
  actor: Type.String(),
  fileName: Type.String(),
});

export const ImportReport = Type.Object({
  importId: Type.Integer(),
  fileName: Type.String(),
  sha256: Type.String(),
  network: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  /** False when the lines do not match the manifest's count or SHA-256: cut short or changed after it was written. */
  intact: Type.Boolean(),
  problems: Type.Array(Type.String()),
  /** Imports of a bundle with the same manifest before this one: it was carried in again. */
  earlier: Type.Array(EarlierImport),
  entries: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  enrolled: Type.Array(Enrolled),
  /** Enrollment requests of machines already registered (every offline bundle carries one). */
  enrollmentsKnown: Type.Integer(),
  /** Snapshots at or below a seq the machine already reported, not stored before: an old bundle replayed. */
  replayed: Type.Array(Replay),
  /** More replays than listed. */
  replayedTotal: Type.Integer(),
  refused: Type.Array(Refusal),
  /** More refusals than listed. */
  refusedTotal: Type.Integer(),
  inspections: Type.Array(Inspection),
  /** The network's machines enrolled offline that this bundle did not bring. */
  notSeen: Type.Array(NotSeen),
  seconds: Type.Number(),
});
export type ImportReport = Static<typeof ImportReport>;

export const ImportSummary = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  sha256: Type.String(),
  network: Type.String(),
  createdBy: Type.String(),
  importedAt: Type.String(),
  actor: Type.String(),
  entries: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  refused: Type.Integer(),
});
export type ImportSummary = Static<typeof ImportSummary>;
