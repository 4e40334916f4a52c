import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertValid, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { windowsFacts } from '../../src/collectors/windows/index.js';
import type { LicensingRow } from '../../src/collectors/windows/inventory.schema.js';
import { editionOfRow, nameWithoutCaption } from '../../src/collectors/windows/os.parse.js';
import { readRecordedDir } from '../../src/collectors/windows/recorded/read.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { inventory, utf16 } from './helpers.js';

const WIN = '55c92734-d682-4d71-983e-d6ec3f16059f';
const NOW = new Date('2026-11-20T08:00:00Z');
const winRow = (r: Partial<LicensingRow>): LicensingRow => ({ ApplicationID: WIN, PartialProductKey: 'ABCDE', LicenseIsAddon: false, LicenseStatus: 1, ...r });

/**
 * `wmic path SoftwareLicensingProduct where "PartialProductKey is not null" get … /format:list`
 * as Windows writes it (UTF-16LE, CRLF, blank lines around each record, properties in
 * alphabetical order): the one recording a locked-down PC may give of its licence.
 */
const wmicList = (...records: Record<string, string>[]): Buffer =>
  utf16(`\n\n${records.map((r) => `${Object.keys(r).sort().map((k) => `${k}=${r[k]}`).join('\n')}\n\n\n`).join('')}`);
const sppRecord = (family: string, name: string, channel: string, extra: Record<string, string> = {}) => ({
  ApplicationID: WIN, Description: `Windows(R) Operating System, ${channel} channel`, GracePeriodRemaining: '0', ID: 'bd3762d7-270d-4760-8fb3-d829ca45278a',
  LicenseFamily: family, LicenseStatus: '1', LicenseStatusReason: '0', Name: name, PartialProductKey: 'F6YP2', ...extra,
});

async function recorded(files: Record<string, Buffer>) {
  const dir = await mkdtemp(join(tmpdir(), 'zb-edition-'));
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
  return dir;
}

describe('the Windows edition when the registry EditionID is missing', () => {
  it.each([
    [{ LicenseFamily: 'Core', Name: 'Windows(R), Core edition' }, 'Core'],
    [{ LicenseFamily: 'CoreSingleLanguage' }, 'CoreSingleLanguage'],
    [{ LicenseFamily: null, Name: 'Windows(R), CoreCountrySpecific edition' }, 'CoreCountrySpecific'],
    [{ Name: 'Windows(R), Professional edition' }, 'Professional'],
    [{ Name: 'Windows(R), Education edition' }, 'Education'],
    [{ Name: 'Windows(R), Enterprise edition' }, 'Enterprise'],
    [{ Name: 'Windows(R) 7, Ultimate edition' }, 'Ultimate'],
    [{ Name: 'Windows Server(R), ServerStandard edition' }, 'ServerStandard'],
    [{ Name: 'Windows(R), ServerDatacenter edition', LicenseFamily: '  ' }, 'ServerDatacenter'],
    [{ Name: 'Office 16, Office16ProPlusVL_KMS_Client edition' }, undefined],
    [{ Name: null }, undefined],
  ] as const)('row %o names edition %s', (row, edition) => {
    expect(editionOfRow(winRow(row))).toBe(edition);
  });

  it('names the OS by its edition, with Server for a server edition (multi-session ServerRdsh is a client)', () => {
    expect(nameWithoutCaption('Professional')).toBe('Microsoft Windows (Professional edition)');
    expect(nameWithoutCaption('CoreCountrySpecific')).toBe('Microsoft Windows (CoreCountrySpecific edition)');
    expect(nameWithoutCaption('ServerStandard')).toBe('Microsoft Windows Server (ServerStandard edition)');
    expect(nameWithoutCaption('ServerRdsh')).toBe('Microsoft Windows (ServerRdsh edition)');
    expect(nameWithoutCaption(undefined)).toBe('Microsoft Windows');
  });

  it('keeps the Caption and the EditionID when they were read, and takes the primary row (not an add-on)', () => {
    const products = [winRow({ LicenseFamily: 'Client-ESU-Year1', Name: 'Client-ESU-Year1 add-on', LicenseIsAddon: true }), winRow({ LicenseFamily: 'Professional' })];
    expect(windowsFacts(inventory({ os: { Caption: 'Microsoft Windows 10 专业版' }, licensing: { products } })).os)
      .toMatchObject({ name: 'Microsoft Windows 10 专业版', edition: 'Professional' });
    expect(windowsFacts(inventory({ os: { EditionID: 'ProfessionalWorkstation' }, licensing: { products } })).os)
      .toMatchObject({ name: 'Microsoft Windows (ProfessionalWorkstation edition)', edition: 'ProfessionalWorkstation' });
    expect(windowsFacts(inventory({ os: { ProductName: 'Windows 10 Pro' }, licensing: { products } })).os.name).toBe('Windows 10 Pro');
    const none = windowsFacts(inventory({ licensing: { products: [] } })).os;
    expect(none.name).toBe('Microsoft Windows');
    expect(none.edition).toBeUndefined();
  });

  it('reads a wmic-recorded PC with only SoftwareLicensingProduct: a Pro workstation', async () => {
    const dir = await recorded({ 'SoftwareLicensingProduct.wmi': wmicList(sppRecord('Professional', 'Windows(R), Professional edition', 'OEM_DM', { ProductKeyChannel: 'OEM:DM' })) });
    const facts = windowsFacts(await readRecordedDir(dir), { now: NOW });
    expect(facts.os).toMatchObject({
      family: 'windows', name: 'Microsoft Windows (Professional edition)', edition: 'Professional',
      activation: { state: 'activated', channel: 'OEM:DM', partialKey: 'F6YP2' },
    });
    assertValid(Snapshot, await buildSnapshot({ agentId: null, seq: 0, now: NOW, from: dir }), 'snapshot');
  });

  it('reads a wmic-recorded server: Server in the name, so the catalog sees Windows Server', async () => {
    const dir = await recorded({
      'spp.txt': wmicList(sppRecord('ServerStandard', 'Windows(R), ServerStandard edition', 'VOLUME_KMSCLIENT', { KeyManagementServiceMachine: 'kms.czj.gov.example.cn' })),
    });
    const s = await buildSnapshot({ agentId: null, seq: 0, now: NOW, from: dir });
    assertValid(Snapshot, s, 'snapshot');
    expect(s.os).toMatchObject({ name: 'Microsoft Windows Server (ServerStandard edition)', edition: 'ServerStandard', activation: { channel: 'Volume:GVLK', kmsHost: 'kms.czj.gov.example.cn' } });
  });

  it('reads a Windows 7 row, whose Name carries the release too', async () => {
    const dir = await recorded({
      'SoftwareLicensingProduct.wmi': wmicList({ ...sppRecord('Ultimate', 'Windows(R) 7, Ultimate edition', 'OEM_SLP'), LicenseFamily: '' }),
    });
    const facts = windowsFacts(await readRecordedDir(dir), { now: NOW });
    expect(facts.os).toMatchObject({ name: 'Microsoft Windows (Ultimate edition)', edition: 'Ultimate', activation: { channel: 'OEM:SLP' } });
  });
});
