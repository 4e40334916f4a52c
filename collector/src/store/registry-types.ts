import type { CatalogEntry } from '../catalog/types.js';
import type { ReviewCandidate } from './review-repo.js';
import type { CatalogOverride, CatalogProduct } from '../schema/catalog.js';
import type { SoftwareChange, VerdictRecord } from '../schema/history.js';
import type { LicenceDocumentInfo, LicenceEvent, LicenceEventInput, LicenceInput, LicencePatch, LicenceView } from '../schema/licences.js';
import type { ListEntry, ListEntryInput } from '../schema/lists.js';
import type { MachineMove, Person, PersonInput, PersonPatch, UnitInput, UnitPatch, UnitView } from '../schema/units.js';

/**
 * The registry's stores: units and people, licences, lists, catalog changes. Every
 * write takes a `Write` (who and when), records itself in the audit log, bumps the
 * registry revision and marks a re-judge as owed, all in its own transaction; the
 * service then runs the re-judge, which clears the mark.
 */
export interface Write {
  actor: string;
  at: string;
}

/** A unit without its people and machine count, as the store keeps it. */
export type UnitRecord = Omit<UnitView, 'people' | 'machines'>;

/** Outcomes a service turns into typed errors. */
export type Refusal =
  | { refused: 'not-found'; what: string }
  | { refused: 'conflict'; message: string }
  | { refused: 'in-use'; message: string };

export type Result<T> = T | Refusal;

export function isRefusal<T>(r: Result<T>): r is Refusal {
  return typeof r === 'object' && r !== null && 'refused' in r;
}

export interface OrgStore {
  get(id: number): Promise<UnitRecord | undefined>;
  listUnits(): Promise<UnitRecord[]>;
  /** The unit and every unit below it. */
  subtreeIds(unitId: number): Promise<number[]>;
  /** Machines enrolled per unit (the unit itself, not its subunits). */
  machineCounts(): Promise<Map<number, number>>;
  /** Refuses a duplicate name or a missing parent. */
  createUnit(input: UnitInput, w: Write): Promise<Result<UnitRecord>>;
  /** Refuses a duplicate name, a missing parent, or a parent inside the unit's own subtree. */
  updateUnit(id: number, patch: UnitPatch, w: Write): Promise<Result<UnitRecord>>;
  /** Refuses while the unit has subunits, machines, licences, list entries or tokens. */
  deleteUnit(id: number, w: Write): Promise<Result<UnitRecord>>;

  people(unitIds?: readonly number[]): Promise<Person[]>;
  getPerson(id: number): Promise<Person | undefined>;
  addPerson(unitId: number, input: PersonInput, w: Write): Promise<Result<Person>>;
  updatePerson(id: number, patch: PersonPatch, w: Write): Promise<Result<Person>>;
  removePerson(id: number, w: Write): Promise<Result<Person>>;

  /** Moves a machine to another unit and records the move; refuses a move to the unit it is in. */
  moveMachine(agentId: string, toUnitId: number, reason: string | null, w: Write): Promise<Result<MachineMove>>;
  moves(agentId: string): Promise<MachineMove[]>;
}

export interface LicenceFilter {
  /** Only licences scoped to one of these units (a viewer's subtree). */
  unitIds?: readonly number[];
  productId?: string;
  limit: number;
  offset: number;
}

export interface LicenceDocument extends LicenceDocumentInfo {
  content: Buffer;
}

/** `product` (the catalog name) is filled in by the service; the store keeps ids. */
export type LicenceRecord = Omit<LicenceView, 'product'>;

export interface LicenceStore {
  list(filter: LicenceFilter): Promise<{ licences: LicenceRecord[]; total: number }>;
  get(id: number): Promise<LicenceRecord | undefined>;
  create(input: LicenceInput, w: Write): Promise<Result<LicenceRecord>>;
  /** Many at once, all or nothing (a CSV import). */
  createMany(inputs: readonly LicenceInput[], w: Write): Promise<Result<LicenceRecord[]>>;
  update(id: number, patch: LicencePatch, w: Write): Promise<Result<LicenceRecord>>;
  delete(id: number, w: Write): Promise<Result<LicenceRecord>>;
  putDocument(id: number, doc: Omit<LicenceDocument, 'storedAt' | 'storedBy' | 'sha256' | 'size'>, w: Write): Promise<Result<LicenceDocumentInfo>>;
  getDocument(id: number): Promise<LicenceDocument | undefined>;
  events(id: number): Promise<LicenceEvent[]>;
  /** Records the event and applies what it changes (renewal, upgrade, disposal, reallocation). */
  addEvent(id: number, input: LicenceEventInput, w: Write): Promise<Result<LicenceEvent>>;
}

export interface ListFilter {
  list?: 'deny' | 'allow';
  /** Only entries scoped to one of these units; global entries (unit null) are always included. */
  unitIds?: readonly number[];
}

export interface ListStore {
  list(filter: ListFilter): Promise<ListEntry[]>;
  get(id: number): Promise<ListEntry | undefined>;
  create(input: ListEntryInput, w: Write): Promise<Result<ListEntry>>;
  delete(id: number, w: Write): Promise<Result<ListEntry>>;
}

export type NewCatalogEntry =
  | { kind: 'custom'; productId: string; product: CatalogProduct }
  | { kind: 'override'; productId: string; override: CatalogOverride };

/** Admins' products and overrides of built-in ones; bumps the catalog revision, not the registry's. */
export interface CatalogEntryStore {
  list(): Promise<CatalogEntry[]>;
  revision(): Promise<number>;
  put(entry: NewCatalogEntry, w: Write): Promise<CatalogEntry>;
  delete(productId: string, w: Write): Promise<CatalogEntry | undefined>;
}

export interface AuditFilter {
  limit: number;
  offset: number;
  /** Actions starting with this, e.g. `licence.`. */
  action?: string;
}

export interface HistoryStore {
  /** Newest first. */
  verdicts(agentId: string, limit: number): Promise<VerdictRecord[]>;
  /** Newest first. */
  softwareChanges(agentId: string, limit: number): Promise<SoftwareChange[]>;
  /** Installed software by name and publisher over these units' machines (all when absent). */
  reviewCandidates(unitIds: readonly number[] | undefined): Promise<ReviewCandidate[]>;
}

export type { CatalogEntry };
