import { describe, expect, it } from 'vitest';
import { inventoryFromFrames } from '../../../src/collectors/windows/inventory.frames.js';
import { inventoryCollectionErrors } from '../../../src/collectors/windows/index.js';

// Frames as inventory.ps1 prints them (one per line, ASCII, Chinese as \uXXXX).
const PLAN = ['profiles', 'software', 'wps', 'os', 'services', 'antivirus.services', 'licensing.products'];
const begin = { frame: 'begin', format: 1, origin: 'script', collectedAt: '2026-12-01T01:30:00Z', powershellVersion: '2.0', languageMode: 'FullLanguage', deadlineSeconds: 90, plan: PLAN };
const part = (path: string, value: unknown, seconds = 0.1) => ({ frame: 'part', path, seconds, value });
const error = (source: string, kind: string, message: string) => ({ frame: 'error', source, kind, message });
const end = { frame: 'end', seconds: 12.5 };
const stream = (...frames: unknown[]) => frames.map((f) => JSON.stringify(f)).join('\r\n') + '\r\n';

const profiles = [
  { sid: 'S-1-5-21-1-2-3-1001', path: 'C:\\Users\\zhangsan', state: 'loaded', message: null },
  { sid: 'S-1-5-21-1-2-3-1002', path: 'C:\\Users\\lisi', state: 'not-loaded', message: 'reg load: C:\\Users\\lisi\\NTUSER.DAT is in use by another process' },
];
const software = [{ hive: 'HKLM', userSid: null, keyName: 'WPS', DisplayName: 'WPS Office (11.1.0.14309)', DisplayVersion: '11.1.0.14309' }];
const os = { Caption: 'Microsoft Windows 7 \u65d7\u8230\u7248', BuildNumber: '7601' };

describe('inventoryFromFrames', () => {
  it('assembles a whole scan: parts at their paths, timings, errors with their kind', () => {
    const inv = inventoryFromFrames(stream(
      begin,
      part('profiles', profiles, 0.3),
      part('software', software, 0.4),
      part('wps', []),
      part('os', os),
      part('services', null, 0.8),
      part('antivirus.services', [{ Name: 'ZhuDongFangYu', State: 'Running' }]),
      error('licensing.products', 'timeout', 'WMI did not finish within 45 s: SELECT ID FROM SoftwareLicensingProduct'),
      part('licensing.products', null, 45.1),
      end,
    ));
    expect(inv).toMatchObject({
      format: 1, origin: 'script', powershellVersion: '2.0', languageMode: 'FullLanguage', deadlineSeconds: 90,
      software, wps: [], os: { Caption: 'Microsoft Windows 7 旗舰版' },
      antivirus: { services: [{ Name: 'ZhuDongFangYu' }] },
      timings: { profiles: 0.3, software: 0.4, services: 0.8, 'licensing.products': 45.1 },
    });
    expect(inv.licensing).toBeUndefined();
    expect(inv.errors).toEqual([{ source: 'licensing.products', kind: 'timeout', message: expect.stringContaining('45 s') }]);
  });

  it('keeps what came before PowerShell was stopped; the parts not printed are `stopped`, a cut last line is dropped', () => {
    const text = stream(begin, part('profiles', profiles), part('software', software)) + '{"frame":"part","path":"wps","val';
    const inv = inventoryFromFrames(text, { stoppedAfterMs: 120_000 });
    expect(inv.software).toEqual(software);
    expect(inv.errors.map((e) => [e.source, e.kind])).toEqual(
      ['wps', 'os', 'services', 'antivirus.services', 'licensing.products'].map((p) => [p, 'stopped']),
    );
    expect(inv.errors[0]!.message).toBe('not collected: the agent stopped PowerShell after 120 s, before this part was read');
  });

  it('says the output ended early when nobody said PowerShell was stopped, and reports a cut line', () => {
    const inv = inventoryFromFrames(stream(begin, part('profiles', profiles)) + '{"frame":"pa');
    expect(inv.errors[0]).toEqual({ source: 'inventory', kind: 'query', message: 'a line that is not a frame: {"frame":"pa' });
    expect(inv.errors.filter((e) => e.kind === 'stopped').map((e) => e.source)).toEqual(PLAN.slice(1));
    expect(inv.errors.at(-1)!.message).toMatch(/output ends before this part/);
  });

  it('does not call a part `stopped` when the script said why it was not read (the deadline)', () => {
    const inv = inventoryFromFrames(stream(
      begin, part('profiles', profiles), part('software', software), part('wps', []), part('os', os), part('services', null),
      part('antivirus.services', []),
      error('licensing.products', 'deadline', "not collected: the scan's 90 s deadline had passed"),
      end,
    ));
    expect(inv.errors).toEqual([{ source: 'licensing.products', kind: 'deadline', message: "not collected: the scan's 90 s deadline had passed" }]);
  });

  it('leaves out one invalid value, and one invalid item of a list, each with an error; the rest stays', () => {
    const inv = inventoryFromFrames(stream(
      begin,
      part('software', [...software, { hive: 'HKCU', keyName: 'x' }]),
      part('os', { Caption: 42 }),
      part('wps', []),
      end,
    ));
    expect(inv.software).toEqual(software);
    expect(inv.os).toBeUndefined();
    expect(inv.wps).toEqual([]);
    expect(inv.errors.map((e) => [e.source, e.kind])).toEqual([['software', 'query'], ['os', 'query']]);
    expect(inv.errors[0]!.message).toMatch(/^item 1 left out: \/hive/);
  });

  it('refuses a path it does not know, and never writes through __proto__', () => {
    const inv = inventoryFromFrames(stream(begin, part('__proto__.polluted', true), part('nosuch', [1]), end));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(inv.errors.map((e) => e.source)).toEqual(['__proto__.polluted', 'nosuch']);
  });

  it('reads a Constrained Language mode answer as `blocked`', () => {
    const inv = inventoryFromFrames('{"frame":"blocked","format":1,"origin":"script","languageMode":"ConstrainedLanguage","powershellVersion":"5.1.19041.1","collectedAt":""}\r\n');
    expect(inv).toEqual({ format: 1, origin: 'script', collectedAt: null, powershellVersion: '5.1.19041.1', languageMode: 'ConstrainedLanguage', errors: [], blocked: { languageMode: 'ConstrainedLanguage' } });
  });

  it('reads a recording from before frames (one document) as it is', () => {
    const doc = { format: 1, origin: 'script', collectedAt: null, errors: [], os };
    expect(inventoryFromFrames(`\uFEFF${JSON.stringify(doc, null, 2)}\n`)).toEqual(doc);
  });

  it('reports lines printed before `begin` instead of dropping them', () => {
    const inv = inventoryFromFrames(`WARNING: something\n${stream(begin, end)}`);
    expect(inv.errors[0]).toEqual({ source: 'inventory', kind: 'query', message: 'a line that is not a frame: WARNING: something' });
  });

  it('throws on output with neither frames nor a document', () => {
    expect(() => inventoryFromFrames('Get-WmiObject : Access denied')).toThrow(expect.objectContaining({ code: 'E_JSON' }));
    expect(() => inventoryFromFrames('')).toThrow();
  });
});

describe('inventoryCollectionErrors', () => {
  it('gives each kind its code, and a profile whose hive was not read its own error, user names masked', () => {
    const inv = inventoryFromFrames(stream(
      begin,
      part('profiles', profiles),
      error('software', 'query', 'HKU S-1-5-21-1-2-3-1001 WPS: access denied'),
      error('licensing.products', 'timeout', 'WMI did not finish within 45 s'),
      error('antivirus.products', 'deadline', "not collected: the scan's 90 s deadline had passed"),
    ), { stoppedAfterMs: 120_000 });
    const errors = inventoryCollectionErrors(inv);
    expect(errors.map((e) => [e.source, e.code])).toEqual([
      ['windows:software', 'E_WINDOWS_QUERY'],
      ['windows:licensing.products', 'E_COLLECTION_CUT_SHORT'],
      ['windows:antivirus.products', 'E_COLLECTION_CUT_SHORT'],
      ...['wps', 'os', 'services', 'antivirus.services'].map((p) => [`windows:${p}`, 'E_COLLECTION_CUT_SHORT']),
      ['windows:profiles', 'E_PROFILE_NOT_CHECKED'],
    ]);
    const profile = errors.at(-1)!.message;
    expect(profile).toContain('S-1-5-21-1-2-3-1002 (C:\\Users\\%USERNAME%)');
    expect(profile).toContain('C:\\Users\\%USERNAME%\\NTUSER.DAT is in use');
    expect(profile).toMatch(/WPS Office\) were not checked$/);
    expect(profile).not.toContain('lisi');
  });

  it('turns a recorded Constrained Language answer into E_COLLECTION_BLOCKED', () => {
    const [e] = inventoryCollectionErrors({ format: 1, origin: 'script', errors: [], blocked: { languageMode: 'ConstrainedLanguage' } });
    expect(e).toMatchObject({ source: 'windows:inventory', code: 'E_COLLECTION_BLOCKED' });
    expect(e!.message).toMatch(/^collection blocked by policy: PowerShell ran the inventory script in ConstrainedLanguage mode/);
  });
});
