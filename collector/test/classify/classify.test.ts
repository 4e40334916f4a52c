import { assertValid, Verdict, type Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { categoryResults, classifyMachine, RULES_VERSION } from '../../src/classify/index.js';
import { clamav, ctx, debian, debianComplete, huorong, libreOffice, NOW, windows, ruleFindings } from './builders.js';

function findingsOf(s: Snapshot, trusted: string[] = []) {
  return ruleFindings(classifyMachine(s, ctx(trusted)).findings);
}

describe('classifyMachine', () => {
  it('judges Debian without office or antivirus unauthorized, naming what is missing', () => {
    const s = debian();
    s.software = Array.from({ length: 710 }, (_, i) => ({ name: `pkg${i}`, source: 'dpkg' }));
    const v = classifyMachine(s, ctx());
    expect(v.status).toBe('unauthorized');
    expect(v.findings.map((f) => [f.category, f.code, f.passed])).toEqual([
      ['os', 'licensed', true],
      ['office', 'missing', false],
      ['antivirus', 'missing', false],
    ]);
    expect(v.findings[0]?.facts).toEqual(expect.arrayContaining(['os.id = debian', 'os.activation.state = not-applicable']));
    expect(v.findings[1]?.message).toBe('No office suite found among 710 programs installed.');
    expect(v.findings[1]?.facts).toContain('office = [] (710 programs inventoried)');
    expect(v.findings[2]?.messageZh).toBe('未安装杀毒软件。');
  });

  it('judges Debian with LibreOffice and an enabled ClamAV licensed', () => {
    const v = classifyMachine(debianComplete(), ctx());
    expect(v.status).toBe('licensed');
    expect(v.findings.every((f) => f.passed)).toBe(true);
    expect(categoryResults(v.findings)).toEqual({ os: true, office: true, antivirus: true, other: true });
  });

  it('stamps the rules version and the decision time from the context', () => {
    const v = classifyMachine(debianComplete(), ctx());
    expect(v.rulesVersion).toContain(RULES_VERSION);
    expect(v.decidedAt).toBe(NOW.toISOString());
  });

  it('makes an activated Windows unauthorized when a crack trace is present, naming the evidence', () => {
    const s = windows();
    s.office = [{ ...libreOffice(), name: 'LibreOffice 24.2' }];
    s.antivirus = [huorong()];
    s.indicators = [
      {
        kind: 'crack-activator',
        description: 'KMS_VL_ALL hook DLL',
        evidence: ['C:\\Windows\\System32\\SppExtComObjHook.dll'],
      },
    ];
    const v = classifyMachine(s, ctx());
    expect(v.status).toBe('unauthorized');
    const os = ruleFindings(v.findings).filter((f) => f.category === 'os');
    expect(os.map((f) => f.code)).toEqual(['licensed', 'crack-activator']);
    expect(os[1]?.subject).toBe('Microsoft Windows 10 Pro');
    expect(os[1]?.message).toContain('SppExtComObjHook.dll');
    expect(os[1]?.messageZh).toContain('破解激活工具');
    expect(os[1]?.facts).toContain('indicators[0].evidence[0] = C:\\Windows\\System32\\SppExtComObjHook.dll');
  });

  it('puts an Office crack trace under office', () => {
    const s = windows();
    s.office = [{ name: 'Microsoft Office 专业增强版 2019', source: 'registry:ClickToRun', activation: { state: 'activated' } }];
    s.antivirus = [huorong()];
    s.indicators = [{ kind: 'crack-activator', description: 'Ohook Office activator', evidence: ['vfs\\System\\sppc.dll'] }];
    const v = classifyMachine(s, ctx());
    const crack = v.findings.find((f) => f.code === 'crack-activator');
    expect(crack?.category).toBe('office');
    expect(crack?.subject).toBe('Microsoft Office 专业增强版 2019');
    expect(v.status).toBe('unauthorized');
  });

  it('files a trace under the category the agent gives, whatever its wording', () => {
    const s = windows();
    s.office = [{ name: 'Microsoft Office 专业增强版 2019', source: 'registry:ClickToRun', activation: { state: 'activated' } }];
    s.antivirus = [huorong()];
    s.indicators = [{ kind: 'kms-host-loopback', category: 'office', description: 'KMS host set to loopback for Windows and Office', evidence: ['127.0.0.2'] }];
    const crack = classifyMachine(s, ctx()).findings.find((f) => f.code === 'crack-activator');
    expect(crack?.category).toBe('office');
  });

  it('orders findings os, office, antivirus whatever the rules emit', () => {
    const s = debianComplete();
    s.indicators = [{ kind: 'antivirus-tamper', description: 'antivirus licence patched', evidence: [] }];
    const v = classifyMachine(s, ctx());
    expect(ruleFindings(v.findings).map((f) => f.category)).toEqual(['os', 'office', 'antivirus', 'antivirus']);
    expect(v.status).toBe('unauthorized');
  });

  it('keeps product names in Chinese as subjects and in the Chinese message', () => {
    const s = windows();
    s.office = [{ name: 'WPS Office 2019 专业版', source: 'registry:Kingsoft', activation: { state: 'activated', channel: 'Volume' } }];
    s.antivirus = [huorong()];
    const v = classifyMachine(s, ctx());
    expect(v.status).toBe('licensed');
    expect(ruleFindings(v.findings).map((f) => f.subject)).toEqual(['Microsoft Windows 10 Pro', 'WPS Office 2019 专业版', '火绒终端安全管理系统']);
    expect(ruleFindings(v.findings)[1]?.messageZh).toBe('办公软件“WPS Office 2019 专业版”已激活，为正版（渠道 Volume）。');
  });

  describe('every verdict', () => {
    const scenarios: Record<string, () => Snapshot> = {
      'bare debian': debian,
      'complete debian': debianComplete,
      'windows notification': () => windows({ state: 'notification', reason: 'LicenseStatus 5, reason 0xC004F200' }),
      'windows public kms': () => windows({ channel: 'Volume:GVLK', kmsHost: 'kms.03k.org' }),
      'kylin unknown': () => ({ ...debian(), os: { family: 'linux', name: '银河麒麟桌面操作系统 V10', id: 'kylin', arch: 'x64', activation: { state: 'unknown' } } }),
      'disabled antivirus': () => ({ ...debianComplete(), antivirus: [clamav({ enabled: false, upToDate: null })] }),
      'over-long reason': () => windows({ state: 'unknown', reason: '很长的原因'.repeat(100) }),
      'many evidence lines': () => ({
        ...windows(),
        indicators: [{ kind: 'crack-activator', description: 'x'.repeat(500), evidence: Array.from({ length: 50 }, () => 'e'.repeat(1000)) }],
      }),
    };
    for (const [name, build] of Object.entries(scenarios)) {
      it(`${name}: validates and says why in both languages`, () => {
        const v = assertValid(Verdict, classifyMachine(build(), ctx()), 'verdict');
        expect(v.findings.length).toBeGreaterThan(0);
        for (const f of v.findings) {
          expect(f.message.trim()).not.toBe('');
          expect(f.messageZh.trim()).not.toBe('');
          expect(f.facts.length).toBeGreaterThan(0);
          expect(f.passed).toBe(f.code === 'licensed');
        }
      });
    }
  });

  it('is pure: the same snapshot and context give the same verdict', () => {
    const s = windows({ kmsHost: '127.0.0.2' });
    expect(findingsOf(s)).toEqual(findingsOf(structuredClone(s)));
  });
});
