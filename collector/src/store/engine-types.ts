import type { Outcome, SeatLicence, Demand } from '../classify/allocate.js';
import type { Assessment } from '../classify/assessment.js';
import type { JudgedSnapshot } from '../classify/assess.js';
import type { InstalledBetween } from '../classify/context.js';
import type { Verdict } from '@zhengban/shared';
import type { VerdictTrigger } from '../schema/history.js';

/** A machine as the engine re-judges it. */
export interface EngineMachine {
  agentId: string;
  unitId: number;
  /** The unit's name, as findings quote it. */
  unit: string;
  assessment: Assessment | null;
  /** Product id → the outcome last stored for it. */
  outcomes: Map<string, Outcome>;
  /** The current verdict's findings, as stored, to tell whether a new verdict differs. */
  status: Verdict['status'] | null;
  findingsJson: string | null;
}

/**
 * The verdict engine's reads and writes, synchronous, inside one transaction (SQLite
 * runs one writer; a PostgreSQL store would make these async behind the same service).
 */
export interface EngineTx {
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
  unitParents(): Map<number, number | null>;
  /** KMS hosts of every KMS licence: the organisation's own servers. */
  licensedKmsHosts(): string[];
  allAgentIds(): string[];
  /** Machines with a product activated through a KMS host: trust in their hosts follows the KMS licences. */
  agentsWithKmsHost(): string[];
  /** One demand per machine and product, from the stored installs (all products when absent). */
  demands(productIds?: readonly string[]): Demand[];
  held(productIds?: readonly string[]): Map<string, number>;
  saveSeats(productIds: readonly string[] | undefined, seats: ReadonlyMap<string, number>, since: string): void;
  saveOutcome(agentId: string, productId: string, outcome: Outcome): void;
  /** Demand key → the outcome JSON stored for it. */
  storedOutcomes(productIds?: readonly string[]): Map<string, string | null>;
  machines(agentIds: readonly string[]): EngineMachine[];
  /** The latest facts and software of a machine, to assess it again. */
  judgedInput(agentId: string): { snapshot: JudgedSnapshot; unitId: number } | undefined;
  installedSince(agentId: string): Map<string, InstalledBetween>;
  /** Stores the assessment and the installs that demand a seat (not implicit ones), keeping stored outcomes of products still installed. */
  saveAssessment(agentId: string, a: Assessment): void;
  /** `findingsJson`: the findings as already serialised by the caller (a fleet-wide re-judge compares them first). */
  insertVerdict(agentId: string, snapshotId: string, verdict: Verdict, trigger: VerdictTrigger, detail: string | null, findingsJson?: string): number;
}

export interface EngineStore {
  /** Runs fn in one transaction over the engine's tables. */
  run<T>(fn: (tx: EngineTx) => T): Promise<T>;
}
