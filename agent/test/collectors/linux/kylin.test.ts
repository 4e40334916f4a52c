import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Activation, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { ExecTimeoutError } from '../../../src/exec/run.js';
import type { DbusAnswer } from '../../../src/collectors/linux/dbus.collect.js';
import { endOfDay, kylinActivation, type KylinAnswers } from '../../../src/collectors/linux/kylin-activation.js';
import { collectKylin } from '../../../src/collectors/linux/kylin.collect.js';
import { kyinfoEdition, parseKyinfo, parseKylinBuild, parseKylinSystemVersion } from '../../../src/collectors/linux/kylin.parse.js';
import { expectGolden } from '../fixtures.js';
import { CASES_DIR, recordedIo, reply, SERVICE_UNKNOWN } from './os-recording.js';

const NOW = new Date('2026-03-10T02:00:00Z');
const caseFile = (c: string, f: string) => readFileSync(resolve(CASES_DIR, c, f), 'utf8');

describe('Kylin version files', () => {
  it('parses a real desktop .kyinfo (lindexi, V10 SP1 EDU loongarch64)', async () => {
    const info = parseKyinfo(caseFile('kylin-v10-sp1-activated', 'kyinfo'));
    await expectGolden(info, 'kylin/kyinfo-v10-sp1-edu-loongarch64.json');
    expect(kyinfoEdition(info.name)).toBe('Desktop EDU');
  });

  it('parses a real server .kyinfo without section headers (Apache Doris docs, Kylin Server V10 SP1 arm64)', () => {
    const info = parseKyinfo(
      'name=Kylin-Server\nmilestone=10-SP1-Release-Build04-20200711\narch=arm64\nbeta=False\ntime=2020-07-11 17:16:54\n' +
        'dist_id=Kylin-Server-10-SP1-Release-Build04-20200711-arm64-2020-07-11 17:16:54\n',
    );
    expect(info).toEqual({
      name: 'Kylin-Server',
      milestone: '10-SP1-Release-Build04-20200711',
      arch: 'arm64',
      distId: 'Kylin-Server-10-SP1-Release-Build04-20200711-arm64-2020-07-11 17:16:54',
    });
    expect(kyinfoEdition(info.name)).toBe('Server');
  });

  it('reads empty and garbled .kyinfo as no facts', () => {
    expect(parseKyinfo('')).toEqual({});
    expect(parseKyinfo('[dist\nname\n=x\n[os]\nterm=\n')).toEqual({});
    expect(kyinfoEdition(undefined)).toBeUndefined();
    expect(kyinfoEdition('Kylin')).toBeUndefined();
  });

  it('parses kylin-system-version.conf (real) and the kylin-build line', () => {
    expect(parseKylinSystemVersion(caseFile('kylin-v10-sp1-activated', 'kylin-system-version.conf'))).toEqual({
      osVersion: '2403',
      updateVersion: '2403',
    });
    expect(parseKylinSystemVersion('garbage')).toEqual({});
    expect(parseKylinBuild('Kylin-Desktop V10-SP1\nBuild 20240430\n')).toBe('20240430');
    expect(parseKylinBuild('buildid: 2403-0530\n')).toBe('2403-0530');
    expect(parseKylinBuild('nothing to see')).toBeUndefined();
  });
});

const ok = (...values: (number | string)[]): DbusAnswer => ({ kind: 'reply', values });
const answers = (status: number, trial: number, date: string, trialDate: string, serial = ''): KylinAnswers => ({
  status: ok(status, 0),
  trialStatus: ok(trial, 0),
  date: ok(date, 0),
  trialDate: ok(trialDate, 0),
  serial: ok(serial, 0),
});
const NO_FILES = { kyactivationPresent: false };

function valid(a: Activation): Activation {
  return assertValid(Activation, a, 'kylin activation');
}

describe('kylinActivation', () => {
  it('status 1 is activated; the partial key is the last 5 characters of the serial, never all of it', () => {
    const a = valid(kylinActivation(answers(1, 0, '2026-12-31', '', '0389218'), NO_FILES, NOW));
    expect(a).toMatchObject({
      state: 'activated',
      partialKey: '89218',
      reason: 'activated; technical service until 2026-12-31',
      source: 'dbus:org.freedesktop.activation',
      details: { status: 1, serviceDate: '2026-12-31', trialStatus: 0 },
    });
    expect(JSON.stringify(a)).not.toContain('0389218');
  });

  it('activated with the service term over is still activated, with the term noted', () => {
    const a = kylinActivation(answers(1, 0, '2025-12-18', ''), { kyactivationPresent: true, kyinfo: { serviceKey: 'ABCDEFG123' } }, NOW);
    expect(a).toMatchObject({
      state: 'activated',
      partialKey: 'FG123', // from .kyinfo when D-Bus gives no serial
      reason: 'activated; the technical service term ended on 2025-12-18',
      details: { serviceExpired: true, kyactivationFile: 'present (not proof of activation)' },
    });
  });

  it('a serial of 5 characters or fewer is not reported at all', () => {
    expect(kylinActivation(answers(1, 0, '', '', '12345'), NO_FILES, NOW).partialKey).toBeUndefined();
  });

  it('status 0 with a trial date ahead is a trial, with the minutes left', () => {
    const a = valid(kylinActivation(answers(0, 1, '', '2026-04-08'), NO_FILES, NOW));
    // To the end of 2026-04-08 (UTC): 29 days and 22 hours.
    expect(a).toMatchObject({ state: 'trial', reason: 'not activated; trial period until 2026-04-08', graceRemainingMinutes: (29 * 24 + 22) * 60 });
  });

  it('a trial that ended, or none at all, is not activated with the reason', () => {
    expect(kylinActivation(answers(0, 0, '', '2026-03-01'), NO_FILES, NOW)).toMatchObject({
      state: 'not-activated',
      reason: 'not activated; trial period ended on 2026-03-01',
    });
    // trial_status says 1 but the date is past: the date decides.
    expect(kylinActivation(answers(0, 1, '', '2026-03-01'), NO_FILES, NOW).state).toBe('not-activated');
    expect(kylinActivation(answers(0, 0, '', ''), NO_FILES, NOW)).toMatchObject({
      state: 'not-activated',
      reason: 'not activated and no trial period',
    });
    expect(kylinActivation(answers(0, 0, '', 'soon'), NO_FILES, NOW).reason).toBe('not activated; the trial date "soon" could not be read');
  });

  it('trial_status 1 without a trial date is a trial with no minutes', () => {
    const a = kylinActivation(answers(0, 1, '', ''), NO_FILES, NOW);
    expect(a.state).toBe('trial');
    expect(a.graceRemainingMinutes).toBeUndefined();
  });

  it('status 0 with a service date on record is a lapsed activation (expired), as kysdk reads it', () => {
    expect(valid(kylinActivation(answers(0, 0, '2025-01-01', ''), NO_FILES, NOW))).toMatchObject({
      state: 'expired',
      reason: 'not activated (status 0), yet a service date 2025-01-01 is on record: the activation has lapsed',
    });
  });

  it('.kyactivation never makes an unactivated system activated', () => {
    const a = kylinActivation(answers(0, 0, '', ''), { kyactivationPresent: true }, NOW);
    expect(a.state).toBe('not-activated');
    expect(a.details).toMatchObject({ kyactivationFile: 'present (not proof of activation)' });
  });

  it('is unknown when the service cannot be asked, with the reason', () => {
    const cases: [DbusAnswer, RegExp][] = [
      [{ kind: 'absent' }, /^dbus-send is not installed/],
      [
        { kind: 'error', error: { name: 'org.freedesktop.DBus.Error.ServiceUnknown', message: 'The name org.freedesktop.activation was not provided by any .service files' } },
        /did not answer: org\.freedesktop\.DBus\.Error\.ServiceUnknown: The name/,
      ],
      [{ kind: 'failed', reason: 'no answer within 5 s' }, /gave no usable answer \(no answer within 5 s\)/],
    ];
    for (const [status, reason] of cases) {
      const a = valid(kylinActivation({ status }, { kyactivationPresent: true }, NOW));
      expect(a.state).toBe('unknown');
      expect(a.reason).toMatch(reason);
    }
  });

  it('is unknown for a status it does not recognise, an error code, or no number', () => {
    expect(kylinActivation({ status: ok(2, 0) }, NO_FILES, NOW)).toMatchObject({ state: 'unknown', reason: /unrecognised status 2/ });
    expect(kylinActivation({ status: ok(0, 13) }, NO_FILES, NOW)).toMatchObject({ state: 'unknown', details: { statusError: 13 } });
    expect(kylinActivation({ status: ok('yes') }, NO_FILES, NOW)).toMatchObject({ state: 'unknown', reason: /without a number/ });
    expect(kylinActivation({ status: ok() }, NO_FILES, NOW).state).toBe('unknown');
    expect(kylinActivation({ status: { kind: 'failed', reason: 'unreadable', raw: 'core dumped' } }, NO_FILES, NOW).details).toMatchObject({
      statusReply: 'core dumped',
    });
  });

  it('ignores a date that came with an error code', () => {
    const a = kylinActivation({ ...answers(0, 0, '', ''), date: ok('2025-01-01', 5) }, NO_FILES, NOW);
    expect(a.state).toBe('not-activated');
  });
});

describe('endOfDay', () => {
  it('reads dates with -, / or . and optional times', () => {
    expect(endOfDay('2026-04-08')?.toISOString()).toBe('2026-04-09T00:00:00.000Z');
    expect(endOfDay('2026/4/8')?.toISOString()).toBe('2026-04-09T00:00:00.000Z');
    expect(endOfDay('2026.04.08 13:45:10')?.toISOString()).toBe('2026-04-08T13:45:10.000Z');
    for (const bad of ['', 'never', '2026-13-01', '2026-00-10', undefined]) expect(endOfDay(bad)).toBeUndefined();
  });
});

describe('collectKylin', () => {
  const ACTIVATED = {
    'kylin-activation-status.txt': reply('int32 1', 'int32 0'),
    'kylin-activation-trial-status.txt': reply('int32 0', 'int32 0'),
    'kylin-activation-date.txt': reply('string "2026-12-31"', 'int32 0'),
    'kylin-activation-trial-date.txt': reply('string ""', 'int32 0'),
    'kylin-activation-serial.txt': reply('string "0389218"', 'int32 0'),
  };

  it('reads files and all five methods when the service answers', async () => {
    const io = recordedIo({ ...ACTIVATED, 'kylin-system-version.conf': '[SYSTEM]\nos_version = 2303\nupdate_version = 2403\n' });
    const out = await collectKylin(io, NOW);
    expect(out.facts).toEqual({ build: '2403' });
    expect(out.activation).toMatchObject({ state: 'activated', partialKey: '89218' });
    expect(out.errors).toEqual([]);
    expect(io.calls).toHaveLength(5);
  });

  it('asks only status when the service is not on the bus', async () => {
    const io = recordedIo({ 'kylin-activation-status.txt': SERVICE_UNKNOWN, kyactivation: 'X' });
    const out = await collectKylin(io, NOW);
    expect(io.calls).toEqual(['kylin-activation-status.txt']);
    expect(out.activation).toMatchObject({ state: 'unknown', details: { dbusError: 'org.freedesktop.DBus.Error.ServiceUnknown' } });
    expect(out.errors).toEqual([]);
  });

  it('lists a timeout as a collection error and still answers unknown', async () => {
    const io = recordedIo({ 'kylin-activation-status.txt': new ExecTimeoutError('dbus-send', 5000) });
    const out = await collectKylin(io, NOW);
    expect(out.activation.state).toBe('unknown');
    expect(out.errors).toMatchObject([{ source: 'dbus:kylin-activation-status.txt', code: 'E_EXEC_TIMEOUT' }]);
  });

  it('keeps going when the other methods fail after status answered', async () => {
    const io = recordedIo({ 'kylin-activation-status.txt': reply('int32 0', 'int32 0') });
    const out = await collectKylin(io, NOW);
    expect(out.activation).toMatchObject({ state: 'not-activated', reason: 'not activated and no trial period' });
  });

  it('turns an unreadable version file into a collection error, not a failed scan', async () => {
    const denied = Object.assign(new Error('EACCES'), { code: 'E_READ_FAILED' });
    const out = await collectKylin(recordedIo({ ...ACTIVATED, kyinfo: denied }), NOW);
    expect(out.activation.state).toBe('activated');
    expect(out.errors.map((e) => e.source)).toEqual(['kyinfo']);
  });
});
