import { Type, type Static } from 'typebox';
import { Snapshot, SnapshotV1, Verdict, assertValid } from '@zhengban/shared';
import type { Discrepancy, MatchedBy } from '../schema/spot-checks.js';
import { freezeMachine, machineKind } from '../spotcheck/freeze.js';
import { matchScan } from '../spotcheck/match-scan.js';
import { machinesOf } from '../spotcheck/view.js';
import type { EntryRow } from '../store/spot-check-types.js';
import type { StoreTx } from '../store/tx-types.js';
import { actorOf } from './registry-deps.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import type { Caller } from './access.js';
import type { SpotCheckDeps } from './spot-check-create.js';
import { SpotCheckClosedError } from './spot-check-errors.js';

/**
 * A scan made on site by the inspector's kit, attached to a spot check (issue 17).
 *
 * Contract, for the import of the kit's results (`zhengban-collector import`):
 * - The caller has read the envelope and verified its signature with the inspector's
 *   key; this module trusts `snapshot`, `verdict` and `inspector` as signed.
 * - `snapshot`: the kit's snapshot, of any format the collector reads (`agentId` null: the
 *   kit does not enrol); `verdict`: what the kit judged on site with the catalog and rules it
 *   carries; `inspector`: who scanned (a name or key id, 1–200 characters); `signedAt`: when
 *   the envelope was signed (ISO date-time); `envelopeSha256`: hex SHA-256 of the envelope
 *   as imported, the scan's identity.
 * - Idempotent: an envelope already attached to this spot check answers `duplicate` with
 *   the machine it went to, and writes nothing.
 * - Matching: to a machine of the spot check by hardware UUID, then serial, then OS install
 *   id, then host name, the first that names exactly one (placeholders such as "To Be
 *   Filled By O.E.M." name none); `matchedBy` records which. A scan that matches none is an
 *   on-site pick, a new machine numbered after the others: an enrolled machine of the unit's
 *   subtree when it is one (its verdict frozen now, its unit and type its stratum), else a
 *   PC the collector does not know, in the spot check's unit, typed by the scan's chassis,
 *   which is itself a discrepancy (`not-enrolled`).
 * - The scan is kept whole beside the frozen evidence; the machine's discrepancies then
 *   include what the kit found that the frozen verdict did not (`scan-finds-more`), an
 *   agent silent past the reporting window when the PC was scanned (`agent-stopped`), and
 *   hardware that differs from the agent's when matched by name only.
 * - Refuses: a spot check that does not exist (404 E_NOT_FOUND) or is closed (409
 *   E_SPOT_CHECK_CLOSED), a scan that is not of the shape above (400 E_SCHEMA / E_INVALID).
 *   A refusal writes nothing; so does any error, the whole attach being one transaction.
 */
export const OnSiteScanInput = Type.Object({
  snapshot: Type.Union([Snapshot, SnapshotV1]),
  verdict: Verdict,
  inspector: Type.String({ minLength: 1, maxLength: 200 }),
  signedAt: Type.String({ minLength: 10, maxLength: 40 }),
  envelopeSha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
});
export type OnSiteScanInput = Static<typeof OnSiteScanInput>;

export interface AttachOutcome {
  /** `matched`: to a drawn machine; `picked`: added on site; `duplicate`: attached before, nothing written. */
  kind: 'matched' | 'picked' | 'duplicate';
  spotCheckId: number;
  /** The machine's number on the form (序号). */
  no: number;
  hostname: string;
  matchedBy: MatchedBy | null;
  discrepancies: Discrepancy[];
}

/** Checks the scan's shape before anything is read or written. */
export function checkScan(scan: unknown): OnSiteScanInput {
  const s = assertValid(OnSiteScanInput, scan, 'the on-site scan');
  if (Number.isNaN(Date.parse(s.signedAt))) throw new InvalidInputError(`the on-site scan's signedAt "${s.signedAt}" is not a date-time`);
  return s;
}

/** Adds the PC the scan matched no sampled machine of: the collector's machine, frozen now, or an unknown PC. */
async function pick(tx: StoreTx, d: SpotCheckDeps, spotCheck: { id: number; unitId: number }, entries: readonly EntryRow[], scan: OnSiteScanInput, at: string) {
  const m = scan.snapshot.machine;
  const identity = { hardwareUuid: m.hardwareUuid ?? null, serial: m.serial ?? null, machineId: m.machineId ?? null, hostname: m.hostname };
  const sampled = new Set(entries.map((e) => e.agentId));
  const population = await tx.spotChecks.population(await tx.units.subtreeIds(spotCheck.unitId));
  const known = matchScan(population.filter((p) => !sampled.has(p.id)), identity);
  const no = Math.max(0, ...entries.map((e) => e.no)) + 1;
  if (!known) {
    const entryId = await tx.spotChecks.addEntry(spotCheck.id, { no, origin: 'on-site', agentId: null, unitId: spotCheck.unitId, kind: machineKind(m.chassis), ...identity, frozenJson: null, frozenAt: null });
    return { entryId, no, matchedBy: null };
  }
  const p = known.match;
  const { facts, verdict } = await tx.spotChecks.evidence(p.id);
  const staleBefore = new Date(Date.parse(at) - d.staleAfterMs).toISOString();
  const frozen = freezeMachine({ lastSeen: p.lastSeen, user: p.user, assetNumber: p.assetNumber, facts, verdict, staleBefore });
  const entryId = await tx.spotChecks.addEntry(spotCheck.id, {
    no, origin: 'on-site', agentId: p.id, unitId: p.unitId, kind: machineKind(p.chassis), hostname: p.hostname,
    hardwareUuid: p.hardwareUuid, serial: p.serial, machineId: p.machineId, frozenJson: JSON.stringify(frozen), frozenAt: at,
  });
  return { entryId, no, matchedBy: known.by };
}

/** The attach inside a transaction the caller holds (`store.transaction`), e.g. one per imported bundle. */
export async function attachScanIn(tx: StoreTx, d: SpotCheckDeps, spotCheckId: number, input: unknown, who: Caller = 'cli'): Promise<AttachOutcome> {
  return attach(tx, d, spotCheckId, checkScan(input), who);
}

async function attach(tx: StoreTx, d: SpotCheckDeps, spotCheckId: number, scan: OnSiteScanInput, who: Caller): Promise<AttachOutcome> {
  const row = await tx.spotChecks.getForUpdate(spotCheckId);
  if (!row) throw new NotFoundError(`spot check #${spotCheckId}`);
  if (row.state === 'closed') throw new SpotCheckClosedError(spotCheckId);
  const sha256 = scan.envelopeSha256.toLowerCase();
  // The machine as the spot check now shows it: its own entry and scans, not the whole sample.
  const outcome = async (kind: AttachOutcome['kind'], entryId: number, matchedBy: MatchedBy | null): Promise<AttachOutcome> => {
    const entry = (await tx.spotChecks.entries(spotCheckId)).find((e) => e.id === entryId)!;
    const scans = (await tx.spotChecks.scans(spotCheckId)).filter((s) => s.entryId === entryId);
    const [machine] = machinesOf({ row, entries: [entry], scans, unitChecks: undefined }, d.staleAfterMs);
    return { kind, spotCheckId, no: entry.no, hostname: entry.hostname, matchedBy, discrepancies: machine!.discrepancies };
  };
  const before = await tx.spotChecks.scanByHash(spotCheckId, sha256);
  if (before) return outcome('duplicate', before.entryId, before.matchedBy);

  const at = d.now().toISOString();
  const entries = await tx.spotChecks.entries(spotCheckId);
  const m = scan.snapshot.machine;
  const hit = matchScan(entries, { hardwareUuid: m.hardwareUuid ?? null, serial: m.serial ?? null, machineId: m.machineId ?? null, hostname: m.hostname });
  const target = hit ? { entryId: hit.match.id, no: hit.match.no, matchedBy: hit.by } : await pick(tx, d, row, entries, scan, at);
  const agentId = hit ? hit.match.agentId : ((await tx.spotChecks.entries(spotCheckId)).find((e) => e.id === target.entryId)?.agentId ?? null);
  await tx.spotChecks.addScan(spotCheckId, {
    entryId: target.entryId, sha256, inspector: scan.inspector, signedAt: scan.signedAt, matchedBy: target.matchedBy,
    snapshotJson: JSON.stringify(scan.snapshot), verdictJson: JSON.stringify(scan.verdict), agentLastSeen: agentId === null ? null : await tx.spotChecks.agentLastSeen(agentId), attachedAt: at,
  });
  await tx.audit.record({
    at, actor: actorOf(who), action: 'spot-check.scan', target: `spot check #${spotCheckId}`,
    detail: { no: target.no, hostname: m.hostname, matchedBy: target.matchedBy, picked: !hit, inspector: scan.inspector, envelopeSha256: sha256 },
  });
  return outcome(hit ? 'matched' : 'picked', target.entryId, target.matchedBy);
}

/** Attaches one scan in a transaction of its own. */
export async function attachOnSiteScan(d: SpotCheckDeps, spotCheckId: number, scan: unknown, who: Caller = 'cli'): Promise<AttachOutcome> {
  // Checked before the write lock is taken: a malformed scan waits for no one.
  const checked = checkScan(scan);
  return d.store.transaction((tx) => attach(tx, d, spotCheckId, checked, who));
}
