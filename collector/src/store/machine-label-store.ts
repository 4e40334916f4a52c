import type { StoreContext } from './context.js';
import type { AssetConflict, LabelChange, LabelOutcome, LabelPatch, LabelWriteOptions, MachineIdentity, MachineLabels } from './label-types.js';
import type { MachineRepo } from './machine-repo.js';
import { changes } from './org-store.js';
import type { Write } from './registry-types.js';

/** Thrown inside the transaction so that what it wrote before the refusal is rolled back. */
class Refused extends Error {
  constructor(readonly outcome: LabelOutcome) {
    super(outcome.kind);
  }
}

type Found = MachineIdentity & MachineLabels;

/**
 * Users and asset numbers of a batch of machines (one for `PATCH /machines/:id`, a whole
 * file for an import), written whole or not at all. The transaction is IMMEDIATE: it takes
 * the write lock before it looks for holders, so a CLI command beside `serve` cannot give
 * the same number away between the check and the write. Labels decide no verdict, so
 * nothing is re-judged and the registry revision (which verdicts cite) stays as it is.
 */
export function createLabelWriter(ctx: StoreContext, machines: MachineRepo) {
  const write = ctx.tx((patches: readonly LabelPatch[], w: Write, { via, dryRun }: LabelWriteOptions): LabelOutcome => {
    const before = patches.map((p) => machines.labels(p.machineId));
    const missing = before.flatMap((b, i) => (b ? [] : [i]));
    if (missing.length > 0) return { kind: 'not-found', indexes: missing };
    const found = before as Found[];
    const next = patches.map((p, i): MachineLabels => ({
      user: p.user === undefined ? found[i]!.user : p.user,
      assetNumber: p.assetNumber === undefined ? found[i]!.assetNumber : p.assetNumber,
    }));
    // Numbers that change are let go of first, so two machines can swap theirs in one batch.
    patches.forEach((p, i) => {
      if (next[i]!.assetNumber !== found[i]!.assetNumber) machines.clearAssetNumber(p.machineId);
    });
    const conflicts: AssetConflict[] = [];
    patches.forEach((p, i) => {
      const assetNumber = next[i]!.assetNumber;
      const holder = assetNumber === null ? undefined : machines.assetHolder(assetNumber, p.machineId);
      if (holder) conflicts.push({ index: i, assetNumber: assetNumber!, holder });
      else machines.setLabels(p.machineId, next[i]!);
    });
    if (conflicts.length > 0) throw new Refused({ kind: 'conflict', conflicts });
    if (dryRun) throw new Refused({ kind: 'set', changed: [] });
    const changed: LabelChange[] = [];
    found.forEach((b, i) => {
      const diff = changes<MachineLabels>({ user: b.user, assetNumber: b.assetNumber }, next[i]!);
      if (Object.keys(diff.after).length === 0) return;
      changed.push({ id: b.id, hostname: b.hostname, ...diff });
      const detail = { ...diff, ...(via === undefined ? {} : { via }) };
      ctx.audit.record({ at: w.at, actor: w.actor, action: 'machine.update', target: `machine ${b.id}`, detail });
    });
    return { kind: 'set', changed };
  });

  return (patches: readonly LabelPatch[], w: Write, options: LabelWriteOptions = {}): LabelOutcome => {
    try {
      return write.immediate(patches, w, options);
    } catch (err) {
      if (err instanceof Refused) return err.outcome;
      throw err;
    }
  };
}
