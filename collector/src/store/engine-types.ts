import type { Async } from './async.js';
import type { Outcome, SeatLicence, Demand } from '../classify/allocate.js';
import type { Assessment, Install } from '../classify/assessment.js';
import type { JudgedSnapshot } from '../classify/judged-snapshot.js';
import type { InstalledBetween } from '../classify/context.js';
import type { Finding, Verdict, VerdictStatus } from '@zhengban/shared';
import type { FindingOutline } from '../classify/combine.js';
import type { VerdictTrigger } from '../schema/history.js';

/**
 * What a verdict is judged from, apart from the snapshot: the installs that need a
 * licence and the outline of the assessment's findings (what they count for in a
 * status). Stored once by content, so machines in the same state share one, and a
 * re-judge judges each distinct one once.
 */
export interface AssessmentBasis {
  installs: Install[];
  outline: FindingOutline[];
}

/**
 * An assessment as kept per machine: its snapshot, its basis, and the finding set of its
 * findings (which quote facts of the machine's own, such as a partial product key).
 */
export interface StoredAssessment {
  snapshotId: string;
  collectedAt: string;
  basisId: number;
  findingSetId: number;
}

/**
 * A verdict as stored: the finding set of its assessment and the set of its entitlement
 * findings. Verdicts stored before finding sets (migration 4) have neither; `findings_json`
 * holds every finding of theirs.
 */
export interface VerdictRow {
  snapshotId: string;
  status: VerdictStatus;
  rulesVersion: string;
  decidedAt: string;
  findingSetId: number;
  entitlementSetId: number;
  trigger: VerdictTrigger;
  detail: string | null;
}

/** A machine's seat outcome for a product, as saveOutcomes writes it. */
export interface OutcomeChange {
  agentId: string;
  productId: string;
  outcome: Outcome;
}

/** A verdict for a machine, as insertVerdicts writes it. */
export interface MachineVerdict {
  agentId: string;
  row: VerdictRow;
}

/** An assessment of a machine, as saveAssessments writes it. */
export interface MachineAssessment {
  agentId: string;
  assessment: Assessment;
}

/** A seat demand with the outcome stored for it (JSON), to tell whether it changed. */
export interface StoredDemand extends Demand {
  outcomeJson: string | null;
}

/** A machine's current verdict, to tell whether a new one differs. */
export interface CurrentVerdict {
  status: VerdictStatus;
  findingSetId: number | null;
  entitlementSetId: number | null;
  /** Every finding, for a verdict stored before finding sets; null otherwise. */
  wholeJson: string | null;
}

/** A machine as the engine re-judges it. */
export interface EngineMachine {
  agentId: string;
  unitId: number;
  /** The unit's name, as findings quote it. */
  unit: string;
  assessment: StoredAssessment | null;
  /** Product id → the outcome last stored for it, as stored (JSON). */
  outcomes: Map<string, string>;
  current: CurrentVerdict | null;
}

/**
 * The verdict engine's reads and writes, inside the caller's transaction. Declared
 * synchronous, as the SQLite repo implements them; the engine sees them as `EngineTx`,
 * each answering a promise, which a PostgreSQL repo implements directly.
 */
export interface EngineRows {
  /**
   * Holds the fleet's seats until the transaction ends: whatever allocates seats or
   * judges from them (a judged snapshot, a re-judge, the day's licence dates) takes it
   * first, before any machine's row, so two collectors never allocate from the same
   * counts and never wait for each other in a circle.
   */
  lockSeats(): void;
  registryRevision(): number;
  /** The China day every product's seats were last allocated for ('' when never): licence dates passed since then. */
  allocatedOn(): string;
  setAllocatedOn(day: string): void;
  /** The organisation's KMS hosts (sorted JSON) that machines were last assessed with. */
  kmsHostsJudged(): string;
  setKmsHostsJudged(hosts: string): void;
  /** The reason of a re-judge a committed write still owes, or ''. */
  pending(): string;
  clearPending(): void;
  /** The rules and catalog versions the stored assessments were made with, after a full re-assessment. */
  assessedWith(): string;
  setAssessedWith(version: string): void;
  seatLicences(): SeatLicence[];
  unitParents(): ReadonlyMap<number, number | null>;
  /** KMS hosts of every KMS licence: the organisation's own servers. */
  licensedKmsHosts(): string[];
  allAgentIds(): string[];
  /** Machine → the basis of its stored assessment. */
  basisIds(): Map<string, number>;
  /**
   * Machines whose assessment depends only on their state and unit: a state hash known,
   * no program installed after the first snapshot. Agent id → the key they share
   * (state and unit), and the snapshot their state was last measured in.
   */
  sharedStates(): Map<string, { key: string; snapshotId: string; collectedAt: string }>;
  /** Machines with a product activated through a KMS host: trust in their hosts follows the KMS licences. */
  agentsWithKmsHost(): string[];
  /** One demand per machine and product, from the stored installs, with its stored outcome (all products when absent). */
  demands(productIds?: readonly string[]): StoredDemand[];
  /** This machine's demands, with their stored outcomes. */
  demandsOf(agentId: string): StoredDemand[];
  /** Whether the machine was first seen strictly after every other one. */
  lastInQueue(agentId: string): boolean;
  /** Licence id → seats of the product in use. */
  seatsInUse(productId: string): Map<number, number>;
  /** How many machines wait for a seat of the licence (over-allocated). */
  waiting(productId: string, licenceId: number): number;
  /** Demand key → the licence whose seat it holds, for the products (all when absent). */
  held(productIds?: readonly string[]): Map<string, number>;
  /** Stores the seats allocated, given those held before (`held` of the same products). */
  saveSeats(held: ReadonlyMap<string, number>, seats: ReadonlyMap<string, number>, since: string): void;
  /** Stores the outcomes given, in one statement per batch where the store can (a fleet-wide allocation changes thousands). */
  saveOutcomes(changes: readonly OutcomeChange[]): void;
  machines(agentIds: readonly string[]): EngineMachine[];
  /** The machine's current verdict as stored, and its id (what a snapshot that changed nothing is answered). */
  currentVerdict(agentId: string): { id: number; verdict: Verdict } | undefined;
  /** The latest facts and software of a machine, to assess it again. */
  judgedInput(agentId: string): { snapshot: JudgedSnapshot; unitId: number } | undefined;
  installedSince(agentId: string): Map<string, InstalledBetween>;
  /**
   * Stores the assessment (its findings and basis by content) and, when the basis changed,
   * the installs that demand a seat (not implicit ones), keeping stored outcomes of
   * products still installed.
   */
  saveAssessment(agentId: string, a: Assessment): StoredAssessment & { basis: AssessmentBasis };
  /** saveAssessment for many machines, each at most once: what a re-judge that assesses a fleet again stores. */
  saveAssessments(items: readonly MachineAssessment[]): (StoredAssessment & { basis: AssessmentBasis })[];
  basis(id: number): AssessmentBasis;
  /** The id of the finding set holding exactly these findings, added when new. */
  findingSetId(findings: readonly Finding[]): number;
  findingSet(id: number): readonly Finding[];
  /** The id of the machine's current verdict (what a stored snapshot's answer quotes); throws when it has none. */
  verdictIdOf(agentId: string): number;
  /** Stores a verdict and makes it the machine's current one. */
  insertVerdict(agentId: string, row: VerdictRow): number;
  /** insertVerdict for many machines, each at most once, stored in the order given. */
  insertVerdicts(verdicts: readonly MachineVerdict[]): void;
}

export type EngineTx = Async<EngineRows>;
