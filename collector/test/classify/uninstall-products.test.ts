import type { Snapshot, SoftwareItem } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { classifyMachine } from '../../src/classify/index.js';
import { ctx, huorong, libreOffice, windows } from './builders.js';

const entry = (name: string, publisher?: string, source = 'registry:HKLM'): SoftwareItem => ({ name, source, ...(publisher ? { publisher } : {}) });

/** Windows with what the agent's own checks found, and an Uninstall list. */
function pc(o: { office?: Snapshot['office']; antivirus?: Snapshot['antivirus']; software: SoftwareItem[]; server?: boolean; errors?: Snapshot['collectionErrors'] }): Snapshot {
  const s = windows();
  if (o.server) {
    s.os.name = 'Microsoft Windows Server 2019 Standard';
    s.os.edition = 'ServerStandard';
    s.os.activation.details = { ProductType: 'server' };
  }
  s.office = o.office ?? [];
  s.antivirus = o.antivirus ?? [];
  s.software = o.software;
  s.collectionErrors = o.errors ?? [];
  return s;
}

const findingsOf = (s: Snapshot, category: string) => classifyMachine(s, ctx()).findings.filter((f) => f.category === category);

describe('office suites and antivirus only an Uninstall entry shows', () => {
  it('an antivirus on Windows Server, where there is no Security Center: unknown with the reason, never missing', () => {
    const s = pc({ server: true, office: [libreOffice()], software: [entry('天擎终端安全管理系统', '奇安信')] });
    const av = findingsOf(s, 'antivirus');
    expect(av.map((f) => f.code)).toEqual(['unknown', 'licensed']);
    expect(av[0]!.subject).toBe('天擎终端安全管理系统');
    expect(av[0]!.message).toMatch(/installed, but whether it protects this PC is not known: .*Windows Server has no Security Center/);
    expect(av[0]!.facts).toEqual(expect.arrayContaining(['software[0].name = 天擎终端安全管理系统', 'catalog.product = qax-tianqing (rule qax-tianqing/uninstall)']));
    // The second finding is the registry's: 天擎 is bought (a site licence in these tests).
    expect(av[1]!.message).toContain('QAX Tianqing');
  });

  it('WPS installed per user and seen only in the Uninstall list is the office suite, judged by the registry, not missing', () => {
    const s = pc({ antivirus: [huorong()], software: [entry('WPS Office (12.1.0.16729)', 'Kingsoft Corp.', 'registry:HKU')] });
    const office = findingsOf(s, 'office');
    expect(office.map((f) => f.code)).toEqual(['licensed']);
    expect(office[0]!.subject).toBe('WPS Office (12.1.0.16729)');
    expect(classifyMachine(s, ctx()).status).toBe('licensed');
  });

  it('Microsoft Office seen only in the Uninstall list: its activation was not read, so unknown, with the reason', () => {
    const s = pc({ antivirus: [huorong()], software: [entry('Microsoft Office 专业增强版 2016 ', 'Microsoft Corporation')], errors: [{ source: 'windows:office', code: 'E_WINDOWS_QUERY', message: 'Access denied' }] });
    const [f] = findingsOf(s, 'office');
    expect(f!.code).toBe('unknown');
    expect(f!.message).toMatch(/found only as an Uninstall entry.*Access denied/);
  });

  it('a consumer antivirus is an infringement wherever it was seen', () => {
    const s = pc({ office: [libreOffice()], antivirus: [huorong()], software: [entry('360安全卫士', '360安全中心')] });
    expect(findingsOf(s, 'antivirus').map((f) => [f.subject, f.code])).toEqual(expect.arrayContaining([['360安全卫士', 'personal-use-only']]));
    expect(classifyMachine(s, ctx()).status).toBe('unauthorized');
  });

  it('adds nothing the agent already reported, nor a package of a Linux machine, nor a component', () => {
    const reported = pc({ office: [libreOffice()], antivirus: [huorong()], software: [entry('火绒终端安全管理系统'), entry('LibreOffice 7.4.7.2'), entry('Microsoft Office Proofing Tools 2016 - English')] });
    expect(findingsOf(reported, 'antivirus')).toHaveLength(2);
    expect(findingsOf(reported, 'office')).toHaveLength(1);
    const linux = pc({ office: [libreOffice()], antivirus: [huorong()], software: [entry('clamav', 'Debian', 'dpkg')] });
    expect(findingsOf(linux, 'antivirus')).toHaveLength(2);
  });
});
