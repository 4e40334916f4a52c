import type { CompiledCatalog } from '../catalog/types.js';
import type { FromUninstall } from './from-uninstall.js';
import type { CompiledLists } from './lists.js';
import type { Recognised } from './recognise.js';

/**
 * What the verdict engine needs besides the snapshot. Classify functions take it
 * whole so adding a field never changes their signatures.
 */
export interface ClassifyPolicy {
  /** The organisation's own KMS hosts (names or IPs); activation through them is trusted. */
  trustedKmsHosts: string[];
}

/** Software that appeared between two snapshots, by name: when and where it was first seen. */
export interface InstalledBetween {
  snapshotId: string;
  previousSnapshotId: string;
  at: string;
}

/** What assessing one machine needs: the registry-independent half of a verdict. */
export interface AssessEnv {
  /** Decision time; passed in so classification stays pure and testable. */
  now: Date;
  policy: ClassifyPolicy;
  catalog: CompiledCatalog;
  lists: CompiledLists;
  /** The machine's unit, then its parent, up to the root: scoped list entries apply along it. */
  unitAncestry: readonly number[];
  /** Software names (lower-case) installed after the machine's first snapshot. */
  installed: ReadonlyMap<string, InstalledBetween>;
}

/** What a rule sees: the environment plus what the catalog made of this machine. */
export interface ClassifyContext extends AssessEnv {
  recognised: Recognised;
  /** Office suites and antivirus only an Uninstall entry shows, added to their lists (uninstall-products.ts). */
  fromUninstall: FromUninstall;
}

export function defaultPolicy(): ClassifyPolicy {
  return { trustedKmsHosts: [] };
}
