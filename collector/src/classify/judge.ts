import type { Finding, Verdict } from '@zhengban/shared';
import type { Outcome, SeatLicence } from './allocate.js';
import type { Assessment, Install } from './assessment.js';
import { orderFindings, overallStatus } from './combine.js';
import { entitlementJudgement } from './entitlement.js';
import { fact, makeFinding } from './finding.js';

function licenceFacts(o: Outcome, licences: ReadonlyMap<number, SeatLicence>): string[] {
  if (o.kind === 'implicit') return [fact('entitlement', 'OEM key in the PC firmware')];
  if (o.kind === 'none') return [fact('entitlement', o.near ? `none (nearest: licence #${o.near.licenceId}, ${o.near.mismatch})` : 'none registered')];
  const l = licences.get(o.licenceId);
  // A holder's facts name the licence, not its seats or dates (see licenceLabel).
  const counted = o.kind !== 'covered' && l ? `, seats ${l.seats ?? 'unlimited'}${l.validUntil ? `, until ${l.validUntil}` : ''}` : '';
  const facts = [fact('licence', l ? `#${l.id} ${l.productId}${l.edition ? `/${l.edition}` : ''} ${l.model}, unit ${l.unit}${counted}` : `#${o.licenceId}`)];
  if (o.kind === 'over-allocated') facts.push(fact('licence.queuePosition', o.position));
  return facts;
}

export function entitlementFinding(i: Install, o: Outcome, licences: ReadonlyMap<number, SeatLicence>, unit?: string): Finding {
  return makeFinding(i.category, i.subject, entitlementJudgement(i, o, licences, unit), [...i.facts, ...licenceFacts(o, licences)]);
}

/**
 * A verdict from an assessment and the seat outcomes of its installs (by product id).
 * Every finding names the snapshot it rests on; `meta.unit`, the machine's unit, is
 * named in a finding that no licence covers.
 */
export function judgeMachine(
  a: Assessment,
  outcomes: ReadonlyMap<string, Outcome>,
  licences: ReadonlyMap<number, SeatLicence>,
  meta: { now: Date; rulesVersion: string; unit?: string },
): Verdict {
  const entitlement = a.installs.map((i) =>
    entitlementFinding(i, i.implicit ? { kind: 'implicit' } : (outcomes.get(i.productId) ?? { kind: 'none' }), licences, meta.unit),
  );
  const findings = orderFindings([...a.findings, ...entitlement]).map((f) => ({ ...f, snapshotId: a.snapshotId }));
  return {
    status: overallStatus(findings),
    findings,
    rulesVersion: meta.rulesVersion,
    decidedAt: meta.now.toISOString(),
    snapshotId: a.snapshotId,
    collectedAt: a.collectedAt,
  };
}
