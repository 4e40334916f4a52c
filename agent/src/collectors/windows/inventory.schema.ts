import { Type, type Static, type TSchema } from 'typebox';

/**
 * The raw Windows inventory: what `resources/windows/inventory.ps1` prints as one JSON
 * document, and what the recorded-input reader builds from `reg export` and
 * `wmic … /format:list` files. Raw means as Windows answered: WMI property names and
 * values unchanged, registry value names unchanged. The parsers turn it into snapshot
 * facts; nothing here decides anything.
 *
 * Every section is optional: a query that failed leaves its section out and adds an
 * entry to `errors`. Values are nullable because WMI and the registry return nulls.
 */
const N = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Str = () => N(Type.String());
const Num = () => N(Type.Number());
const Bool = () => N(Type.Boolean());

export const INVENTORY_FORMAT = 1;

export const InventoryError = Type.Object({
  /** The part or query that failed: `licensing.products`, `antivirus.products` … */
  source: Type.String(),
  message: Type.String(),
  /**
   * `query` (the default): it was read and failed. The others mean it was not read at
   * all: `timeout` a WMI query or program did not answer in time, `deadline` the
   * scan's deadline had passed before its turn, `stopped` PowerShell was stopped (or
   * its output ended) before it.
   */
  kind: Type.Optional(Type.Union([Type.Literal('query'), Type.Literal('timeout'), Type.Literal('deadline'), Type.Literal('stopped')])),
});
export type InventoryError = Static<typeof InventoryError>;

/**
 * One user profile of ProfileList and whether its registry hive was read: already
 * loaded (`loaded`), loaded for the scan and unloaded after (`loaded-for-scan`), not
 * loadable (`not-loaded`: its per-user programs were not checked), or without a hive
 * file at all (`no-hive`: nobody can log on with it).
 */
export const UserProfile = Type.Object({
  sid: Type.String(),
  path: Str(),
  state: Type.Union([Type.Literal('loaded'), Type.Literal('loaded-for-scan'), Type.Literal('not-loaded'), Type.Literal('no-hive')]),
  message: Str(),
});
export type UserProfile = Static<typeof UserProfile>;

/** PowerShell ran the script in a language mode that is not FullLanguage (AppLocker, WDAC): nothing was read. */
export const Blocked = Type.Object({
  languageMode: Type.String(),
});

export const OsSection = Type.Object({
  // Win32_OperatingSystem
  Caption: Str(),
  Version: Str(),
  BuildNumber: Str(),
  OSArchitecture: Str(),
  /** 1 workstation, 2 domain controller, 3 server. */
  ProductType: Num(),
  OperatingSystemSKU: Num(),
  CSDVersion: Str(),
  OSLanguage: Num(),
  Locale: Str(),
  InstallDate: Str(),
  // HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion
  EditionID: Str(),
  DisplayVersion: Str(),
  ReleaseId: Str(),
  UBR: Num(),
  ProductName: Str(),
});

export const ComputerSection = Type.Object({
  Hostname: Str(),
  Domain: Str(),
  PartOfDomain: Bool(),
  Manufacturer: Str(),
  Model: Str(),
  /** Win32_ComputerSystem.PCSystemType: 1 desktop, 2 mobile, 3 workstation, 4/5/7 server … */
  PCSystemType: Num(),
  TotalPhysicalMemory: Num(),
  /** Win32_SystemEnclosure.ChassisTypes, every value (systeminformation joins them). */
  ChassisTypes: Type.Optional(Type.Array(Type.Number())),
  SerialNumber: Str(),
  UUID: Str(),
  MachineGuid: Str(),
  CpuName: Str(),
  CpuCores: Num(),
  HypervisorPresent: Bool(),
});

/**
 * One SoftwareLicensingProduct (SPP) or OfficeSoftwareProtectionProduct (OSPP) row,
 * already filtered to rows with a PartialProductKey. Property names as in WMI.
 */
export const LicensingRow = Type.Object({
  ID: Str(),
  Name: Str(),
  Description: Str(),
  ApplicationID: Str(),
  LicenseFamily: Str(),
  LicenseStatus: Num(),
  LicenseStatusReason: Num(),
  LicenseIsAddon: Bool(),
  GracePeriodRemaining: Num(),
  PartialProductKey: Str(),
  ProductKeyChannel: Str(),
  ProductKeyID: Str(),
  EvaluationEndDate: Str(),
  KeyManagementServiceMachine: Str(),
  KeyManagementServicePort: Num(),
  DiscoveredKeyManagementServiceMachineName: Str(),
  DiscoveredKeyManagementServiceMachinePort: Num(),
  DiscoveredKeyManagementServiceMachineIpAddress: Str(),
  KeyManagementServiceProductKeyID: Str(),
  VLActivationType: Num(),
  VLActivationInterval: Num(),
  VLRenewalInterval: Num(),
  TokenActivationILVID: Num(),
});
export type LicensingRow = Static<typeof LicensingRow>;

export const LicensingService = Type.Object({
  Version: Str(),
  KeyManagementServiceMachine: Str(),
  KeyManagementServicePort: Num(),
  DiscoveredKeyManagementServiceMachineName: Str(),
  /** Whether the firmware (ACPI MSDM) holds an OEM key; the key itself is never read out. */
  OA3xOriginalProductKeyPresent: Bool(),
  OA3xOriginalProductKeyDescription: Str(),
  SubscriptionType: Num(),
  SubscriptionStatus: Num(),
  SubscriptionEdition: Str(),
});

/** A registry value found, with its key path as `reg export` would print it. */
export const RegistryValue = Type.Object({
  key: Type.String(),
  name: Type.String(),
  value: Type.Union([Type.String(), Type.Number(), Type.Null(), Type.Array(Type.String())]),
});
export type RegistryValue = Static<typeof RegistryValue>;

export const LicensingSection = Type.Object({
  /** SPP rows: Windows (55c92734-…) and Office 2013+ (0ff1ce15-…) on Windows 8+. */
  products: Type.Optional(Type.Array(LicensingRow)),
  service: N(LicensingService),
  /** OSPP rows: Office 2010, and Office 2013+ on Windows 7. */
  osppProducts: Type.Optional(Type.Array(LicensingRow)),
  osppService: N(LicensingService),
  /** KMS values under SoftwareProtectionPlatform (all sub-keys), its Wow6432Node and the OSPP key, and HKU\S-1-5-20. */
  kmsRegistry: Type.Optional(Type.Array(RegistryValue)),
});

export const ClickToRun = Type.Object({
  InstallPath: Str(),
  ProductReleaseIds: Str(),
  Platform: Str(),
  VersionToReport: Str(),
  ClientVersionToReport: Str(),
  CDNBaseUrl: Str(),
  UpdateChannel: Str(),
  SharedComputerLicensing: Str(),
});

/** HKLM\SOFTWARE\[Wow6432Node\]Microsoft\Office\<ver>\Registration\{GUID} (MSI Office). */
export const OfficeRegistration = Type.Object({
  key: Type.String(),
  ProductName: Str(),
  ProductID: Str(),
  ProductCode: Str(),
  OEM: Str(),
  TrialType: Str(),
  LicenseType: Str(),
  DigitalProductIDPresent: Bool(),
});

/** One Microsoft 365 (vNext) licence file, decoded; personal data (e-mail, tenant) left out. */
export const VNextLicense = Type.Object({
  scope: Type.Union([Type.Literal('device'), Type.Literal('user')]),
  userSid: Str(),
  LicenseType: Str(),
  ProductReleaseId: Str(),
  Status: Str(),
  ExpiresOn: Str(),
  NotBefore: Str(),
  NotAfter: Str(),
  TenantIdPresent: Bool(),
});

export const OfficeSection = Type.Object({
  clickToRun: N(ClickToRun),
  registrations: Type.Optional(Type.Array(OfficeRegistration)),
  vnextLicenses: Type.Optional(Type.Array(VNextLicense)),
  /** Folders where Office binaries live (for Ohook checks and bitness). */
  installRoots: Type.Optional(Type.Array(Type.String())),
});

export const WpsInstall = Type.Object({
  scope: Type.Union([Type.Literal('machine'), Type.Literal('user')]),
  userSid: Str(),
  /** HKLM|HKU\…\Kingsoft\Office\6.0\Common values. */
  InstallRoot: Str(),
  Version: Str(),
  Architecture: Str(),
  /** oem.ini `[Product]`/`[Support]` values that are readable (not encrypted), raw. */
  oemIni: Type.Optional(Type.Record(Type.String(), Type.String())),
  /** Whether a licence serial file or `[Auth]` serial entry exists; the serial is never read out. */
  serialPresent: Bool(),
  serialEvidence: Str(),
});

export const AntivirusProductRow = Type.Object({
  displayName: Str(),
  instanceGuid: Str(),
  pathToSignedProductExe: Str(),
  pathToSignedReportingExe: Str(),
  productState: Num(),
  timestamp: Str(),
});

export const DefenderStatus = Type.Object({
  AMProductVersion: Str(),
  AMRunningMode: Str(),
  AMServiceEnabled: Bool(),
  AntivirusEnabled: Bool(),
  RealTimeProtectionEnabled: Bool(),
  AntivirusSignatureVersion: Str(),
  AntivirusSignatureLastUpdated: Str(),
  AntivirusSignatureAge: Num(),
  DefenderSignaturesOutOfDate: Bool(),
});

export const ServiceRow = Type.Object({
  Name: Type.String(),
  DisplayName: Str(),
  State: Str(),
  StartMode: Str(),
  PathName: Str(),
});
export type ServiceRow = Static<typeof ServiceRow>;

export const ProcessRow = Type.Object({
  Name: Type.String(),
  ExecutablePath: Str(),
});
export type ProcessRow = Static<typeof ProcessRow>;

export const AntivirusSection = Type.Object({
  /** False when the namespace does not exist (Windows Server) — not the same as no rows. */
  securityCenter2Available: Bool(),
  products: Type.Optional(Type.Array(AntivirusProductRow)),
  defender: N(DefenderStatus),
  /** Services and processes whose names match the script's list of known AV products. */
  services: Type.Optional(Type.Array(ServiceRow)),
  processes: Type.Optional(Type.Array(ProcessRow)),
});

export const ScheduledTaskRow = Type.Object({
  TaskPath: Type.String(),
  TaskName: Type.String(),
  Actions: Type.Optional(Type.Array(Type.String())),
});
export type ScheduledTaskRow = Static<typeof ScheduledTaskRow>;

export const FileTrace = Type.Object({
  path: Type.String(),
  size: Num(),
  /** For symbolic links (Ohook's sppcs.dll), where the link points. */
  target: Str(),
});
export type FileTrace = Static<typeof FileTrace>;

/** Raw traces of crack activators; the parser names the activator and builds indicators. */
export const TracesSection = Type.Object({
  files: Type.Optional(Type.Array(FileTrace)),
  services: Type.Optional(Type.Array(ServiceRow)),
  tasks: Type.Optional(Type.Array(ScheduledTaskRow)),
  /** Image File Execution Options values of SppExtComObj.exe, sppsvc.exe, osppsvc.exe. */
  ifeo: Type.Optional(Type.Array(RegistryValue)),
  /** Other registry values looked at: Ohook heartbeat, activator uninstall keys … */
  registry: Type.Optional(Type.Array(RegistryValue)),
});

/**
 * What runs and lies on the PC, listed whole (not filtered on names the agent knows):
 * the collector's catalog decides which of it an activator left, so a tool added to
 * the catalog is found on every stored machine without a new agent.
 */
export const ObservedSection = Type.Object({
  /** Every Win32_Service row (the same query the antivirus and traces sections filter). */
  services: Type.Optional(Type.Array(ServiceRow)),
  /** Scheduled tasks outside `\Microsoft\`, plus those under `\Microsoft\Windows\SoftwareProtectionPlatform\`. */
  tasks: Type.Optional(Type.Array(ScheduledTaskRow)),
  /** Every Win32_Process row. */
  processes: Type.Optional(Type.Array(ProcessRow)),
  /** Full paths of the folders directly under %ProgramFiles%, %ProgramFiles(x86)% and %ProgramData%. */
  folders: Type.Optional(Type.Array(Type.String())),
});

/** One Uninstall sub-key, values unchanged. */
export const UninstallEntry = Type.Object({
  hive: Type.Union([Type.Literal('HKLM'), Type.Literal('HKLM-WOW6432'), Type.Literal('HKU'), Type.Literal('HKU-WOW6432')]),
  userSid: Str(),
  keyName: Type.String(),
  DisplayName: Str(),
  DisplayVersion: Str(),
  Publisher: Str(),
  InstallDate: Str(),
  InstallLocation: Str(),
  EstimatedSize: Num(),
  SystemComponent: Num(),
  WindowsInstaller: Num(),
  ParentKeyName: Str(),
  ReleaseType: Str(),
});
export type UninstallEntry = Static<typeof UninstallEntry>;

export const WindowsInventory = Type.Object({
  format: Type.Literal(INVENTORY_FORMAT),
  /** `script` when inventory.ps1 produced it, `recorded` when built from reg/wmic files. */
  origin: Type.Union([Type.Literal('script'), Type.Literal('recorded')]),
  collectedAt: Str(),
  powershellVersion: Str(),
  /** Seconds each section took, as the script measured (for the cost note). */
  timings: Type.Optional(Type.Record(Type.String(), Type.Number())),
  /** The script's own deadline and language mode, as its `begin` frame said. */
  deadlineSeconds: Num(),
  languageMode: Str(),
  blocked: Type.Optional(Blocked),
  errors: Type.Array(InventoryError),
  profiles: Type.Optional(Type.Array(UserProfile)),
  os: N(OsSection),
  computer: N(ComputerSection),
  licensing: N(LicensingSection),
  office: N(OfficeSection),
  wps: Type.Optional(Type.Array(WpsInstall)),
  antivirus: N(AntivirusSection),
  traces: N(TracesSection),
  observed: N(ObservedSection),
  software: Type.Optional(Type.Array(UninstallEntry)),
});
export type WindowsInventory = Static<typeof WindowsInventory>;
