import type { Finding, Verdict, VerdictStatus } from '@zhengban/shared';
import type { Outcome, SeatLicence } from './allocate.js';
import type { Assessment, Install } from './assessment.js';
import { type FindingOutline, overallStatus, verdictFindings } from './combine.js';
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

/** The registry's half of a verdict: one entitlement finding per install, and the status with the assessment's findings. */
export interface InstallJudgement {
  status: VerdictStatus;
  entitlement: Finding[];
}

/**
 * Judges the installs of an assessment from their seat outcomes (by product id). The
 * assessment's own findings count only through their outline, so a stored verdict is
 * judged again without reading them; `unit`, the machine's unit, is named in a finding
 * that no licence covers.
 */
export function judgeInstalls(
  installs: readonly Install[],
  outline: readonly FindingOutline[],
  outcomes: ReadonlyMap<string, Outcome>,
  licences: ReadonlyMap<number, SeatLicence>,
  unit?: string,
): InstallJudgement {
  const entitlement = installs.map((i) =>
    entitlementFinding(i, i.implicit ? { kind: 'implicit' } : (outcomes.get(i.productId) ?? { kind: 'none' }), licences, unit),
  );
  return { status: overallStatus([...outline, ...entitlement]), entitlement };
}

/** The verdict an assessment and the judgement of its installs make; every finding names the snapshot. */
export function verdictOf(a: Assessment, j: InstallJudgement, meta: { now: Date; rulesVersion: string }): Verdict {
  return {
    status: j.status,
    findings: verdictFindings(a.findings, j.entitlement, a.snapshotId),
    rulesVersion: meta.rulesVersion,
    decidedAt: meta.now.toISOString(),
    snapshotId: a.snapshotId,
    collectedAt: a.collectedAt,
  };
}

/** A whole verdict from an assessment and the seat outcomes of its installs (by product id). */
export function judgeMachine(
  a: Assessment,
  outcomes: ReadonlyMap<string, Outcome>,
  licences: ReadonlyMap<number, SeatLicence>,
  meta: { now: Date; rulesVersion: string; unit?: string },
): Verdict {
  return verdictOf(a, judgeInstalls(a.installs, a.findings, outcomes, licences, meta.unit), meta);
}
