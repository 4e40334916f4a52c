import type { Antivirus, CollectionError, Indicator, Machine, Observations, OfficeSuite, OperatingSystem } from '@zhengban/shared';

// Apart from types.ts because the spot-check store freezes these facts and types.ts
// gathers that store: declared there, it closed an import cycle with it.

/** The latest snapshot's facts, kept with the machine for the detail view. */
export interface MachineFacts {
  machine: Machine;
  os: OperatingSystem;
  office: OfficeSuite[];
  antivirus: Antivirus[];
  /** Kept since the registry (issue 5) so a machine can be assessed again without its payload. */
  collectedAt?: string;
  indicators?: Indicator[];
  collectionErrors?: CollectionError[];
  /** Snapshot format 2: what a crack tool may leave, judged again when the catalog changes. */
  observations?: Observations;
}
