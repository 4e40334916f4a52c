import type { Antivirus, Finding, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { categoryResults, classifyMachine } from '../../src/classify/index.js';
import { clamav, ctx, debianComplete, huorong, ruleFindings } from './builders.js';

function withAv(...av: Antivirus[]): Snapshot {
  return { ...debianComplete(), antivirus: av };
}

function avFindings(s: Snapshot): Finding[] {
  return ruleFindings(classifyMachine(s, ctx()).findings).filter((f) => f.category === 'antivirus');
}

describe('antivirus rule', () => {
  it('fails a PC with no antivirus as missing', () => {
    const v = classifyMachine(withAv(), ctx());
    expect(v.findings.find((f) => f.category === 'antivirus')).toMatchObject({ code: 'missing', subject: 'antivirus' });
    expect(v.status).toBe('unauthorized');
  });

  it('calls a consumer edition personal-use-only beside its protection state', () => {
    const [personal, protection] = avFindings(withAv(huorong({ name: '火绒安全软件' })));
    expect(personal).toMatchObject({ code: 'personal-use-only', passed: false, subject: '火绒安全软件' });
    expect(personal?.messageZh).toContain('仅授权个人使用');
    expect(protection?.code).toBe('licensed');
  });

  it('calls an antivirus with real-time protection off disabled', () => {
    const [f] = avFindings(withAv(huorong({ enabled: false })));
    expect(f).toMatchObject({ code: 'disabled', passed: false, subject: '火绒终端安全管理系统' });
    expect(f?.messageZh).toBe('杀毒软件“火绒终端安全管理系统”已安装，但实时防护已关闭。');
    expect(f?.facts).toContain('antivirus[0].enabled = false');
  });

  it('passes the category when one product protects the PC and another is disabled', () => {
    const v = classifyMachine(withAv(huorong(), clamav({ enabled: false })), ctx());
    expect(avFindings(withAv(huorong(), clamav({ enabled: false }))).map((f) => f.code)).toEqual(['licensed', 'disabled']);
    expect(categoryResults(v.findings).antivirus).toBe(true);
    expect(v.status).toBe('licensed');
  });

  it('passes out-of-date definitions but says so', () => {
    const [f] = avFindings(withAv(huorong({ upToDate: false })));
    expect(f?.code).toBe('licensed');
    expect(f?.message).toContain('virus definitions are out of date');
    expect(f?.messageZh).toContain('病毒库未更新');
    expect(f?.facts).toContain('antivirus[0].upToDate = false');
  });

  it('passes a product that does not tell whether it is on, quoting null', () => {
    const [f] = avFindings(withAv(clamav({ enabled: null, upToDate: null })));
    expect(f?.code).toBe('licensed');
    expect(f?.facts).toContain('antivirus[0].enabled = null');
  });

  it('fails an antivirus whose own licensing has expired', () => {
    const [f] = avFindings(withAv(huorong({ activation: { state: 'expired', reason: '授权已于 2026-06-30 到期' } })));
    expect(f?.code).toBe('expired');
    expect(f?.messageZh).toContain('授权已于 2026-06-30 到期');
  });

  it('says "unknown", not "missing", when the antivirus collector failed', () => {
    const s = withAv();
    s.collectionErrors = [{ source: 'antivirus', code: 'WMI_FAILED', message: 'SecurityCenter2 unavailable' }];
    expect(avFindings(s)[0]?.code).toBe('unknown');
  });
});
