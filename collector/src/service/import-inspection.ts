import { createHash } from 'node:crypto';
import {
  assertValid, InspectionRecordHead, parseJson, SignatureError, verifyBytes,
  type InspectionEnvelope, type InspectionRecordHead as RecordHead, type Verdict,
} from '@zhengban/shared';
import { compileLists } from '../classify/lists.js';
import { judgeWith } from '../kit/judge-on-site.js';
import { judgingNow } from '../kit/judging-now.js';
import type { Inspector } from '../store/inspector-types.js';
import type { InspectionImported } from './bundle-import.js';
import { InvalidInputError } from './errors.js';
import type { IngestDeps } from './ingest-service.js';
import { InspectionMismatchError, InspectorRevokedError, NoSpotCheckError, UnknownInspectorError } from './inspector-errors.js';
import { attachOnSiteScan } from './spot-check-scan.js';
import { readSnapshot } from './snapshot-read.js';

export interface InspectionImportDeps extends Pick<IngestDeps, 'store' | 'policy' | 'catalog' | 'now'> {
  /** When a sampled machine counts as silent (serve's --stale-after); 48 h unless given. */
  staleAfterMs?: number;
}

const DEFAULT_STALE_MS = 48 * 3_600_000;

/** The registered, unrevoked inspector an envelope names. */
async function inspectorOf(deps: InspectionImportDeps, id: string): Promise<Inspector> {
  const inspector = /^[1-9]\d{0,15}$/.test(id) ? await deps.store.read.inspectors.find(Number(id)) : undefined;
  if (!inspector) throw new UnknownInspectorError(id);
  if (inspector.revokedAt !== null) throw new InspectorRevokedError(inspector.id, inspector.name, inspector.revokedAt);
  return inspector;
}

/** The signed record, checked against the key, its own envelope and the kit it claims. */
function openRecord(envelope: InspectionEnvelope, inspector: Inspector): RecordHead {
  if (!verifyBytes(Buffer.from(envelope.payload, 'utf8'), envelope.signature, inspector.publicKey)) {
    throw new SignatureError(`the inspection is not signed by the key of inspector ${inspector.id} (${inspector.name}) registered here: changed after it was signed, or made for another collector`);
  }
  const record = assertValid(InspectionRecordHead, parseJson(envelope.payload, 'the inspection record'), 'the inspection record');
  if (record.inspectorId !== envelope.inspectorId || record.kitId !== inspector.kitId) {
    throw new InspectionMismatchError(`the record names inspector ${record.inspectorId} and kit ${record.kitId}; it came signed as inspector ${inspector.id} of kit ${inspector.kitId}`);
  }
  return record;
}

function spotCheckOf(record: RecordHead, given: number | string | undefined, hostname: string): number {
  const id = record.spotCheckId ?? (given === undefined ? undefined : String(given));
  if (id === undefined) throw new NoSpotCheckError(hostname);
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new InvalidInputError(`spot check "${id}" is not a spot check number`);
  return Number(id);
}

/** The scan judged by today's rules, catalog, lists and licences, as a machine of the kit's unit standing alone. */
async function judgedToday(deps: InspectionImportDeps, record: RecordHead, snapshot: ReturnType<typeof readSnapshot>): Promise<Verdict> {
  const unit = record.unit === null ? undefined : await deps.store.read.units.findByName(record.unit);
  const catalog = await deps.catalog();
  const judging = await judgingNow(deps.store, catalog, { unitId: unit?.id ?? null, trustedKmsHosts: deps.policy.trustedKmsHosts });
  return judgeWith(snapshot, judging, { catalog, lists: compileLists(judging.lists) }, unit ? unit.name : null, deps.now());
}

/**
 * Takes in one scan an inspector's kit made on site (`zhengban-agent inspect`): the
 * signature against the inspector's registered key (unknown or revoked: refused), the
 * record and its snapshot against the collector's schemas, then the scan attached to its
 * spot check (the record's, else `options.spotCheckId`) with the verdict the kit gave on
 * site. The scan is judged again by today's rules for the report's status; a scan attached
 * before is named so and changes nothing.
 */
export async function importInspection(
  deps: InspectionImportDeps,
  envelope: InspectionEnvelope,
  options: { spotCheckId?: number | string },
): Promise<InspectionImported> {
  const inspector = await inspectorOf(deps, envelope.inspectorId);
  const record = openRecord(envelope, inspector);
  const snapshot = readSnapshot(record.snapshot);
  const hostname = snapshot.machine.hostname;
  const spotCheckId = spotCheckOf(record, options.spotCheckId, hostname);
  const today = await judgedToday(deps, record, snapshot);
  const line = JSON.stringify({ kind: envelope.kind, inspectorId: envelope.inspectorId, payload: envelope.payload, signature: envelope.signature });
  const attached = await attachOnSiteScan({ store: deps.store, now: deps.now, staleAfterMs: deps.staleAfterMs ?? DEFAULT_STALE_MS }, spotCheckId, {
    snapshot,
    verdict: record.verdict,
    inspector: `${inspector.name} (#${inspector.id})`,
    signedAt: record.inspectedAt,
    envelopeSha256: createHash('sha256').update(line).digest('hex'),
  });
  const onSite = record.verdict.status === today.status ? '' : ` (on site ${record.verdict.status})`;
  const how = attached.kind === 'duplicate' ? ', attached before' : attached.kind === 'picked' ? `, picked on site as no. ${attached.no}` : `, no. ${attached.no}`;
  return { spotCheckId, hostname, matchedBy: attached.matchedBy ?? 'none', status: `${today.status}${onSite}${how}` };
}
