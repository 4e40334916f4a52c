import { Type, type Static } from 'typebox';
import { EnrollRequest } from '../schema/api.js';
import { Closed } from '../schema/text.js';

/**
 * A bundle carries signed snapshots out of a network with no route to the collector,
 * on removable media. It is UTF-8 text, one JSON object a line: the manifest first,
 * then one entry a line. Entries are signed one by one (a relay that merges bundles
 * cannot forge any); the manifest's SHA-256 over the entry lines tells an importer
 * that the file was cut short or changed after it was written.
 */
export const BUNDLE_KIND = 'zhengban-bundle';
export const BUNDLE_VERSION = 1;

export const BundleAgentRange = Closed({
  agentId: Type.String({ minLength: 1, maxLength: 100 }),
  seqFrom: Type.Integer({ minimum: 0 }),
  seqTo: Type.Integer({ minimum: 0 }),
  count: Type.Integer({ minimum: 1 }),
});
export type BundleAgentRange = Static<typeof BundleAgentRange>;

export const BundleManifest = Closed({
  kind: Type.Literal(BUNDLE_KIND),
  version: Type.Literal(BUNDLE_VERSION),
  createdAt: Type.String({ format: 'date-time' }),
  /** Who wrote it: `agent <id>`, `merge on <host>`, `inspector <id>`. */
  createdBy: Type.String({ minLength: 1, maxLength: 300 }),
  /** The air-gapped network's name, from the offline enrollment token; '' when none was given. */
  network: Type.String({ maxLength: 200 }),
  /** Entry lines after the manifest. */
  count: Type.Integer({ minimum: 0 }),
  /** Hex SHA-256 over the entry lines, each with its '\n'. */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  /** Snapshots per agent and their seq range. */
  agents: Type.Array(BundleAgentRange),
  /** Enrollment requests and inspections carried. */
  enrollments: Type.Integer({ minimum: 0 }),
  inspections: Type.Integer({ minimum: 0 }),
});
export type BundleManifest = Static<typeof BundleManifest>;

/**
 * What an agent enrolled offline asks for: the HTTP enrollment's fields, the agent id
 * it derived from its key (offlineAgentId) and when. Signed by that key, so the
 * request proves it holds the key it registers.
 */
export const OfflineEnrollRequest = Closed({
  ...EnrollRequest.properties,
  agentId: Type.String({ minLength: 1, maxLength: 100 }),
  network: Type.String({ maxLength: 200 }),
  requestedAt: Type.String({ format: 'date-time' }),
});
export type OfflineEnrollRequest = Static<typeof OfflineEnrollRequest>;

export const EnrollmentEnvelope = Closed({
  kind: Type.Literal('enrollment'),
  agentId: Type.String({ minLength: 1, maxLength: 100 }),
  /** OfflineEnrollRequest as the exact JSON text that was signed. */
  payload: Type.String({ minLength: 2, maxLength: 20_000 }),
  signature: Type.String({ minLength: 1, maxLength: 200 }),
});
export type EnrollmentEnvelope = Static<typeof EnrollmentEnvelope>;

/**
 * A scan made by an inspector's kit on a PC that is not enrolled, signed with the
 * inspector's key. `payload` is the exact JSON text of an InspectionRecord (the kit
 * module defines it: the snapshot and the verdict the kit gave on site).
 */
export const InspectionEnvelope = Closed({
  kind: Type.Literal('inspection'),
  inspectorId: Type.String({ minLength: 1, maxLength: 100 }),
  payload: Type.String({ minLength: 2 }),
  signature: Type.String({ minLength: 1, maxLength: 200 }),
});
export type InspectionEnvelope = Static<typeof InspectionEnvelope>;

/** The token file `enrollment create --offline` writes and `zhengban-agent enroll --offline` reads. */
export const OFFLINE_TOKEN_KIND = 'zhengban-offline-enrollment';
export const OfflineEnrollmentToken = Closed({
  kind: Type.Literal(OFFLINE_TOKEN_KIND),
  version: Type.Literal(1),
  token: Type.String({ minLength: 1, maxLength: 200 }),
  unit: Type.String({ minLength: 1, maxLength: 500 }),
  network: Type.String({ maxLength: 200 }),
  expiresAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type OfflineEnrollmentToken = Static<typeof OfflineEnrollmentToken>;
