import { Activation, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { activationScheme, linuxActivation } from '../../../src/collectors/linux/os-activation.js';

describe('linuxActivation', () => {
  it.each([
    ['debian', 'Debian GNU/Linux'],
    ['ubuntu', 'Ubuntu'],
    ['openEuler', 'openEuler'],
    ['opensuse-leap', 'openSUSE Leap'],
    ['rocky', 'Rocky Linux'],
    ['alpine', 'Alpine Linux'],
  ])('%s has no product activation', (id, name) => {
    const a = linuxActivation({ ID: id, NAME: name });
    assertValid(Activation, a, id);
    expect(a).toMatchObject({ state: 'not-applicable', reason: `${name} has no product activation`, source: 'os-release' });
  });

  it.each([
    ['kylin', 'kylin', /^Kylin activation is read from its activation service on the system D-Bus/],
    ['uos', 'uos', /^UOS activation is read from its licence service on the system D-Bus/],
    ['neokylin', 'neokylin', /^NeoKylin \(中标麒麟\) has no documented activation interface/],
  ] as const)('%s: os-release alone cannot tell, and says where the state comes from', (id, scheme, reason) => {
    const a = linuxActivation({ ID: id, NAME: 'whatever' });
    assertValid(Activation, a, id);
    expect(a).toMatchObject({ state: 'unknown', source: 'os-release' });
    expect(a.reason).toMatch(reason);
    expect(activationScheme({ ID: id })).toBe(scheme);
  });

  it('Deepin community edition is free (ID=Deepin as Deepin 20 writes it, too)', () => {
    for (const id of ['deepin', 'Deepin']) {
      expect(linuxActivation({ ID: id, NAME: 'Deepin' })).toMatchObject({
        state: 'not-applicable',
        reason: 'Deepin community edition is free software with no product activation',
      });
      expect(activationScheme({ ID: id })).toBe('deepin');
    }
  });

  it('Ubuntu Kylin (ID=ubuntu), openKylin, Anolis and OpenCloudOS are free', () => {
    for (const [id, name] of [['ubuntu', 'Ubuntu Kylin'], ['openkylin', 'openKylin'], ['anolis', 'Anolis OS'], ['opencloudos', 'OpenCloudOS']]) {
      expect(linuxActivation({ ID: id, NAME: name }).state).toBe('not-applicable');
    }
  });

  it('does not trust ID_LIKE (Kylin is "like debian")', () => {
    expect(linuxActivation({ ID: 'kylin', ID_LIKE: 'debian' }).state).toBe('unknown');
  });

  it('says why for subscription and unlisted distributions', () => {
    expect(linuxActivation({ ID: 'rhel', NAME: 'Red Hat Enterprise Linux' })).toMatchObject({ state: 'unknown', reason: /subscription/ });
    expect(linuxActivation({ ID: 'sles' }).reason).toMatch(/^SUSE Linux Enterprise Server is licensed by subscription/);
    const other = linuxActivation({ ID: 'slackware', NAME: 'Slackware' });
    expect(other).toMatchObject({ state: 'unknown', source: 'os-release' });
    expect(other.reason).toContain('ID=slackware');
    expect(linuxActivation({}).reason).toMatch(/no distribution ID/);
  });
});
