import type { AuditActor } from './types.js';

/** One import of a bundle, as `bundle_imports` keeps it. */
export interface BundleImportRow {
  id: number;
  sha256: string;
  fileName: string;
  network: string;
  createdAt: string;
  createdBy: string;
  importedAt: string;
  actor: string;
  entries: number;
  accepted: number;
  duplicates: number;
  refused: number;
  /** The whole report, as the import printed or answered it. */
  reportJson: string;
}

export type NewBundleImport = Omit<BundleImportRow, 'id' | 'actor'> & AuditActor;

/** An offline machine as an import lists it when the bundle did not bring it. */
export interface NetworkMachine {
  agentId: string;
  hostname: string;
  unit: string;
  lastSeen: string | null;
}

export interface ImportStore {
  /** Earlier imports of a bundle with this manifest hash, oldest first. */
  earlier(sha256: string): Promise<BundleImportRow[]>;
  /** Records the import and audits it, in one transaction; its id. */
  record(row: NewBundleImport): Promise<number>;
  list(limit: number): Promise<BundleImportRow[]>;
  find(id: number): Promise<BundleImportRow | undefined>;
  /**
   * The machines enrolled offline in a network. For a network with no name ('') only
   * those in the units of the bundle's agents: unnamed networks cannot be told apart otherwise.
   */
  networkMachines(network: string, bundleAgents: readonly string[]): Promise<NetworkMachine[]>;
}
