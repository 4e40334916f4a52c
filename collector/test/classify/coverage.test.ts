import { assertValid, Verdict, type CollectionError, type Finding, type Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { classifyMachine } from '../../src/classify/index.js';
import { notLookedErrors } from '../../src/classify/coverage.js';
import { ctx, huorong, libreOffice, ruleFindings, windows } from './builders.js';

const POLICY =
  'collection blocked by policy: PowerShell runs in ConstrainedLanguage mode (AppLocker or WDAC application control); the inventory script was not allowed to read the PC';
const DEADLINE = "not collected: the scan's 90 s deadline had passed";
const PROFILE =
  'user profile S-1-5-21-3623811015-3361044348-30300820-1001 (C:\\Users\\%USERNAME%): hive not loaded (the file is in use); per-user programs of this user were not checked';

const blocked: CollectionError = { source: 'windows:inventory', code: 'E_COLLECTION_BLOCKED', message: POLICY };
const cutShort = (source: string): CollectionError => ({ source, code: 'E_COLLECTION_CUT_SHORT', message: DEADLINE });
const profile: CollectionError = { source: 'windows:profiles', code: 'E_PROFILE_NOT_CHECKED', message: PROFILE };

/** What the agent sends when the script did not run: systeminformation's OS, no activation, empty lists. */
function notRead(errors: CollectionError[]): Snapshot {
  const s = windows();
  s.os.activation = { state: 'unknown', reason: 'reading windows activation is not supported by this agent version', source: 'agent' };
  s.software = [];
  s.collectionErrors = errors;
  return s;
}

/** An activated Windows 10 Pro with what the agent found and the errors it reported. */
function pc(o: { office?: Snapshot['office']; antivirus?: Snapshot['antivirus']; errors: CollectionError[] }): Snapshot {
  const s = windows();
  s.office = o.office ?? [];
  s.antivirus = o.antivirus ?? [];
  s.collectionErrors = o.errors;
  return s;
}

const judged = (s: Snapshot) => assertValid(Verdict, classifyMachine(s, ctx()), 'verdict');
/** The rules' findings, without the registry's (every product is bought in these tests). */
const codes = (v: Verdict) => ruleFindings(v.findings).map((f) => [f.category, f.code]);
const of = (findings: Finding[], category: string) => ruleFindings(findings).filter((f) => f.category === category);

describe('collection errors that mean the agent did not look', () => {
  it('maps a source by its section, not by a substring of it', () => {
    const errors = [
      blocked,
      cutShort('windows:licensing.products'),
      cutShort('windows:office.clickToRun'),
      cutShort('windows:wps'),
      cutShort('windows:services'),
      cutShort('windows:observed.processes'),
      cutShort('windows:traces.files'),
      profile,
      { source: 'windows:office', code: 'E_WINDOWS_QUERY', message: 'Access denied' },
      { source: 'antivirus', code: 'E_COLLECTION_CUT_SHORT', message: 'not a Windows section' },
    ];
    const sources = (c: 'os' | 'office' | 'antivirus') => notLookedErrors({ collectionErrors: errors }, c).map((e) => e.source);
    expect(sources('os')).toEqual(['windows:inventory', 'windows:licensing.products']);
    expect(sources('office')).toEqual(['windows:inventory', 'windows:licensing.products', 'windows:office.clickToRun', 'windows:wps', 'windows:profiles']);
    expect(sources('antivirus')).toEqual(['windows:inventory', 'windows:services']);
  });

  it('a scan blocked by policy: os, office and antivirus not checked, one collection finding, never missing', () => {
    const v = judged(notRead([blocked]));
    expect(v.status).toBe('unauthorized');
    expect(ruleFindings(v.findings).map((f) => [f.category, f.subject, f.code])).toEqual([
      ['os', 'Microsoft Windows 10 Pro', 'not-checked'],
      ['office', 'office', 'not-checked'],
      ['antivirus', 'antivirus', 'not-checked'],
      ['other', 'collection', 'not-checked'],
    ]);
    expect(v.findings.filter((f) => f.code === 'missing')).toEqual([]);
    const [os, office, antivirus, collection] = ruleFindings(v.findings);
    expect(office!.message).toBe(`No office suite was reported, but the agent did not look everywhere: ${POLICY}.`);
    expect(office!.messageZh).toBe(`未报告办公软件，但代理未能完成检查：采集被策略阻止（${POLICY.replace('collection blocked by policy: ', '')}）。`);
    expect(antivirus!.message).toMatch(/^No antivirus was reported, but the agent did not look everywhere: collection blocked by policy: PowerShell runs in ConstrainedLanguage/);
    expect(os!.message).toBe(`The activation of Microsoft Windows 10 Pro was not checked: ${POLICY}.`);
    const quoted = `collectionErrors[windows:inventory] = E_COLLECTION_BLOCKED: ${POLICY}`;
    for (const f of ruleFindings(v.findings)) expect(f.facts).toContain(quoted);
    expect(os!.facts).toContain('os.activation.state = unknown');
    expect(office!.facts[0]).toBe('office = [] (0 programs inventoried)');
    expect(collection!.message).toMatch(/^Collection blocked by policy: PowerShell runs in ConstrainedLanguage mode .*the inventory script was not allowed to read the PC\. /);
    expect(collection!.message).toMatch(/code-signing certificate.*AppLocker or Group Policy \(see docs\/windows-policy\.md\)\.$/);
    expect(collection!.messageZh).toMatch(/^采集被策略阻止：PowerShell runs in ConstrainedLanguage.*AppLocker 或组策略/);
  });

  it("keeps the advice of the collection finding whole however long the agent's reason", () => {
    const long = { ...blocked, message: `collection blocked by policy: ${'AppLocker rule '.repeat(150)}` };
    const [collection] = of(judged(notRead([long])).findings, 'other');
    expect(collection!.message.length).toBeLessThanOrEqual(1000);
    expect(collection!.message).toMatch(/…\. The agent could not read .*\(see docs\/windows-policy\.md\)\.$/);
  });

  it('a script that delivered nothing (timeout, no PowerShell) leaves every category not checked, with no collection finding', () => {
    const timeout = { source: 'windows:inventory', code: 'E_INVENTORY_TIMEOUT', message: 'the Windows inventory script did not finish within 120000 ms' };
    const v = judged(notRead([timeout]));
    expect(codes(v)).toEqual([['os', 'not-checked'], ['office', 'not-checked'], ['antivirus', 'not-checked']]);
    expect(of(v.findings, 'office')[0]!.messageZh).toBe('未报告办公软件，但代理未能完成检查：清点脚本超时（the Windows inventory script did not finish within 120000 ms）。');
  });

  it('cut short on the Uninstall list only: the office suite not found is not checked, the antivirus found is judged as ever', () => {
    const v = judged(pc({ antivirus: [huorong()], errors: [cutShort('windows:software')] }));
    expect(codes(v)).toEqual([['os', 'licensed'], ['office', 'not-checked'], ['antivirus', 'licensed']]);
    expect(v.status).toBe('unauthorized');
    const office = of(v.findings, 'office')[0]!;
    expect(office.message).toBe(`No office suite was reported, but the agent did not look everywhere: ${DEADLINE} (windows:software).`);
    expect(office.messageZh).toBe(`未报告办公软件，但代理未能完成检查：部分内容未采集完成（超时或被中止）：windows:software（${DEADLINE}）。`);
    expect(office.facts).toContain(`collectionErrors[windows:software] = E_COLLECTION_CUT_SHORT: ${DEADLINE}`);
  });

  it('names every section one deadline cost in one reason, and outranks a failed query', () => {
    const failed = { source: 'windows:office', code: 'E_WINDOWS_QUERY', message: 'Access denied' };
    const [f] = of(judged(pc({ antivirus: [huorong()], errors: [failed, cutShort('windows:office.clickToRun'), cutShort('windows:wps')] })).findings, 'office');
    expect(f!.code).toBe('not-checked');
    expect(f!.message).toBe(`No office suite was reported, but the agent did not look everywhere: ${DEADLINE} (windows:office.clickToRun, windows:wps).`);
    expect(f!.facts).toEqual([
      'office = [] (1 program inventoried)',
      'collectionErrors[windows:office] = E_WINDOWS_QUERY: Access denied',
      `collectionErrors[windows:office.clickToRun] = E_COLLECTION_CUT_SHORT: ${DEADLINE}`,
      `collectionErrors[windows:wps] = E_COLLECTION_CUT_SHORT: ${DEADLINE}`,
    ]);
  });

  it("a user profile not read matters only when no suite was found, and only for office", () => {
    const found = judged(pc({ office: [libreOffice()], antivirus: [huorong()], errors: [profile] }));
    expect(codes(found)).toEqual([['os', 'licensed'], ['office', 'licensed'], ['antivirus', 'licensed']]);
    expect(found.status).toBe('licensed');
    const none = judged(pc({ errors: [profile] }));
    expect(codes(none)).toEqual([['os', 'licensed'], ['office', 'not-checked'], ['antivirus', 'missing']]);
    expect(of(none.findings, 'office')[0]!.message).toBe(`No office suite was reported, but the agent did not look everywhere: ${PROFILE}.`);
  });

  it('a query that ran and failed is still unknown, as before', () => {
    const [f] = of(judged(pc({ antivirus: [huorong()], errors: [{ source: 'windows:office', code: 'E_WINDOWS_QUERY', message: 'Access denied' }] })).findings, 'office');
    expect(f).toMatchObject({ code: 'unknown', message: 'No office suite was reported, but the agent failed to inspect office suites on this PC.' });
    expect(f!.facts).toContain('collectionErrors[windows:office] = E_WINDOWS_QUERY: Access denied');
  });

  it('a section outside the category does not count: observed processes cut short leave the OS unknown and no antivirus missing', () => {
    const v = judged(notRead([cutShort('windows:observed.processes')]));
    const [os] = of(v.findings, 'os');
    expect(os!.code).toBe('unknown');
    expect(os!.message).toContain('could not be read');
    expect(of(v.findings, 'antivirus')[0]!.code).toBe('missing');
  });

  it('the OS: an activation read is judged as read; one not read because licensing was cut short is not checked', () => {
    const read = judged(pc({ office: [libreOffice()], antivirus: [huorong()], errors: [cutShort('windows:licensing.products')] }));
    expect(of(read.findings, 'os').map((f) => f.code)).toEqual(['licensed']);
    const s = pc({ office: [libreOffice()], antivirus: [huorong()], errors: [cutShort('windows:licensing.products')] });
    s.os.activation = { state: 'not-applicable' };
    const [os] = of(judged(s).findings, 'os');
    expect(os!.code).toBe('not-checked');
    expect(os!.messageZh).toBe(`未能检查操作系统“Microsoft Windows 10 Pro”的激活状态：部分内容未采集完成（超时或被中止）：windows:licensing.products（${DEADLINE}）。`);
  });

  it('an office suite whose activation comes from the licensing queries: not checked when they were cut short; WPS (oem.ini) judged as ever', () => {
    const office = {
      name: 'Microsoft Office Professional Plus 2016', vendor: 'Microsoft', scope: 'machine' as const, source: 'registry:Office\\16.0\\Registration',
      version: '16.0.4266.1001', edition: 'professional-plus',
      activation: { state: 'unknown' as const, source: 'wmi:SoftwareLicensingProduct', reason: 'the licensing rows were not read' },
    };
    const cut = judged(pc({ office: [office], antivirus: [huorong()], errors: [cutShort('windows:licensing.products')] }));
    const [suite] = of(cut.findings, 'office');
    expect(suite!.code).toBe('not-checked');
    expect(suite!.message).toBe(`The activation of Microsoft Office Professional Plus 2016 was not checked: ${DEADLINE} (windows:licensing.products).`);
    expect(suite!.facts).toContain(`collectionErrors[windows:licensing.products] = E_COLLECTION_CUT_SHORT: ${DEADLINE}`);
    // The same unknown activation with nothing cut short is still `unknown`: the agent looked and could not tell.
    expect(of(judged(pc({ office: [office], antivirus: [huorong()], errors: [] })).findings, 'office')[0]!.code).toBe('unknown');
    // A cut-short Uninstall list says nothing about a suite's activation.
    expect(of(judged(pc({ office: [office], antivirus: [huorong()], errors: [cutShort('windows:software')] })).findings, 'office')[0]!.code).toBe('unknown');
    const wps = { ...office, name: 'WPS Office', vendor: 'Kingsoft', edition: 'professional', activation: { state: 'unknown' as const, source: 'wps:oem.ini' } };
    expect(of(judged(pc({ office: [wps], antivirus: [huorong()], errors: [cutShort('windows:licensing.products')] })).findings, 'office').map((f) => f.code)).not.toContain('not-checked');
  });

  it('beside a personal-use edition, an activation not checked adds nothing', () => {
    const s = notRead([blocked]);
    s.os.name = 'Microsoft Windows 10 Home';
    s.os.edition = 'Core';
    expect(of(judged(s).findings, 'os').map((f) => f.code)).toEqual(['personal-use-only']);
  });
});
