import { describe, expect, it } from 'vitest';
import { ExecTimeoutError } from '../../../src/exec/run.js';
import { askDbus, describeFailure } from '../../../src/collectors/linux/dbus.collect.js';
import { parseDbusError, parseDbusReply } from '../../../src/collectors/linux/dbus.parse.js';
import { LINUX_OS } from '../../../src/collectors/sources/linux-os.js';
import { expectGolden } from '../fixtures.js';
import { recordedIo, reply, SERVICE_UNKNOWN } from './os-recording.js';

/** Real dbus-send --print-reply outputs published by others (quoted in READMEs and notes). */
const REAL = {
  // rustdesk/rustdesk README.md (search index id 47435429606): Properties.Get of a uint32.
  'portal-version-variant-uint32':
    'method return time=1662544486.931020 sender=:1.54 -> destination=:1.139 serial=257 reply_serial=2\n   variant       uint32 4\n',
  // A Chinese BlueZ note (search index id 315910526): Properties.Get of a string.
  'bluez-address-variant-string':
    'method return time=1592534678.200347 sender=:1.2 -> destination=:1.15 serial=24 reply_serial=2\n   variant       string "54:A4:93:A0:00:08"\n',
  // An automotive message broker comment (search index id 15235250597): the old dbus header.
  'old-header-variant-int32': 'method return sender=:1.69 -> dest=:1.91 reply_serial=2\n   variant       int32 0\n',
  // GENIVI app framework README (search index id 35964223421): an array of strings.
  'array-of-strings':
    'method return time=1467869897.358102 sender=:1.423 -> destination=:1.428 serial=15 reply_serial=2\n   array [\n      string "org.genivi.TunerAMFM"\n      string "org.genivi.TunerDAB"\n   ]\n',
} as const;

describe('parseDbusReply', () => {
  it('reads real published replies', async () => {
    const parsed = Object.fromEntries(Object.entries(REAL).map(([k, v]) => [k, parseDbusReply(v)]));
    await expectGolden(parsed, 'dbus/real-replies.json');
    expect(parsed['old-header-variant-int32']).toEqual({ values: [0], containers: false });
  });

  it('reads the (value, error) pairs Kylin methods answer', () => {
    expect(parseDbusReply(reply('int32 1', 'int32 0'))).toEqual({ values: [1, 0], containers: false });
    expect(parseDbusReply(reply('string "2026-12-31"', 'int32 0'))?.values).toEqual(['2026-12-31', 0]);
    expect(parseDbusReply(reply('string ""', 'int32 0'))?.values).toEqual(['', 0]);
    expect(parseDbusReply(reply('boolean true', 'boolean false', 'int32 -1'))?.values).toEqual([true, false, -1]);
  });

  it('keeps quotes inside a string and non-ASCII text', () => {
    expect(parseDbusReply(reply('string "say "hi" 已激活"'))?.values).toEqual(['say "hi" 已激活']);
  });

  it('skips lines it cannot read and tolerates CRLF, a header without body, a cut-off string', () => {
    expect(parseDbusReply(reply('int32 notanumber', 'uint32 7', 'garbage line').replace(/\n/g, '\r\n'))?.values).toEqual([7]);
    expect(parseDbusReply('method return time=1 sender=:1.3\n')).toEqual({ values: [], containers: false });
    expect(parseDbusReply(reply('string "2026-12'))?.values).toEqual(['2026-12']);
  });

  it('is undefined for anything that is not a method return', () => {
    for (const text of ['', 'int32 1', SERVICE_UNKNOWN.stderr, 'method call time=1 sender=:1.1 -> destination=:1.2\n   int32 1']) {
      expect(parseDbusReply(text)).toBeUndefined();
    }
  });
});

describe('parseDbusError', () => {
  it('reads the error name and message', () => {
    expect(parseDbusError(SERVICE_UNKNOWN.stderr)).toEqual({
      name: 'org.freedesktop.DBus.Error.ServiceUnknown',
      message: 'The name org.freedesktop.activation was not provided by any .service files',
    });
    // rustdesk/rustdesk README: a real InvalidArgs error with typographic quotes.
    expect(parseDbusError('Error org.freedesktop.DBus.Error.InvalidArgs: No such interface “org.freedesktop.portal.ScreenCast”')?.name).toBe(
      'org.freedesktop.DBus.Error.InvalidArgs',
    );
    expect(parseDbusError('nothing here')).toBeUndefined();
  });
});

describe('askDbus', () => {
  const source = LINUX_OS.deepinAuthState;

  it('returns the values of a reply', async () => {
    const io = recordedIo({ 'deepin-license-state.txt': reply('variant       int32 1') });
    expect(await askDbus(io, source)).toEqual({ kind: 'reply', values: [1] });
  });

  it('treats a D-Bus error reply as an answer, not a scan error', async () => {
    const answer = await askDbus(recordedIo({ 'deepin-license-state.txt': SERVICE_UNKNOWN }), source);
    expect(answer).toMatchObject({ kind: 'error', error: { name: 'org.freedesktop.DBus.Error.ServiceUnknown' } });
    if (answer.kind !== 'reply') expect(describeFailure(answer, 'the service')).toMatch(/^the service did not answer: org\.freedesktop\.DBus\.Error\.ServiceUnknown/);
  });

  it('says absent when dbus-send is not installed', async () => {
    const answer = await askDbus(recordedIo({}), source);
    expect(answer).toEqual({ kind: 'absent' });
    if (answer.kind !== 'reply') expect(describeFailure(answer, 'X')).toBe('dbus-send is not installed, so X on the system D-Bus could not be asked');
  });

  it('turns a timeout and an unexplained failure into failed answers with a collection error', async () => {
    const timeout = await askDbus(recordedIo({ 'deepin-license-state.txt': new ExecTimeoutError('dbus-send', 5000) }), source);
    expect(timeout).toMatchObject({ kind: 'failed', reason: 'no answer within 5 s', error: { code: 'E_EXEC_TIMEOUT' } });
    const crash = await askDbus(recordedIo({ 'deepin-license-state.txt': { exit: 134, stderr: 'Aborted' } }), source);
    expect(crash).toMatchObject({ kind: 'failed', error: { code: 'E_EXEC_FAILED', source: 'dbus:deepin-license-state.txt' } });
  });

  it('keeps the first line of an unreadable answer', async () => {
    const answer = await askDbus(recordedIo({ 'deepin-license-state.txt': 'Segmentation fault\nmore' }), source);
    expect(answer).toEqual({ kind: 'failed', reason: 'the reply could not be read', raw: 'Segmentation fault' });
  });
});
