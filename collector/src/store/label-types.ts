/** What the store keeps of a machine's user (使用人) and asset number (资产编号). */
export interface MachineLabels {
  user: string | null;
  assetNumber: string | null;
}

/** A machine as an admin names it: by id, or by hostname in a file or on the command line. */
export interface MachineIdentity {
  id: string;
  hostname: string;
}

/** One machine's new labels: an absent field is left as it is, null clears it. Values are already checked. */
export interface LabelPatch {
  machineId: string;
  user?: string | null;
  assetNumber?: string | null;
}

/** A machine whose labels the write changed: only the fields that changed, before and after. */
export interface LabelChange extends MachineIdentity {
  before: Partial<MachineLabels>;
  after: Partial<MachineLabels>;
}

/** The machine that holds an asset number another patch asked for. */
export interface AssetConflict {
  /** The patch refused, by its place in the batch. */
  index: number;
  assetNumber: string;
  holder: MachineIdentity;
}

export interface LabelWriteOptions {
  /** How the change was made, kept in its audit entries (`import`). */
  via?: string;
  /** Run the batch and roll it back: its refusals, and nothing written. */
  dryRun?: boolean;
}

/** A batch is written whole or not at all; a refusal names every patch it refuses. */
export type LabelOutcome =
  | { kind: 'set'; changed: LabelChange[] }
  | { kind: 'not-found'; indexes: number[] }
  | { kind: 'conflict'; conflicts: AssetConflict[] };
