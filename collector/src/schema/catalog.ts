import { Type, type Static } from 'typebox';
import { Category } from '@zhengban/shared';
import { Nullable, Pattern, RejudgeSummary } from './common.js';

/**
 * What a product asks of a unit that runs it:
 * - `commercial`: every install needs a licence from the registry;
 * - `free-for-orgs`: free, organisations included (Apple iWork, Foxit Reader);
 * - `personal-use-only`: free or sold for individuals only, never valid on a unit's PC
 *   (WPS personal, Windows Home, Office Home & Student, consumer antivirus);
 * - `open-source`: an open-source licence (LibreOffice, Debian, ClamAV);
 * - `bundled`: licensed with the OS or the hardware (Defender, XProtect, macOS on a Mac);
 * - `crack-tool`: a crack activator or a KMS emulator: any trace of it on a unit's PC is
 *   a `crack-activator` finding, and the PC is never licensed. Its category is what it
 *   fakes the licence of (`os` or `office`).
 */
export const LicenceRequirement = Type.Union([
  Type.Literal('commercial'),
  Type.Literal('free-for-orgs'),
  Type.Literal('personal-use-only'),
  Type.Literal('open-source'),
  Type.Literal('bundled'),
  Type.Literal('crack-tool'),
]);
export type LicenceRequirement = Static<typeof LicenceRequirement>;

/**
 * What a crack tool leaves besides an Uninstall entry, as the agent observes it (snapshot
 * `observations`, and the KMS hosts of licences and of the licensing registry keys).
 * Only `crack-tool` products have rules on these.
 */
export const TraceSubject = Type.Union([
  Type.Literal('service'),
  Type.Literal('task'),
  Type.Literal('process'),
  Type.Literal('file'),
  Type.Literal('registry'),
  Type.Literal('kms-host'),
]);
export type TraceSubject = Static<typeof TraceSubject>;
export const TRACE_SUBJECTS: readonly TraceSubject[] = ['service', 'task', 'process', 'file', 'registry', 'kms-host'];

/**
 * Which of the snapshot's lists a rule reads: the OS, office suites, antivirus products,
 * installed software (Uninstall entries, packages), or one of the trace subjects.
 */
export const MatchSubject = Type.Union([
  Type.Literal('os'),
  Type.Literal('office'),
  Type.Literal('antivirus'),
  Type.Literal('software'),
  ...TraceSubject.anyOf,
]);
export type MatchSubject = Static<typeof MatchSubject>;

/**
 * One way of recognising a product in the facts. Every pattern given must match
 * (case-insensitive regular expressions); `name` is the product's reported name,
 * `publisher` its publisher or vendor, `osId` the os-release ID (os rules only). On the
 * trace subjects `name` is a service's name, a task's `\Folder\Name`, a process's file
 * name, a file's or folder's full path, a registry value's `key\name`, or a KMS host;
 * `path` is a service's or task's command line, `value` a registry value.
 */
export const MatchRule = Type.Object(
  {
    /** Stable id, `<product>/<what>`, e.g. `windows/client-name`; tests and overrides name rules by it. */
    id: Type.String({ minLength: 3, maxLength: 100, pattern: '^[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*$' }),
    on: MatchSubject,
    name: Type.Optional(Pattern),
    publisher: Type.Optional(Pattern),
    version: Type.Optional(Pattern),
    edition: Type.Optional(Pattern),
    osId: Type.Optional(Pattern),
    /** Patterns that must NOT match the name, for look-alikes (`Windows Server` under a client rule). */
    notName: Type.Optional(Pattern),
    path: Type.Optional(Pattern),
    value: Type.Optional(Pattern),
  },
  { additionalProperties: false },
);
export type MatchRule = Static<typeof MatchRule>;

/** An edition of a product, found from the reported edition or, failing that, the name. */
export const CatalogEdition = Type.Object(
  {
    /** Stable id a licence names, e.g. `pro`, `professional-plus`. */
    id: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    pattern: Pattern,
    /** Overrides the product's requirement for this edition (Windows Home: personal-use-only). */
    licence: Type.Optional(LicenceRequirement),
  },
  { additionalProperties: false },
);
export type CatalogEdition = Static<typeof CatalogEdition>;

/**
 * How a release (the version a licence speaks of: `10`, `2019`, `V10`) is read: the first
 * capture group of `pattern` applied to the field, then mapped (`16` → `2016`) if `map` says so.
 */
export const ReleaseRule = Type.Object(
  {
    from: Type.Union([Type.Literal('name'), Type.Literal('version'), Type.Literal('edition')]),
    pattern: Pattern,
    map: Type.Optional(Type.Record(Type.String({ maxLength: 30 }), Type.String({ maxLength: 30 }))),
  },
  { additionalProperties: false },
);
export type ReleaseRule = Static<typeof ReleaseRule>;

const ProductId = Type.String({ minLength: 2, maxLength: 60, pattern: '^[a-z0-9][a-z0-9.-]*$' });

export const CatalogProduct = Type.Object(
  {
    id: ProductId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    category: Category,
    vendor: Type.String({ minLength: 1, maxLength: 200 }),
    vendorZh: Type.Optional(Type.String({ maxLength: 200 })),
    /** 国产: made by a Chinese vendor, which the campaign prefers where suitable. */
    domestic: Type.Boolean(),
    licence: LicenceRequirement,
    editions: Type.Optional(Type.Array(CatalogEdition, { maxItems: 60 })),
    release: Type.Optional(Type.Array(ReleaseRule, { maxItems: 10 })),
    rules: Type.Array(MatchRule, { minItems: 1, maxItems: 50 }),
    /** Why the product is classed as it is, for the reader of the catalog. */
    notes: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CatalogProduct = Static<typeof CatalogProduct>;

/**
 * An admin's change to a built-in product: fields replaced, rules added or switched
 * off by id. A product an admin creates is stored whole instead.
 */
export const CatalogOverride = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    vendor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    domestic: Type.Optional(Type.Boolean()),
    licence: Type.Optional(LicenceRequirement),
    addRules: Type.Optional(Type.Array(MatchRule, { maxItems: 50 })),
    disableRules: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    notes: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CatalogOverride = Static<typeof CatalogOverride>;

/** A product as the API shows it: where it came from and whether an admin changed it. */
export const CatalogProductView = Type.Object({
  ...CatalogProduct.properties,
  origin: Type.Union([Type.Literal('built-in'), Type.Literal('overridden'), Type.Literal('custom')]),
  override: Nullable(CatalogOverride),
});
export type CatalogProductView = Static<typeof CatalogProductView>;

export const CatalogView = Type.Object({
  /** Built-in version plus the local revision: `2026.12-1+local.3`. */
  version: Type.String(),
  products: Type.Array(CatalogProductView),
});
export type CatalogView = Static<typeof CatalogView>;

export const CatalogWriteResult = Type.Object({ product: CatalogProductView, rejudged: RejudgeSummary });
