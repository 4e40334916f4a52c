import type { Finding, OfficeSuite, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { categoryResults, classifyMachine } from '../../src/classify/index.js';
import { ctx, debianComplete, libreOffice, ruleFindings } from './builders.js';

function withOffice(...suites: OfficeSuite[]): Snapshot {
  return { ...debianComplete(), office: suites };
}

function officeFindings(s: Snapshot, trusted: string[] = []): Finding[] {
  return ruleFindings(classifyMachine(s, ctx(trusted)).findings).filter((f) => f.category === 'office');
}

const wps = (activation: OfficeSuite['activation']): OfficeSuite => ({
  name: 'WPS Office 2019 专业版',
  vendor: '北京金山办公软件股份有限公司',
  source: 'registry:Kingsoft',
  activation,
});

describe('office rule', () => {
  it('licenses LibreOffice and Apache OpenOffice by name', () => {
    const aoo: OfficeSuite = { ...libreOffice(), name: 'Apache OpenOffice 4.1.15' };
    const found = officeFindings(withOffice(libreOffice(), aoo));
    expect(found.map((f) => f.code)).toEqual(['licensed', 'licensed']);
    expect(found[0]?.facts).toContain('office[0].activation.state = not-applicable');
  });

  it('leaves WPS without activation to the registry: covered when bought, no-entitlement when not', () => {
    const s = withOffice(wps({ state: 'not-applicable' }));
    expect(officeFindings(s)).toEqual([]);
    const bought = classifyMachine(s, ctx()).findings.filter((f) => f.category === 'office');
    expect(bought.map((f) => [f.code, f.subject])).toEqual([['licensed', 'WPS Office 2019 专业版']]);
    const none = classifyMachine(s, { ...ctx(), licences: [] }).findings.filter((f) => f.category === 'office');
    expect(none.map((f) => f.code)).toEqual(['no-entitlement']);
    expect(none[0]?.messageZh).toContain('台账中没有');
  });

  it('calls the WPS personal edition personal-use-only whatever its activation says', () => {
    const personal: OfficeSuite = { ...wps({ state: 'unknown', reason: 'personal edition; WPS has no readable activation state' }), name: 'WPS Office', edition: 'personal' };
    const [f] = officeFindings(withOffice(personal));
    expect(f).toMatchObject({ code: 'personal-use-only', passed: false });
    expect(f?.message).toContain('personal use only');
    expect(f?.messageZh).toContain('个人版');
    expect(f?.facts).toContain('office[0].edition = personal');
    const v = classifyMachine(withOffice(libreOffice(), personal), ctx());
    expect(v.status).toBe('unauthorized');
    // the professional edition is not personal-use-only: whether it was bought is the registry's finding
    expect(officeFindings(withOffice({ ...personal, edition: 'professional' }))).toEqual([]);
  });

  it('licenses Apple iWork as free', () => {
    const iwork: OfficeSuite = { name: 'Apple iWork', vendor: 'Apple', source: 'system_profiler:Pages', activation: { state: 'not-applicable' } };
    expect(officeFindings(withOffice(iwork))[0]?.code).toBe('licensed');
  });

  it('leaves WPS whose activation could not be read to the registry, but not Office', () => {
    expect(officeFindings(withOffice(wps({ state: 'unknown', reason: 'oem.ini is encrypted' })))).toEqual([]);
    const office: OfficeSuite = { name: 'Microsoft Office Professional Plus 2016', source: 'registry:Office', activation: { state: 'unknown', reason: 'ospp.vbs failed' } };
    const [f] = officeFindings(withOffice(office));
    expect(f?.code).toBe('unknown');
    expect(f?.message).toContain('ospp.vbs failed');
  });

  it('fails the category when any installed suite is unlicensed, even beside a licensed one', () => {
    const s = withOffice(libreOffice(), wps({ state: 'trial', graceRemainingMinutes: 30 }));
    const v = classifyMachine(s, ctx());
    expect(ruleFindings(v.findings).filter((f) => f.category === 'office').map((f) => f.code)).toEqual(['licensed', 'not-activated']);
    expect(categoryResults(v.findings).office).toBe(false);
    expect(v.status).toBe('unauthorized');
  });

  it('checks the KMS host of an Office licence too', () => {
    const suite: OfficeSuite = {
      name: 'Microsoft Office Professional Plus 2019',
      source: 'wmi:SoftwareLicensingProduct',
      activation: { state: 'activated', channel: 'Volume:GVLK', kmsHost: '10.0.0.10' },
    };
    expect(officeFindings(withOffice(suite))[0]?.code).toBe('crack-activator');
  });

  it('says "unknown", not "missing", when the office collector failed', () => {
    const s = withOffice();
    s.collectionErrors = [{ source: 'windows:office', code: 'TIMEOUT', message: 'ospp.vbs timed out' }];
    const [f] = officeFindings(s);
    expect(f?.code).toBe('unknown');
    expect(f?.facts).toContain('collectionErrors[windows:office] = TIMEOUT: ospp.vbs timed out');
  });

  it('says "missing" with the inventory size when there is no suite', () => {
    const [f] = officeFindings(withOffice());
    expect(f).toMatchObject({ code: 'missing', subject: 'office' });
    expect(f?.messageZh).toBe('未安装办公软件（共盘点 1 个已安装程序）。');
  });
});
