// Input: records of one `wmic … get /format:list` file, e.g. Win32_OperatingSystem:
//   BuildNumber=7600
//   Caption=Microsoft Windows 7 Professionnel
//   OSArchitecture=32 bits
// wmic does not print the class name, so the class is recognised by its property
// names (and, for SPP versus OSPP, by the file name or the Office 2010 app id).
import {
  AntivirusProductRow, ComputerSection, DefenderStatus, LicensingRow, LicensingService, OsSection, ProcessRow, ServiceRow,
  type WindowsInventory,
} from '../inventory.schema.js';
import type { Static } from 'typebox';
import { fromWmic, type WmicRecord } from './wmic.parse.js';

type Rec = WmicRecord;
const has = (r: Rec, ...names: string[]) => names.every((n) => n in r);
const OFFICE14_APP_ID = '59a52881-a989-479d-af46-f275c6370663';

interface WmicClass {
  name: string;
  test(r: Rec): boolean;
  add(inv: WindowsInventory, records: Rec[], ospp: boolean): void;
}

/** Recognised classes, most specific first. */
const CLASSES: readonly WmicClass[] = [
  {
    name: 'SoftwareLicensingProduct',
    test: (r) => has(r, 'ApplicationID', 'LicenseStatus'),
    add(inv, records, ospp) {
      const lic = (inv.licensing ??= {});
      // The script keeps keyed rows only; the rest are licences that are merely installable.
      const rows = records.filter((r) => r.PartialProductKey).map((r) => fromWmic<LicensingRow>(LicensingRow, r));
      const toOspp = ospp || records.some((r) => r.ApplicationID === OFFICE14_APP_ID);
      if (toOspp) (lic.osppProducts ??= []).push(...rows);
      else (lic.products ??= []).push(...rows);
    },
  },
  {
    name: 'SoftwareLicensingService',
    test: (r) => has(r, 'ClientMachineID') || has(r, 'KeyManagementServiceListeningPort'),
    add(inv, [r], ospp) {
      if (!r) return;
      const service = fromWmic<NonNullable<NonNullable<WindowsInventory['licensing']>['service']>>(LicensingService, r);
      // The firmware key itself is never kept, only whether there is one.
      if ('OA3xOriginalProductKey' in r) service.OA3xOriginalProductKeyPresent = Boolean(r.OA3xOriginalProductKey);
      if (ospp) (inv.licensing ??= {}).osppService = service;
      else (inv.licensing ??= {}).service = service;
    },
  },
  {
    name: 'AntiVirusProduct',
    test: (r) => has(r, 'displayName', 'productState'),
    add(inv, records) {
      const av = (inv.antivirus ??= {});
      av.securityCenter2Available = true;
      (av.products ??= []).push(...records.map((r) => fromWmic<NonNullable<typeof av.products>[number]>(AntivirusProductRow, r)));
    },
  },
  {
    name: 'MSFT_MpComputerStatus',
    test: (r) => has(r, 'AMProductVersion'),
    add(inv, [r]) {
      if (r) (inv.antivirus ??= {}).defender = fromWmic(DefenderStatus, r);
    },
  },
  {
    name: 'Win32_OperatingSystem',
    test: (r) => has(r, 'BuildNumber', 'Caption'),
    add(inv, [r]) {
      if (r) inv.os = { ...inv.os, ...fromWmic<object>(OsSection, r) };
    },
  },
  {
    name: 'Win32_ComputerSystem',
    test: (r) => has(r, 'PCSystemType') || r.CreationClassName === 'Win32_ComputerSystem',
    add(inv, [r]) {
      if (!r) return;
      inv.computer = { ...inv.computer, ...fromWmic<object>(ComputerSection, r), Hostname: r.DNSHostName ?? r.Name ?? null };
    },
  },
  {
    name: 'Win32_SystemEnclosure',
    test: (r) => has(r, 'ChassisTypes'),
    add(inv, [r]) {
      if (r) inv.computer = { ...inv.computer, ChassisTypes: fromWmic<{ ChassisTypes?: number[] }>(ComputerSection, r).ChassisTypes ?? [] };
    },
  },
  {
    name: 'Win32_BIOS',
    test: (r) => has(r, 'SMBIOSBIOSVersion', 'SerialNumber'),
    add(inv, [r]) {
      if (r) inv.computer = { ...inv.computer, SerialNumber: r.SerialNumber ?? null };
    },
  },
  {
    name: 'Win32_ComputerSystemProduct',
    test: (r) => has(r, 'IdentifyingNumber', 'UUID'),
    add(inv, [r]) {
      if (r) inv.computer = { ...inv.computer, UUID: r.UUID ?? null };
    },
  },
  {
    name: 'Win32_Processor',
    test: (r) => has(r, 'NumberOfCores', 'Name'),
    add(inv, records) {
      const cores = records.reduce((n, r) => n + Number(r.NumberOfCores ?? 0), 0);
      inv.computer = { ...inv.computer, CpuName: records[0]?.Name?.trim() ?? null, CpuCores: cores };
    },
  },
  {
    // Services and processes go to every list the script fills from the same query:
    // the filtered ones (the parsers pick the names they know) and the whole one.
    name: 'Win32_Service',
    test: (r) => has(r, 'Name', 'StartMode', 'State'),
    add(inv, records) {
      const rows = records.filter((r) => r.Name).map((r) => fromWmic<Static<typeof ServiceRow>>(ServiceRow, r));
      ((inv.antivirus ??= {}).services ??= []).push(...rows);
      ((inv.traces ??= {}).services ??= []).push(...rows);
      ((inv.observed ??= {}).services ??= []).push(...rows);
    },
  },
  {
    name: 'Win32_Process',
    test: (r) => has(r, 'Name', 'ExecutablePath'),
    add(inv, records) {
      const rows = records.filter((r) => r.Name).map((r) => fromWmic<Static<typeof ProcessRow>>(ProcessRow, r));
      ((inv.antivirus ??= {}).processes ??= []).push(...rows);
      ((inv.observed ??= {}).processes ??= []).push(...rows);
    },
  },
];

/** Adds the records to `inv`; returns the recognised class name, or null when no class fits. */
export function addWmicRecords(inv: WindowsInventory, records: Rec[], fileName: string): string | null {
  const first = records[0];
  if (!first) return null;
  const cls = CLASSES.find((c) => c.test(first));
  if (!cls) return null;
  cls.add(inv, records, /officesoftwareprotection|ospp/i.test(fileName));
  return cls.name;
}
