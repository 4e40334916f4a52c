import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Activation, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { ExecTimeoutError } from '../../../src/exec/run.js';
import type { DbusAnswer } from '../../../src/collectors/linux/dbus.collect.js';
import { collectDeepinFamily } from '../../../src/collectors/linux/deepin.collect.js';
import {
  activatorActivation,
  deepinCommunityActivation,
  deepinLicenseActivation,
  needsActivator,
  uosActivation,
} from '../../../src/collectors/linux/deepin-license.js';
import { parseDeepinVersion, parseOsVersion, uosEdition } from '../../../src/collectors/linux/os-version.parse.js';
import { expectGolden } from '../fixtures.js';
import { CASES_DIR, recordedIo, reply } from './os-recording.js';

const caseFile = (c: string, f: string) => readFileSync(resolve(CASES_DIR, c, f), 'utf8');
const state = (n: number): DbusAnswer => ({ kind: 'reply', values: [n] });
const SERVICE_UNKNOWN: DbusAnswer = {
  kind: 'error',
  error: { name: 'org.freedesktop.DBus.Error.ServiceUnknown', message: 'The name com.deepin.license was not provided by any .service files' },
};

describe('UOS version files', () => {
  it('parses real /etc/os-version files (desktop 1032, desktop 1060 with a stray space, server 1001c)', async () => {
    const parsed = {
      'uos-20-pro-1032-x86_64': parseOsVersion(caseFile('uos-20-pro-authorised', 'os-version')),
      'uos-20-pro-1060-aarch64': parseOsVersion(caseFile('uos-20-pro-unauthorised', 'os-version')),
      'uos-server-20-1001c': parseOsVersion(caseFile('uos-server-20-lapsed', 'os-version')),
    };
    await expectGolden(parsed, 'deepin/os-version.json');
    expect(parsed['uos-20-pro-1060-aarch64'].minorVersion).toBe('1060');
    expect(uosEdition(parsed['uos-20-pro-1032-x86_64'])).toBe('Desktop Professional');
    expect(uosEdition(parsed['uos-server-20-1001c'])).toBe('Server (c)');
  });

  it('reads empty or garbled files as no facts', () => {
    expect(parseOsVersion('')).toEqual({});
    expect(parseOsVersion('MinorVersion\n[Version\n')).toEqual({});
    expect(uosEdition({})).toBeUndefined();
  });

  it('parses /etc/deepin-version', () => {
    expect(parseDeepinVersion('[Release]\nVersion=20.9\nType=Desktop\nType[zh_CN]=桌面版\n')).toEqual({ version: '20.9', type: 'Desktop' });
    expect(parseDeepinVersion('junk')).toEqual({});
  });
});

describe('deepinLicenseActivation (AuthorizationState)', () => {
  it.each([
    [-1, 'unknown'],
    [0, 'not-activated'],
    [1, 'activated'],
    [2, 'expired'],
    [3, 'trial'],
    [4, 'not-activated'],
    [7, 'unknown'],
  ] as const)('%i → %s', (n, expected) => {
    const a = deepinLicenseActivation(state(n))!;
    assertValid(Activation, a, `state ${n}`);
    expect(a).toMatchObject({ state: expected, source: 'dbus:com.deepin.license', details: { AuthorizationState: n } });
  });

  it('says trial expired in words for 4', () => {
    expect(deepinLicenseActivation(state(4))?.reason).toMatch(/^trial expired/);
  });

  it('gives nothing for an answer without an integer state', () => {
    for (const a of [SERVICE_UNKNOWN, { kind: 'absent' } as const, { kind: 'reply', values: ['1'] } as const, { kind: 'reply', values: [1.5] } as const]) {
      expect(deepinLicenseActivation(a)).toBeUndefined();
    }
  });
});

describe('activatorActivation (uos-activator-cmd -q, words only)', () => {
  it.each([
    ['激活状态：已激活\n到期时间：2026-11-03', 'activated'],
    ['激活状态：未激活', 'not-activated'],
    ['激活状态：试用期\n到期时间：2026-04-01', 'trial'],
    ['激活状态：试用期已过期', 'not-activated'],
    ['Activation status: not activated', 'not-activated'],
    ['Status: activated', 'activated'],
    ['激活状态：免费授权\n到期时间：终身有效', 'unknown'],
    ['Segmentation fault', 'unknown'],
    ['', 'unknown'],
  ] as const)('%j → %s', (output, expected) => {
    const a = activatorActivation(output);
    assertValid(Activation, a, output);
    expect(a.state).toBe(expected);
    expect(a.source).toBe('uos-activator-cmd');
  });

  it('quotes the line it could not read', () => {
    expect(activatorActivation('激活状态：免费授权').reason).toBe('uos-activator-cmd -q printed a state this agent does not recognise: "激活状态：免费授权"');
  });
});

describe('uosActivation', () => {
  it('asks the CLI only when D-Bus gave no state or -1', () => {
    expect([state(-1), SERVICE_UNKNOWN, { kind: 'absent' } as const].every(needsActivator)).toBe(true);
    expect([state(0), state(1), state(3)].some(needsActivator)).toBe(false);
  });

  it('prefers D-Bus, then the CLI, else unknown with both reasons', () => {
    expect(uosActivation(state(1), { kind: 'output', text: '激活状态：未激活' }).state).toBe('activated');
    const cli = uosActivation(SERVICE_UNKNOWN, { kind: 'output', text: '激活状态：未激活' });
    expect(cli).toMatchObject({ state: 'not-activated', source: 'uos-activator-cmd', details: { dbus: /ServiceUnknown/ } });
    const none = uosActivation({ kind: 'absent' }, { kind: 'absent' });
    expect(none).toMatchObject({ state: 'unknown', source: 'dbus:com.deepin.license' });
    expect(none.reason).toBe(
      'dbus-send is not installed, so the UOS licence service (com.deepin.license) on the system D-Bus could not be asked; uos-activator-cmd is not installed',
    );
    // -1 (Unknown) on D-Bus: the CLI is asked and wins only when it is clearer.
    expect(uosActivation(state(-1), { kind: 'output', text: '激活状态：已激活' })).toMatchObject({ state: 'activated', source: 'uos-activator-cmd' });
    expect(uosActivation(state(-1), { kind: 'output', text: '???' })).toMatchObject({ state: 'unknown', source: 'dbus:com.deepin.license' });
    expect(uosActivation(state(-1), { kind: 'absent' })).toMatchObject({ state: 'unknown', details: { AuthorizationState: -1 } });
    expect(uosActivation({ kind: 'reply', values: [] }, { kind: 'failed', reason: 'exit 2' }).reason).toMatch(
      /answered without an AuthorizationState number \(\[\]\); uos-activator-cmd gave no usable answer \(exit 2\)/,
    );
  });
});

describe('deepinCommunityActivation', () => {
  it('is not applicable and quotes what D-Bus said', () => {
    expect(deepinCommunityActivation(state(1))).toMatchObject({ state: 'not-applicable', details: { AuthorizationState: 1 } });
    expect(deepinCommunityActivation(SERVICE_UNKNOWN)).toMatchObject({
      state: 'not-applicable',
      details: { AuthorizationState: null, dbus: 'org.freedesktop.DBus.Error.ServiceUnknown' },
    });
  });
});

describe('collectDeepinFamily', () => {
  const osVersion = caseFile('uos-20-pro-unauthorised', 'os-version');

  it('UOS: facts from os-version, state from D-Bus, no CLI call', async () => {
    const io = recordedIo({ 'os-version': osVersion, 'deepin-license-state.txt': reply('variant       int32 3') });
    const out = await collectDeepinFamily(io, 'uos');
    expect(out.facts).toEqual({ version: '20', build: '1060 (11014.102.100)', edition: 'Desktop Professional' });
    expect(out.activation).toMatchObject({ state: 'trial' });
    expect(io.calls).toEqual(['deepin-license-state.txt']);
    expect(out.errors).toEqual([]);
  });

  it('UOS: falls back to uos-activator-cmd when D-Bus gives nothing', async () => {
    const io = recordedIo({
      'deepin-license-state.txt': { exit: 1, stderr: 'Error org.freedesktop.DBus.Error.AccessDenied: Rejected send message\n' },
      'uos-activator-cmd.txt': '激活状态：已激活\n',
    });
    const out = await collectDeepinFamily(io, 'uos');
    expect(out.activation).toMatchObject({ state: 'activated', source: 'uos-activator-cmd' });
    expect(io.calls).toEqual(['deepin-license-state.txt', 'uos-activator-cmd.txt']);
  });

  it('UOS: a failing CLI is a collection error and the state stays unknown', async () => {
    const io = recordedIo({ 'uos-activator-cmd.txt': new ExecTimeoutError('uos-activator-cmd', 5000) });
    const out = await collectDeepinFamily(io, 'uos');
    expect(out.activation.state).toBe('unknown');
    expect(out.errors).toMatchObject([{ source: 'uos-activator-cmd', code: 'E_EXEC_TIMEOUT' }]);
  });

  it('Deepin: not applicable, never asks the CLI; deepin-version fills the version', async () => {
    const io = recordedIo({
      'deepin-version': '[Release]\nVersion=20.9\nType=Desktop\n',
      'deepin-license-state.txt': reply('variant       int32 0'),
    });
    const out = await collectDeepinFamily(io, 'deepin');
    expect(out.facts).toEqual({ version: '20.9', edition: 'Desktop' });
    expect(out.activation).toMatchObject({ state: 'not-applicable', details: { AuthorizationState: 0 } });
    expect(io.calls).toEqual(['deepin-license-state.txt']);
  });
});
