import type { Finding, OperatingSystem, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { classifyMachine } from '../../src/classify/index.js';
import { ctx, debian, windows } from './builders.js';

function osFinding(s: Snapshot, trusted: string[] = []): Finding {
  const f = classifyMachine(s, ctx(trusted)).findings.find((x) => x.category === 'os');
  if (!f) throw new Error('no os finding');
  return f;
}

function linux(os: Partial<OperatingSystem>): Snapshot {
  const s = debian();
  s.os = { ...s.os, ...os };
  return s;
}

describe('os rule', () => {
  it('licenses an activated retail Windows and quotes the activation facts', () => {
    const f = osFinding(windows());
    expect(f).toMatchObject({ code: 'licensed', passed: true, subject: 'Microsoft Windows 10 Pro' });
    expect(f.message).toBe('Microsoft Windows 10 Pro is activated (channel Retail, key ending 3V66T).');
    expect(f.messageZh).toBe('操作系统“Microsoft Windows 10 Pro”已激活，为正版（渠道 Retail，密钥尾号 3V66T）。');
    expect(f.facts).toEqual(
      expect.arrayContaining([
        'os.activation.state = activated',
        'os.activation.channel = Retail',
        'os.activation.partialKey = 3V66T',
        'os.activation.source = wmi:SoftwareLicensingProduct',
        'os.activation.details.LicenseStatus = 1',
      ]),
    );
  });

  it('calls the notification state not activated, quoting the reason', () => {
    const f = osFinding(windows({ state: 'notification', reason: 'LicenseStatus 5 (Notification), reason 0xC004F200' }));
    expect(f.code).toBe('not-activated');
    expect(f.passed).toBe(false);
    expect(f.message).toContain('is not activated: it is in notification mode (LicenseStatus 5 (Notification), reason 0xC004F200)');
    expect(f.messageZh).toContain('未激活：处于通知状态');
  });

  it('does not count a grace period, and says how long remains', () => {
    const f = osFinding(windows({ state: 'grace', graceRemainingMinutes: 20160 }));
    expect(f.code).toBe('not-activated');
    expect(f.message).toContain('grace period, 20160 minutes (14 days) left');
    expect(f.messageZh).toContain('剩余 14 天');
  });

  it('does not count a trial or an unlicensed state', () => {
    expect(osFinding(windows({ state: 'trial' })).code).toBe('not-activated');
    expect(osFinding(windows({ state: 'not-activated' })).code).toBe('not-activated');
  });

  it('reports an expired licence as expired', () => {
    const f = osFinding(windows({ state: 'expired', reason: 'evaluation ended 2026-01-01' }));
    expect(f.code).toBe('expired');
    expect(f.message).toContain('evaluation ended 2026-01-01');
  });

  it('does not pass Kylin whose activation could not be read, naming the reason', () => {
    const reason = 'D-Bus service org.freedesktop.activation did not answer';
    const f = osFinding(linux({ name: '银河麒麟桌面操作系统 V10 (SP1)', id: 'kylin', idLike: ['debian'], activation: { state: 'unknown', reason } }));
    expect(f).toMatchObject({ code: 'unknown', passed: false, subject: '银河麒麟桌面操作系统 V10 (SP1)' });
    expect(f.message).toContain(reason);
    expect(f.messageZh).toContain('无法读取操作系统“银河麒麟桌面操作系统 V10 (SP1)”的激活状态');
  });

  it('never takes Kylin or UOS for free software, though they are like debian', () => {
    for (const id of ['kylin', 'uos', 'neokylin']) {
      const f = osFinding(linux({ id, idLike: ['debian'], activation: { state: 'not-applicable' } }));
      expect(f.code, id).toBe('unknown');
    }
  });

  it('does not trust ID_LIKE for an unlisted distribution, but says what it is like', () => {
    // RHEL is in the catalog as commercial without activation: its subscription is the registry's question.
    const rhel = linux({ name: 'Red Hat Enterprise Linux 9', id: 'rhel', idLike: ['fedora'], activation: { state: 'not-applicable' } });
    const unbought = classifyMachine(rhel, { ...ctx(), licences: [] }).findings.filter((x) => x.category === 'os');
    expect(unbought.map((x) => x.code)).toEqual(['no-entitlement']);
    const g = osFinding(linux({ name: 'SomeDistro 1', id: 'somedistro', idLike: ['ubuntu', 'debian'], activation: { state: 'not-applicable' } }));
    expect(g.code).toBe('unknown');
    expect(g.message).toContain('derived from ubuntu');
    expect(g.facts).toContain('os.idLike = ["ubuntu","debian"]');
  });

  it('licenses macOS on Apple hardware, naming the maker it rests on', () => {
    const mac = (manufacturer?: string): Snapshot => {
      const s = linux({ family: 'macos', name: 'macOS Sonoma 14.4.1', id: 'macos', activation: { state: 'not-applicable', reason: 'macOS has no product activation' } });
      s.machine = { ...s.machine, ...(manufacturer ? { manufacturer } : {}) };
      if (!manufacturer) delete s.machine.manufacturer;
      return s;
    };
    const f = osFinding(mac('Apple Inc.'));
    expect(f).toMatchObject({ code: 'licensed', passed: true });
    expect(f.message).toContain('made by Apple Inc.');
    expect(f.facts).toContain('machine.manufacturer = Apple Inc.');
    const g = osFinding(mac('VMware, Inc.'));
    expect(g.code).toBe('unknown');
    expect(g.messageZh).toContain('VMware, Inc.');
    expect(osFinding(mac()).facts).toContain('machine.manufacturer = null');
  });

  it('calls a lapsed domestic licence expired and a finished trial not activated', () => {
    const lapsed = osFinding(linux({ name: 'UnionTech OS Server 20', id: 'uos', activation: { state: 'expired', reason: 'AuthorizationState 2 (AuthorizedLapse)' } }));
    expect(lapsed.code).toBe('expired');
    expect(lapsed.message).toContain('AuthorizedLapse');
    const trialOver = osFinding(linux({ name: 'UnionTech OS Desktop 20 Pro', id: 'uos', activation: { state: 'not-activated', reason: 'trial expired' } }));
    expect(trialOver.code).toBe('not-activated');
    expect(trialOver.messageZh).toContain('未激活');
    const trial = osFinding(linux({ name: '银河麒麟桌面操作系统 V10', id: 'kylin', activation: { state: 'trial', graceRemainingMinutes: 4320 } }));
    expect(trial.code).toBe('not-activated');
    expect(trial.message).toContain('3 days');
  });

  it('licenses free distributions by id, case-insensitively', () => {
    for (const id of ['ubuntu', 'fedora', 'rocky', 'almalinux', 'openEuler', 'alpine', 'opensuse-leap', 'deepin']) {
      expect(osFinding(linux({ id, activation: { state: 'not-applicable' } })).code, id).toBe('licensed');
    }
  });

  it('does not take "no activation" on Windows as free software', () => {
    expect(osFinding(windows({ state: 'not-applicable' })).code).toBe('unknown');
  });
});
