import { describe, expect, it } from 'vitest';
import type { Finding, Verdict } from '@zhengban/shared';
import type { FrozenMachine, OnSiteRecord } from '../../src/schema/spot-checks.js';
import { discrepanciesOf, type DiscrepancyInput } from '../../src/spotcheck/discrepancies.js';
import { matchScan } from '../../src/spotcheck/match-scan.js';

const osLicensed: Finding = { category: 'os', code: 'licensed', passed: true, subject: 'Windows 10 Pro', message: 'ok', messageZh: '正版', facts: ['os.activation.state = activated'] };
const crack: Finding = { category: 'os', code: 'crack-activator', passed: false, subject: 'KMSpico', message: 'a crack activator', messageZh: '破解激活工具', facts: ['service = KMSELDI'] };
const verdict = (findings: Finding[]): Verdict => ({ status: findings.every((f) => f.passed) ? 'licensed' : 'unauthorized', findings, rulesVersion: 'r', decidedAt: '2026-11-20T08:00:00.000Z' });
const frozen: FrozenMachine = {
  state: 'reporting', lastSeen: '2026-11-20T08:00:00.000Z', user: null, assetNumber: null, machine: { hostname: 'czj-01', chassis: 'desktop', serial: 'SN-1' },
  os: { family: 'windows', name: 'Windows 10 Pro', id: 'windows', arch: 'x64', activation: { state: 'activated', channel: 'OEM:DM' } },
  office: [], antivirus: [], verdict: verdict([osLicensed]),
};
const record = (r: Partial<OnSiteRecord>): OnSiteRecord => ({ labelMatches: 'yes', agentPresent: 'yes', agentReporting: 'yes', unreported: [], remark: null, recordedAt: 't', recordedBy: 'cli', ...r });
const input = (d: Partial<DiscrepancyInput>): DiscrepancyInput => ({ enrolled: true, hostname: 'czj-01', identity: { hardwareUuid: null, serial: 'SN-1' }, frozen, record: null, scan: null, staleAfterMs: 48 * 3_600_000, ...d });
const codes = (d: DiscrepancyInput) => discrepanciesOf(d).map((x) => x.code);

describe('discrepancies between the site and the agent', () => {
  it('finds none where the inspector saw what the agent reported', () => {
    expect(discrepanciesOf(input({ record: record({}) }))).toEqual([]);
  });

  it('puts the agent removed or stopped first, in the campaign\'s words', () => {
    const d = discrepanciesOf(input({ record: record({ agentPresent: 'no', unreported: ['KMSpico'], labelMatches: 'no' }) }));
    expect(d.map((x) => x.code)).toEqual(['agent-missing', 'unreported-software', 'label-mismatch']);
    expect(d[0]!.messageZh).toBe('代理程序被卸载或停止：现场未见代理程序');
    expect(d[1]!.messageZh).toBe('现场发现代理程序未上报的软件：KMSpico');
    expect(d[2]!.messageZh).toBe('标签与上报不符：代理程序报告操作系统为 OEM 预装激活（OEM:DM），现场未见相符的正版标签或授权文件');
    expect(d[2]!.facts).toContain('os.activation.channel = OEM:DM');
  });

  it('says the agent is stopped when it was present but not reporting', () => {
    expect(codes(input({ record: record({ agentReporting: 'no' }) }))).toEqual(['agent-stopped']);
  });

  it("marks what the kit found and the frozen verdict did not, and an agent silent when the PC was scanned", () => {
    const scan = { verdict: verdict([osLicensed, crack]), machine: { hostname: 'czj-01', chassis: 'desktop' as const, serial: 'SN-1' }, collectedAt: '2026-11-25T08:00:00.000Z', matchedBy: 'serial' as const, agentLastSeen: '2026-11-20T08:00:00.000Z' };
    const d = discrepanciesOf(input({ scan }));
    expect(d.map((x) => x.code)).toEqual(['agent-stopped', 'scan-finds-more']);
    expect(d[1]!.messageZh).toBe('现场扫描发现代理程序未报告的问题：操作系统「KMSpico」破解激活');
    expect(d[0]!.facts).toEqual(['scan.collectedAt = 2026-11-25T08:00:00.000Z', 'agent.lastSeen = 2026-11-20T08:00:00.000Z']);
  });

  it('names a PC found on site without an agent, and hardware that differs from a name-only match', () => {
    expect(codes(input({ enrolled: false, frozen: null }))).toEqual(['not-enrolled']);
    const scan = { verdict: verdict([osLicensed]), machine: { hostname: 'czj-01', chassis: 'desktop' as const, serial: 'SN-OTHER' }, collectedAt: '2026-11-20T09:00:00.000Z', matchedBy: 'hostname' as const, agentLastSeen: '2026-11-20T08:00:00.000Z' };
    expect(codes(input({ scan }))).toEqual(['hardware-mismatch']);
  });
});

describe('matching a scan to a sampled machine', () => {
  const sampled = [
    { no: 1, hardwareUuid: 'AAAA', serial: 'To Be Filled By O.E.M.', machineId: 'm1', hostname: 'pc-1' },
    { no: 2, hardwareUuid: null, serial: 'To Be Filled By O.E.M.', machineId: 'clone', hostname: 'pc-2' },
    { no: 3, hardwareUuid: null, serial: 'SN-3', machineId: 'clone', hostname: 'PC-3' },
  ];
  it('goes by hardware UUID, serial, OS install id, then host name, skipping placeholders and values two machines share', () => {
    expect(matchScan(sampled, { hardwareUuid: 'aaaa', serial: null, machineId: null, hostname: 'x' })).toMatchObject({ match: { no: 1 }, by: 'hardwareUuid' });
    expect(matchScan(sampled, { hardwareUuid: null, serial: 'To Be Filled By O.E.M.', machineId: 'clone', hostname: 'pc-2' })).toMatchObject({ match: { no: 2 }, by: 'hostname' });
    expect(matchScan(sampled, { hardwareUuid: null, serial: 'sn-3', machineId: null, hostname: 'elsewhere' })).toMatchObject({ match: { no: 3 }, by: 'serial' });
    expect(matchScan(sampled, { hardwareUuid: null, serial: null, machineId: 'm1', hostname: 'pc-9' })).toMatchObject({ match: { no: 1 }, by: 'machineId' });
    expect(matchScan(sampled, { hardwareUuid: 'BBBB', serial: null, machineId: null, hostname: 'pc-9' })).toBeUndefined();
  });
});
