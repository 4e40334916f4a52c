import type { Finding, Machine, Verdict } from '@zhengban/shared';
import { CATEGORY_WORDS, FINDING_WORDS } from '../reports/finding-words.js';
import type { Discrepancy, FrozenMachine, MatchedBy, OnSiteRecord } from '../schema/spot-checks.js';
import { identityValue } from './match-scan.js';

/**
 * Where what was seen on site and what the agent reported disagree (pure). The agent's
 * own absence comes first: removing or stopping it is what a unit under inspection
 * tries first, and every other comparison rests on the agent having reported.
 */
export interface ScanFacts {
  verdict: Verdict;
  machine: Machine;
  collectedAt: string;
  matchedBy: MatchedBy | null;
  /** The matched machine's last report when the scan was attached. */
  agentLastSeen: string | null;
}

export interface DiscrepancyInput {
  /** A machine the collector knows (it has an agent id). */
  enrolled: boolean;
  hostname: string;
  identity: { hardwareUuid: string | null; serial: string | null };
  frozen: FrozenMachine | null;
  record: OnSiteRecord | null;
  scan: ScanFacts | null;
  staleAfterMs: number;
}

const AGENT_GONE = { zh: '代理程序被卸载或停止', en: 'The agent was removed or stopped' };

const failedKey = (f: Finding) => `${f.category}|${f.code}|${f.subject}`;
const findingLine = (f: Finding) => ({
  zh: `${CATEGORY_WORDS[f.category].zh}「${f.subject}」${FINDING_WORDS[f.code].zh}`,
  en: `${CATEGORY_WORDS[f.category].en} "${f.subject}": ${FINDING_WORDS[f.code].en}`,
});

function agentGone(d: DiscrepancyInput): Discrepancy[] {
  const out: Discrepancy[] = [];
  const lastSeen = `lastSeen = ${d.frozen?.lastSeen ?? 'never'}`;
  if (!d.enrolled) {
    out.push({
      code: 'not-enrolled',
      messageZh: `${AGENT_GONE.zh}：现场发现的计算机 ${d.hostname} 没有代理程序，平台上没有它的记录`,
      message: `${AGENT_GONE.en}: the computer ${d.hostname} found on site has no agent and is unknown to the collector`,
      facts: [`hostname = ${d.hostname}`, ...(d.scan ? [`scan.collectedAt = ${d.scan.collectedAt}`] : [])],
    });
  }
  if (d.record?.agentPresent === 'no') {
    out.push({ code: 'agent-missing', messageZh: `${AGENT_GONE.zh}：现场未见代理程序`, message: `${AGENT_GONE.en}: no agent was found on the PC`, facts: ['onSite.agentPresent = no', lastSeen] });
  }
  const facts: string[] = [];
  if (d.record?.agentReporting === 'no' && d.record.agentPresent !== 'no') facts.push('onSite.agentReporting = no', lastSeen);
  // The kit's scan says when the PC was seen; an agent silent past the window by then was stopped.
  if (d.enrolled && d.scan) {
    const seen = d.scan.agentLastSeen;
    const silentMs = seen === null ? Infinity : Date.parse(d.scan.collectedAt) - Date.parse(seen);
    if (silentMs > d.staleAfterMs) facts.push(`scan.collectedAt = ${d.scan.collectedAt}`, `agent.lastSeen = ${seen ?? 'never'}`);
  }
  if (facts.length > 0) {
    out.push({
      code: 'agent-stopped',
      messageZh: `${AGENT_GONE.zh}：代理程序未运行或未按期上报`,
      message: `${AGENT_GONE.en}: the agent is not running or has not reported in time`,
      facts: [...new Set(facts)],
    });
  }
  return out;
}

/** Problems the kit found that the frozen verdict did not name (a crack tool put back after the draw…). */
function scanFindsMore(d: DiscrepancyInput): Discrepancy[] {
  if (!d.enrolled || !d.scan) return [];
  const known = new Set((d.frozen?.verdict?.findings ?? []).filter((f) => !f.passed).map(failedKey));
  const more = d.scan.verdict.findings.filter((f) => !f.passed && !known.has(failedKey(f)));
  if (more.length === 0) return [];
  const lines = more.map(findingLine);
  return [
    {
      code: 'scan-finds-more',
      messageZh: `现场扫描发现代理程序未报告的问题：${lines.map((l) => l.zh).join('；')}`,
      message: `The scan on site found what the agent did not report: ${lines.map((l) => l.en).join('; ')}`,
      facts: more.flatMap((f) => f.facts.slice(0, 3)),
    },
  ];
}

function seenOnSite(d: DiscrepancyInput): Discrepancy[] {
  const out: Discrepancy[] = [];
  const unreported = d.record?.unreported ?? [];
  if (unreported.length > 0) {
    out.push({
      code: 'unreported-software',
      messageZh: `现场发现代理程序未上报的软件：${unreported.join('、')}`,
      message: `Software seen on site that the agent did not report: ${unreported.join(', ')}`,
      facts: unreported.map((s) => `onSite.software = ${s}`),
    });
  }
  if (d.record?.labelMatches === 'no') {
    const activation = d.frozen?.os?.activation;
    const channel = activation?.channel ?? '';
    const facts = ['onSite.labelMatches = no', ...(d.frozen?.os ? [`os.name = ${d.frozen.os.name}`] : []), ...(channel ? [`os.activation.channel = ${channel}`] : [])];
    const oem = /oem/i.test(channel);
    out.push({
      code: 'label-mismatch',
      messageZh: oem
        ? `标签与上报不符：代理程序报告操作系统为 OEM 预装激活（${channel}），现场未见相符的正版标签或授权文件`
        : '标签与上报不符：现场所见正版标签或授权文件与代理程序上报的不一致',
      message: oem
        ? `The label does not match: the agent reported an OEM activation (${channel}), but no matching label or licence document was seen`
        : 'The label does not match: the licence label or document seen on site differs from what the agent reported',
      facts,
    });
  }
  return out;
}

/** A scan matched by name only, whose serial or hardware UUID is another machine's (placeholders name none). */
function hardwareMismatch(d: DiscrepancyInput): Discrepancy[] {
  if (!d.enrolled || !d.scan || (d.scan.matchedBy !== 'hostname' && d.scan.matchedBy !== 'machineId')) return [];
  const facts: string[] = [];
  const differ = (field: 'hardwareUuid' | 'serial') => {
    const seen = identityValue(d.scan!.machine[field]);
    const known = identityValue(d.identity[field]);
    if (seen && known && seen !== known) facts.push(`agent.${field} = ${d.identity[field]}`, `scan.${field} = ${d.scan!.machine[field]}`);
  };
  differ('hardwareUuid');
  differ('serial');
  if (facts.length === 0) return [];
  return [
    {
      code: 'hardware-mismatch',
      messageZh: '现场扫描的计算机与代理程序上报的硬件不一致：可能更换了计算机，或代理程序被移装到另一台计算机',
      message: 'The computer scanned on site is not the hardware the agent reported: the PC may have been replaced, or the agent moved to another one',
      facts,
    },
  ];
}

export function discrepanciesOf(d: DiscrepancyInput): Discrepancy[] {
  return [...agentGone(d), ...scanFindsMore(d), ...seenOnSite(d), ...hardwareMismatch(d)];
}
