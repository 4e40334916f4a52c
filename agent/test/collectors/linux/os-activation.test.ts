import { Activation, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { linuxActivation } from '../../../src/collectors/linux/os-activation.js';

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
    ['kylin', 'Kylin'],
    ['neokylin', 'NeoKylin'],
    ['uos', 'UOS'],
    ['deepin', 'Deepin'],
  ])('%s has activation the agent cannot read yet', (id, shown) => {
    expect(linuxActivation({ ID: id, NAME: 'whatever' })).toMatchObject({
      state: 'unknown',
      reason: `reading ${shown} activation is not supported by this agent version`,
      source: 'os-release',
    });
  });

  it('does not trust ID_LIKE (Kylin is "like debian")', () => {
    expect(linuxActivation({ ID: 'kylin', ID_LIKE: 'debian' }).state).toBe('unknown');
  });

  it('says why for subscription and unlisted distributions', () => {
    expect(linuxActivation({ ID: 'rhel', NAME: 'Red Hat Enterprise Linux' }).reason).toMatch(/subscription/);
    const other = linuxActivation({ ID: 'slackware', NAME: 'Slackware' });
    expect(other).toMatchObject({ state: 'unknown', source: 'os-release' });
    expect(other.reason).toContain('ID=slackware');
    expect(linuxActivation({}).reason).toMatch(/no distribution ID/);
  });
});
