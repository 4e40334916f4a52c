import type { ReportOutcome } from './report.js';

/** The collector names a machine by its agent id (`GET /api/v1/machines/:id`). */
export function machineIdOf(o: ReportOutcome): string {
  return o.answer?.agentId ?? o.snapshot.agentId ?? o.snapshot.machine.hostname;
}

/** What `report` prints on stdout after a delivery: the verdict, finding by finding. */
export function formatReport(o: ReportOutcome): string[] {
  const lines: string[] = [];
  if (o.serverUrl === null) {
    lines.push(`offline: snapshot seq ${o.seq} kept in the spool (${o.waiting ?? 1} waiting); carry them out with: zhengban-agent export --out FILE`);
    lines.push(`machine: ${machineIdOf(o)} (${o.snapshot.machine.hostname})`);
    return lines;
  }
  const earlier = o.delivered > 0 ? ` after ${o.delivered} spooled snapshot(s)` : '';
  const dup = o.answer?.duplicate ? ' (already stored; same answer as before)' : '';
  lines.push(`delivered snapshot seq ${o.seq} to ${o.serverUrl}${earlier}${dup}`);
  lines.push(`machine: ${machineIdOf(o)} (${o.snapshot.machine.hostname})`);
  if (!o.answer) {
    lines.push('verdict: unknown (the collector accepted the snapshot but its answer was unreadable)');
    return lines;
  }
  const v = o.answer.verdict;
  lines.push(`verdict: ${v.status} (rules ${v.rulesVersion}, decided ${v.decidedAt})`);
  const catWidth = Math.max(0, ...v.findings.map((f) => f.category.length));
  const codeWidth = Math.max(0, ...v.findings.map((f) => f.code.length));
  for (const f of v.findings) {
    const zh = f.messageZh && f.messageZh !== f.message ? ` / ${f.messageZh}` : '';
    lines.push(`  ${f.category.padEnd(catWidth)}  ${f.code.padEnd(codeWidth)}  ${f.message}${zh}`);
  }
  return lines;
}

/** The daemon's one log line per run. */
export function formatReportLine(o: ReportOutcome): string {
  if (o.serverUrl === null) return `report ok: offline, seq ${o.seq} spooled (${o.waiting ?? 1} waiting for export), machine ${machineIdOf(o)}`;
  const status = o.answer?.verdict.status ?? 'unknown';
  const failed = o.answer?.verdict.findings.filter((f) => !f.passed).length ?? 0;
  return `report ok: seq ${o.seq} delivered to ${o.serverUrl}, machine ${machineIdOf(o)}, ${status}` +
    `${failed ? ` (${failed} finding(s))` : ''}${o.delivered ? `, ${o.delivered} spooled delivered` : ''}` +
    `${o.rejected ? `, ${o.rejected} rejected` : ''}`;
}
