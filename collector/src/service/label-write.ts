import type { MachineIdentity, MachineLabels } from '../store/label-types.js';
import type { Write } from '../store/registry-types.js';
import type { Store } from '../store/store.js';
import { isUniqueViolation } from '../store/errors.js';
import { changes } from './audit-diff.js';

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

/** Thrown inside the transaction so that what it wrote before the refusal is rolled back. */
class Refused extends Error {
  constructor(readonly outcome: LabelOutcome) {
    super(outcome.kind);
  }
}

type Found = MachineIdentity & MachineLabels;

/**
 * Users and asset numbers of a batch of machines (one for `PATCH /machines/:id`, a whole
 * file for an import), written whole or not at all, with an audit entry per machine
 * changed. The holders are looked for inside the write transaction, so a CLI command
 * beside `serve` cannot give the same number away between the check and the write.
 * Labels decide no verdict, so nothing is re-judged and the registry revision (which
 * verdicts cite) stays as it is.
 */
export async function writeLabels(store: Store, patches: readonly LabelPatch[], w: Write, options: LabelWriteOptions = {}): Promise<LabelOutcome> {
  try {
    return await writeOnce(store, patches, w, options);
  } catch (err) {
    // Another collector gave the same number to another machine between this one's look and
    // its write: the index refused it, and a second look finds that holder.
    if (!isUniqueViolation(err)) throw err;
    return writeOnce(store, patches, w, options);
  }
}

async function writeOnce(store: Store, patches: readonly LabelPatch[], w: Write, { via, dryRun }: LabelWriteOptions): Promise<LabelOutcome> {
  try {
    return await store.transaction(async (tx) => {
      // The machines' rows held first, in one order, so two writers of the same machines take turns and neither loses the other's field.
      for (const id of [...new Set(patches.map((p) => p.machineId))].sort()) await tx.agents.findForUpdate(id);
      const before = await Promise.all(patches.map((p) => tx.machines.labels(p.machineId)));
      const missing = before.flatMap((b, i) => (b ? [] : [i]));
      if (missing.length > 0) return { kind: 'not-found', indexes: missing };
      const found = before as Found[];
      const next = patches.map((p, i): MachineLabels => ({
        user: p.user === undefined ? found[i]!.user : p.user,
        assetNumber: p.assetNumber === undefined ? found[i]!.assetNumber : p.assetNumber,
      }));
      // Numbers that change are let go of first, so two machines can swap theirs in one batch.
      for (const [i, p] of patches.entries()) {
        if (next[i]!.assetNumber !== found[i]!.assetNumber) await tx.machines.clearAssetNumber(p.machineId);
      }
      // In order: a number is refused to the later of two patches that ask for it.
      const conflicts: AssetConflict[] = [];
      for (const [i, p] of patches.entries()) {
        const assetNumber = next[i]!.assetNumber;
        const holder = assetNumber === null ? undefined : await tx.machines.assetHolder(assetNumber, p.machineId);
        if (holder) conflicts.push({ index: i, assetNumber: assetNumber!, holder });
        else await tx.machines.setLabels(p.machineId, next[i]!);
      }
      if (conflicts.length > 0) throw new Refused({ kind: 'conflict', conflicts });
      if (dryRun) throw new Refused({ kind: 'set', changed: [] });
      const changed: LabelChange[] = [];
      for (const [i, b] of found.entries()) {
        const diff = changes<MachineLabels>({ user: b.user, assetNumber: b.assetNumber }, next[i]!);
        if (Object.keys(diff.after).length === 0) continue;
        changed.push({ id: b.id, hostname: b.hostname, ...diff });
        const detail = { ...diff, ...(via === undefined ? {} : { via }) };
        await tx.audit.record({ at: w.at, actor: w.actor, action: 'machine.update', target: `machine ${b.id}`, detail });
      }
      return { kind: 'set', changed };
    });
  } catch (err) {
    if (err instanceof Refused) return err.outcome;
    throw err;
  }
}
