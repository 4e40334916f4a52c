import { SoftwareItem, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { collectDpkg } from '../../../src/collectors/linux/dpkg.collect.js';
import { DPKG_FORMAT, parseDpkgListing, parseDpkgQuery, parseGlpiDpkg } from '../../../src/collectors/linux/dpkg.parse.js';
import { expectGolden, fakeIo, glpiFixture, linuxFixture } from '../fixtures.js';

const SoftwareList = Type.Array(SoftwareItem);

describe('dpkg fixtures', () => {
  it.each(['debian-12', 'ubuntu-20.04-excerpt', 'constructed-office-antivirus'])('parses %s', async (name) => {
    const parsed = parseDpkgQuery(linuxFixture('dpkg', name));
    assertValid(SoftwareList, parsed.items, name);
    expect(parsed.skipped).toEqual([]);
    await expectGolden(parsed.items, `dpkg/${name}.json`);
  });

  it("parses GLPI's recording with its own format (status column optional)", async () => {
    const parsed = parseGlpiDpkg(glpiFixture('linux/packaging/dpkg'));
    assertValid(SoftwareList, parsed.items, 'glpi dpkg');
    expect(parsed.skipped).toEqual([]);
    // vlc-nox is "deinstall ok config-files": removed, only its configuration is left.
    expect(parsed.items.map((i) => i.name)).not.toContain('vlc-nox');
    expect(parsed.items.find((i) => i.name === 'jcagent')).toEqual({
      name: 'jcagent', version: '0.24.2', arch: 'amd64', source: 'dpkg',
    });
    await expectGolden(parsed.items, 'dpkg/glpi-dpkg.json');
  });
});

describe('parseDpkgQuery', () => {
  it('keeps only installed packages (hold counts; config-files and half-installed do not)', () => {
    const names = parseDpkgQuery(linuxFixture('dpkg', 'constructed-office-antivirus')).items.map((i) => i.name);
    expect(names).toContain('hold-example');
    expect(names).not.toContain('half-example');
    expect(names).not.toContain('libreoffice-writer');
    expect(parseDpkgQuery(linuxFixture('dpkg', 'ubuntu-20.04-excerpt')).items).toHaveLength(93); // 95 rows, 2 "rc"
  });

  it('reads non-ASCII maintainers as publishers, without the address', () => {
    const jq = parseDpkgQuery(linuxFixture('dpkg', 'debian-12')).items.find((i) => i.name === 'jq');
    expect(jq).toMatchObject({ publisher: 'ChangZhuo Chen (陳昌倬)', version: '1.6-2.1+deb12u1', sizeBytes: 110 * 1024 });
  });

  it('returns nothing for empty output', () => {
    expect(parseDpkgQuery('')).toEqual({ items: [], skipped: [] });
    expect(parseDpkgQuery('\n\n')).toEqual({ items: [], skipped: [] });
  });

  it('reports a truncated last line and short lines instead of guessing', () => {
    const text = 'bash\tamd64\t5.2.15-2+b7\t7164\tinstall ok installed\tMatthias Klose <doko@debian.org>\n'
      + 'garbage-without-tabs\n'
      + 'coreutils\tamd64\t9.1-1\t18062\tinstall ok inst';
    const parsed = parseDpkgQuery(text);
    expect(parsed.items.map((i) => i.name)).toEqual(['bash']);
    expect(parsed.skipped).toEqual([
      { line: 2, text: 'garbage-without-tabs', why: 'expected at least 5 tab-separated fields' },
      { line: 3, text: 'coreutils\tamd64\t9.1-1\t18062\tinstall ok inst', why: 'output ends inside this line' },
    ]);
  });

  it('clips over-long fields to the schema limits', () => {
    const parsed = parseDpkgQuery(`${'n'.repeat(600)}\t${'a'.repeat(60)}\t1\t\tinstall ok installed\t${'維'.repeat(400)}\n`);
    assertValid(SoftwareList, parsed.items, 'long');
    expect(parsed.items[0]!.name).toHaveLength(500);
  });
});

describe('collectDpkg', () => {
  it('runs dpkg-query with our format and parses its output', async () => {
    const io = fakeIo({}, { 'dpkg-query': linuxFixture('dpkg', 'debian-12') });
    const parsed = await collectDpkg(io);
    expect(io.calls).toEqual([`dpkg-query --show --showformat=${DPKG_FORMAT}`]);
    expect(parsed.items).toHaveLength(710);
  });
});

describe('parseDpkgListing', () => {
  it('reads our format and GLPI recordings alike', () => {
    const ours = parseDpkgListing(linuxFixture('dpkg', 'debian-12'));
    expect(ours).toEqual(parseDpkgQuery(linuxFixture('dpkg', 'debian-12')));
    const glpi = parseDpkgListing(glpiFixture('linux/packaging/dpkg'));
    expect(glpi).toEqual(parseGlpiDpkg(glpiFixture('linux/packaging/dpkg')));
    expect(glpi.skipped).toEqual([]);
    expect(parseDpkgListing('')).toEqual({ items: [], skipped: [] });
  });
});
