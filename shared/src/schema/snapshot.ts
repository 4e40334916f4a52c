import { Type, type Static, type TProperties } from 'typebox';
import { Activation } from './activation.js';
import { Observations } from './observations.js';
import { Closed, OptText, Text } from './text.js';

/**
 * The snapshot format the agent sends. Every object is closed: a field the schema does
 * not name is refused, so a format change is a new version, never a loose object.
 * 1: the first format. 2: adds `observations` (services, tasks, processes, files and
 * registry values an activator may leave). The collector reads both.
 */
export const SCHEMA_VERSION = 2;
export const SCHEMA_VERSIONS = [1, 2] as const;

export const Chassis = Type.Union([
  Type.Literal('desktop'),
  Type.Literal('laptop'),
  Type.Literal('server'),
  Type.Literal('virtual'),
  Type.Literal('other'),
  Type.Literal('unknown'),
]);
export type Chassis = Static<typeof Chassis>;

export const Machine = Closed({
  hostname: Text(255),
  chassis: Chassis,
  /** What the chassis was read from, e.g. `dmi chassis type 3 (Desktop)`, `systemd-detect-virt kvm`. */
  chassisSource: OptText(200),
  manufacturer: OptText(200),
  model: OptText(200),
  serial: OptText(200),
  /** Hardware UUID (SMBIOS), when readable. */
  hardwareUuid: OptText(100),
  /** OS installation id (machine-id, MachineGuid). */
  machineId: OptText(100),
  cpu: OptText(200),
  cpuCores: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  memoryBytes: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  macAddresses: Type.Optional(Type.Array(Text(32), { maxItems: 64 })),
});
export type Machine = Static<typeof Machine>;

export const OsFamily = Type.Union([
  Type.Literal('windows'),
  Type.Literal('linux'),
  Type.Literal('macos'),
  Type.Literal('other'),
]);
export type OsFamily = Static<typeof OsFamily>;

export const OperatingSystem = Closed({
  family: OsFamily,
  /** Human name: `Debian GNU/Linux 12 (bookworm)`, `Microsoft Windows 10 Pro`. */
  name: Text(200),
  /** Machine id of the distribution or product: os-release `ID`, `windows`, `macos`. */
  id: Text(100),
  idLike: Type.Optional(Type.Array(Text(100), { maxItems: 16 })),
  version: OptText(100),
  build: OptText(100),
  edition: OptText(200),
  codename: OptText(100),
  kernel: OptText(200),
  arch: Text(50),
  activation: Activation,
});
export type OperatingSystem = Static<typeof OperatingSystem>;

/** Installed for the whole machine, or in one user's profile (HKU, LOCALAPPDATA). */
export const InstallScope = Type.Union([Type.Literal('machine'), Type.Literal('user')]);
export type InstallScope = Static<typeof InstallScope>;

export const OfficeSuite = Closed({
  name: Text(300),
  vendor: OptText(200),
  version: OptText(100),
  /** `Professional Plus 2016`, `personal`, `professional` (WPS) … as the product names it. */
  edition: OptText(200),
  /** Bitness of the suite itself (`x86` on 64-bit Windows is common). */
  arch: OptText(20),
  scope: Type.Optional(InstallScope),
  /** The SID of the profile for a per-user install; never the user's name. */
  userSid: OptText(200),
  /** Product ids as the installer names them (Click-to-Run `ProductReleaseIds`). */
  products: Type.Optional(Type.Array(Text(200), { maxItems: 50 })),
  /** WPS and others: whether a licence serial is installed (not whether it is valid). */
  serialInstalled: Type.Optional(Type.Boolean()),
  /** Where it was found: `dpkg:libreoffice-core`, `registry:ClickToRun` … */
  source: Text(300),
  activation: Activation,
});
export type OfficeSuite = Static<typeof OfficeSuite>;

export const Antivirus = Closed({
  name: Text(300),
  vendor: OptText(200),
  version: OptText(100),
  /** Real-time protection on; null when the product does not tell. */
  enabled: Type.Union([Type.Boolean(), Type.Null()]),
  /** Definitions up to date; null when the product does not tell. */
  upToDate: Type.Union([Type.Boolean(), Type.Null()]),
  /** `microsoft` for Defender, `third-party` otherwise, when the source tells. */
  owner: Type.Optional(Type.Union([Type.Literal('microsoft'), Type.Literal('third-party')])),
  /** The product's own state word: `on`, `off`, `snoozed`, `expired`, `running`, `passive` … */
  state: OptText(50),
  source: Text(300),
  activation: Type.Optional(Activation),
});
export type Antivirus = Static<typeof Antivirus>;

export const SoftwareItem = Closed({
  name: Text(500),
  version: OptText(200),
  publisher: OptText(300),
  arch: OptText(50),
  /** ISO date (YYYY-MM-DD) or date-time when the inventory tells it. */
  installDate: OptText(40),
  sizeBytes: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  /** Inventory it came from: `dpkg`, `rpm`, `registry:HKLM`, `macos:applications` … */
  source: Text(100),
  scope: Type.Optional(InstallScope),
  userSid: OptText(200),
  /** Windows `SystemComponent=1`: hidden from Programs and Features, still installed. */
  systemComponent: Type.Optional(Type.Boolean()),
});
export type SoftwareItem = Static<typeof SoftwareItem>;

/** A trace that points at unlicensed use, e.g. a crack activator; the evidence is quoted as found. */
export const Indicator = Closed({
  /** Stable name of the trace: `kms-loopback`, `kms-vl-all-hook`, `ohook-sppc`, `kmspico` … */
  kind: Text(100),
  /** What the trace concerns, so the verdict files it under the right category. */
  category: Type.Optional(Type.Union([Type.Literal('os'), Type.Literal('office'), Type.Literal('antivirus'), Type.Literal('other')])),
  description: Text(500),
  evidence: Type.Array(Text(1000), { maxItems: 50 }),
});
export type Indicator = Static<typeof Indicator>;

/** A collector that failed: the rest of the snapshot still arrives. */
export const CollectionError = Closed({
  source: Text(100),
  code: Text(100),
  message: Text(2000),
});
export type CollectionError = Static<typeof CollectionError>;

export const AgentInfo = Closed({
  version: Text(50),
  platform: Text(50),
  arch: Text(50),
  nodeVersion: Text(50),
});
export type AgentInfo = Static<typeof AgentInfo>;

/** What every version has. */
const SNAPSHOT_BODY = {
  snapshotId: Type.String({ format: 'uuid' }),
  /** null until the agent is enrolled (a local `scan`). */
  agentId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  /** Monotonic per agent; the collector refuses a seq not above the last one stored. A safe integer, so it can always grow by one. */
  seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER - 1 }),
  collectedAt: Type.String({ format: 'date-time' }),
  agent: AgentInfo,
  machine: Machine,
  os: OperatingSystem,
  office: Type.Array(OfficeSuite, { maxItems: 100 }),
  antivirus: Type.Array(Antivirus, { maxItems: 100 }),
  software: Type.Array(SoftwareItem, { maxItems: 20000 }),
  indicators: Type.Array(Indicator, { maxItems: 500 }),
  collectionErrors: Type.Array(CollectionError, { maxItems: 500 }),
} satisfies TProperties;

/** The current format (2). */
export const Snapshot = Closed({
  schemaVersion: Type.Literal(SCHEMA_VERSION),
  ...SNAPSHOT_BODY,
  /** What runs and lies on the PC beyond the Uninstall list; Windows agents send it. */
  observations: Type.Optional(Observations),
});
export type Snapshot = Static<typeof Snapshot>;

/** Format 1, still sent by agents installed before format 2. */
export const SnapshotV1 = Closed({
  schemaVersion: Type.Literal(1),
  ...SNAPSHOT_BODY,
});
export type SnapshotV1 = Static<typeof SnapshotV1>;

/** A snapshot of any format the collector reads. */
export type AnySnapshot = Snapshot | SnapshotV1;
