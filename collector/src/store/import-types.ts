import type { AuditActor } from './audit-types.js';

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

