import { Type, type Static } from 'typebox';
import { DateOnly, Nullable, RejudgeSummary } from './common.js';

/**
 * How a licence was acquired, which decides how it is counted:
 * - `oem`, `retail`, `mak`: one seat per machine;
 * - `kms`: volume licence activated through the organisation's KMS hosts (`kmsHosts`),
 *   which covers only installs activated through one of them;
 * - `subscription`: seats for a period (`validUntil` required);
 * - `site`: every machine in the scope, seats unlimited;
 * - `network`: 网络版, bought and counted as one set serving `seats` clients (or unlimited);
 * - `open-source`, `free`: recorded for the ledger, never short of seats.
 */
export const LicenceModel = Type.Union([
  Type.Literal('oem'),
  Type.Literal('retail'),
  Type.Literal('mak'),
  Type.Literal('kms'),
  Type.Literal('subscription'),
  Type.Literal('site'),
  Type.Literal('network'),
  Type.Literal('open-source'),
  Type.Literal('free'),
]);
export type LicenceModel = Static<typeof LicenceModel>;

const Text = (max: number) => Type.String({ maxLength: max });
/** A version as the catalog reads releases: `10`, `2019`, `V10`. */
const Release = Type.String({ minLength: 1, maxLength: 30 });

export const LicenceInput = Type.Object(
  {
    productId: Type.String({ minLength: 2, maxLength: 60 }),
    /** A catalog edition id; null or absent: any edition. */
    edition: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 60 }))),
    versionFrom: Type.Optional(Nullable(Release)),
    versionTo: Type.Optional(Nullable(Release)),
    /** Downgrade rights: also covers releases older than `versionFrom`. */
    downgrade: Type.Optional(Type.Boolean()),
    model: LicenceModel,
    kmsHosts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 20 })),
    /** null: unlimited. */
    seats: Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    /** The licence covers machines of this unit and the units below it. */
    unitId: Type.Integer({ minimum: 1 }),
    validFrom: Type.Optional(Nullable(DateOnly)),
    validUntil: Type.Optional(Nullable(DateOnly)),
    vendor: Type.Optional(Nullable(Text(200))),
    purchaseOrder: Type.Optional(Nullable(Text(100))),
    /** Total price in yuan, to the fen. */
    price: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e11, multipleOf: 0.01 }))),
    notes: Type.Optional(Nullable(Text(2000))),
  },
  { additionalProperties: false },
);
export type LicenceInput = Static<typeof LicenceInput>;

export const LicencePatch = Type.Partial(LicenceInput, { additionalProperties: false });
export type LicencePatch = Static<typeof LicencePatch>;

/** The licence document (授权文本) as stored: its bytes are fetched separately. */
export const LicenceDocumentInfo = Type.Object({
  fileName: Type.String(),
  mediaType: Type.String(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  size: Type.Integer({ minimum: 0 }),
  storedAt: Type.String({ format: 'date-time' }),
  storedBy: Type.String(),
});
export type LicenceDocumentInfo = Static<typeof LicenceDocumentInfo>;

export const LicenceDocumentUpload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    mediaType: Type.String({ minLength: 3, maxLength: 100, pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
    /** The file, base64; at most 10 MiB once decoded. */
    contentBase64: Type.String({ minLength: 1, maxLength: 14_000_000 }),
  },
  { additionalProperties: false },
);
export type LicenceDocumentUpload = Static<typeof LicenceDocumentUpload>;

export const LicenceView = Type.Object({
  id: Type.Integer(),
  productId: Type.String(),
  product: Type.String(),
  edition: Nullable(Type.String()),
  versionFrom: Nullable(Type.String()),
  versionTo: Nullable(Type.String()),
  downgrade: Type.Boolean(),
  model: LicenceModel,
  kmsHosts: Type.Array(Type.String()),
  seats: Nullable(Type.Integer()),
  /** Seats after disposals (转让, 捐赠, 调剂, 报废); null: unlimited. */
  effectiveSeats: Nullable(Type.Integer()),
  unitId: Type.Integer(),
  unit: Type.String(),
  validFrom: Nullable(DateOnly),
  validUntil: Nullable(DateOnly),
  vendor: Nullable(Type.String()),
  purchaseOrder: Nullable(Type.String()),
  price: Nullable(Type.Number()),
  notes: Nullable(Type.String()),
  document: Nullable(LicenceDocumentInfo),
  /** Machines holding a seat now. */
  allocated: Type.Integer({ minimum: 0 }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type LicenceView = Static<typeof LicenceView>;

export const LicenceList = Type.Object({ licences: Type.Array(LicenceView), total: Type.Integer() });
export type LicenceList = Static<typeof LicenceList>;

export const LicenceWriteResult = Type.Object({ licence: LicenceView, rejudged: RejudgeSummary });

export const LicenceEventKind = Type.Union([
  Type.Literal('purchase'),
  Type.Literal('install'),
  Type.Literal('upgrade'),
  Type.Literal('renewal'),
  Type.Literal('disposal'),
]);
export type LicenceEventKind = Static<typeof LicenceEventKind>;

/** 转让 transfer, 捐赠 donation, 调剂 reallocation to another unit, 报废 scrapping. */
export const DisposalKind = Type.Union([
  Type.Literal('transfer'),
  Type.Literal('donation'),
  Type.Literal('reallocation'),
  Type.Literal('scrap'),
]);
export type DisposalKind = Static<typeof DisposalKind>;

/**
 * A dated event in a licence's life. What it changes: `renewal` sets `validUntil`;
 * `upgrade` sets `versionTo`; `disposal` takes `seats` away (all of them when absent),
 * and a `reallocation` gives them to `toUnitId` as a new licence.
 */
export const LicenceEventInput = Type.Object(
  {
    kind: LicenceEventKind,
    disposal: Type.Optional(DisposalKind),
    date: DateOnly,
    seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    toUnitId: Type.Optional(Type.Integer({ minimum: 1 })),
    validUntil: Type.Optional(DateOnly),
    versionTo: Type.Optional(Release),
    notes: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type LicenceEventInput = Static<typeof LicenceEventInput>;

export const LicenceEvent = Type.Object({
  id: Type.Integer(),
  licenceId: Type.Integer(),
  kind: LicenceEventKind,
  disposal: Nullable(DisposalKind),
  date: DateOnly,
  seats: Nullable(Type.Integer()),
  toUnitId: Nullable(Type.Integer()),
  validUntil: Nullable(DateOnly),
  versionTo: Nullable(Type.String()),
  /** The licence a reallocation created in the receiving unit. */
  createdLicenceId: Nullable(Type.Integer()),
  notes: Nullable(Type.String()),
  actor: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type LicenceEvent = Static<typeof LicenceEvent>;

export const LicenceEventList = Type.Object({ events: Type.Array(LicenceEvent) });

export const LicenceImportResult = Type.Object({
  created: Type.Integer({ minimum: 0 }),
  licences: Type.Array(Type.Integer()),
  rejudged: RejudgeSummary,
});
