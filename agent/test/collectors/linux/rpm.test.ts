import { SoftwareItem, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { collectRpm } from '../../../src/collectors/linux/rpm.collect.js';
import { RPM_FORMAT, parseRpmQuery } from '../../../src/collectors/linux/rpm.parse.js';
import { expectGolden, fakeIo, glpiFixture, linuxFixture } from '../fixtures.js';

const SoftwareList = Type.Array(SoftwareItem);

describe('rpm fixtures', () => {
  it.each(['fedora-35-excerpt', 'constructed-office-antivirus'])('parses %s', async (name) => {
    const parsed = parseRpmQuery(linuxFixture('rpm', name));
    assertValid(SoftwareList, parsed.items, name);
    expect(parsed.skipped).toEqual([]);
    await expectGolden(parsed.items, `rpm/${name}.json`);
  });

  it("reads GLPI's 8-column recording with the same parser", async () => {
    const parsed = parseRpmQuery(glpiFixture('linux/packaging/rpm'));
    assertValid(SoftwareList, parsed.items, 'glpi rpm');
    expect(parsed.items).toHaveLength(10);
    expect(parsed.items[0]).toEqual({
      name: 'libpciaccess0',
      version: '0.12.1-1.mga1',
      publisher: 'Mageia.Org',
      arch: 'i586',
      installDate: '2011-07-19T13:05:03.000Z',
      sizeBytes: 38452,
      source: 'rpm',
    });
    await expectGolden(parsed.items, 'rpm/glpi-rpm.json');
  });
});

describe('parseRpmQuery', () => {
  it('drops gpg-pubkey rows and (none) tags', () => {
    const items = parseRpmQuery(linuxFixture('rpm', 'constructed-office-antivirus')).items;
    expect(items.map((i) => i.name)).not.toContain('gpg-pubkey');
    expect(items.find((i) => i.name === 'libreoffice-core')).not.toHaveProperty('publisher');
    expect(items.find((i) => i.name === 'clamav')?.publisher).toBe('统信软件 (constructed)');
  });

  it('returns nothing for empty output', () => {
    expect(parseRpmQuery('')).toEqual({ items: [], skipped: [] });
  });

  it('reports a truncated last line and short lines', () => {
    const parsed = parseRpmQuery('bash\tx86_64\t5.1.8-3.fc35\t1669000020\t7739660\tFedora Project\nshort\tline\nzlib\tx86_64\t1.2');
    expect(parsed.items.map((i) => i.name)).toEqual(['bash']);
    expect(parsed.skipped.map((s) => s.line)).toEqual([2, 3]);
  });

  it('ignores a garbled INSTALLTIME instead of throwing', () => {
    const [item] = parseRpmQuery('x\tnoarch\t1-1\t99999999999999999\t10\tV\n').items;
    expect(item).toEqual({ name: 'x', version: '1-1', publisher: 'V', arch: 'noarch', sizeBytes: 10, source: 'rpm' });
  });
});

describe('collectRpm', () => {
  it('runs rpm -qa with our format', async () => {
    const io = fakeIo({}, { rpm: linuxFixture('rpm', 'fedora-35-excerpt') });
    expect((await collectRpm(io)).items).toHaveLength(32);
    expect(io.calls).toEqual([`rpm -qa --queryformat ${RPM_FORMAT}`]);
  });
});
