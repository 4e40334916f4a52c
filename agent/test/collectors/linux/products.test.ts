import { OfficeSuite, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { parseDpkgQuery } from '../../../src/collectors/linux/dpkg.parse.js';
import { findPackage, packagesByName, recogniseOffice } from '../../../src/collectors/linux/products.js';
import { parseRpmQuery } from '../../../src/collectors/linux/rpm.parse.js';
import { expectGolden, linuxFixture } from '../fixtures.js';

function check(office: OfficeSuite[]): OfficeSuite[] {
  assertValid(Type.Array(OfficeSuite), office, 'office');
  return office;
}

// WPS Office and antivirus have their own readers (wps.test.ts, antivirus.test.ts);
// these are the suites a package name alone describes.
describe('recogniseOffice', () => {
  it('finds office suites among dpkg packages', async () => {
    const office = check(recogniseOffice(parseDpkgQuery(linuxFixture('dpkg', 'constructed-office-antivirus')).items));
    expect(office.map((o) => o.name)).toEqual(['LibreOffice', 'Apache OpenOffice', 'Yozo Office']);
    expect(office[0]).toEqual({
      name: 'LibreOffice',
      vendor: 'The Document Foundation',
      source: 'dpkg:libreoffice-core',
      version: '4:24.2.7-0ubuntu0.24.04.4',
      activation: { state: 'not-applicable', reason: 'LibreOffice is free software with no activation', source: 'dpkg:libreoffice-core' },
    });
    expect(office[2]!.activation.state).toBe('unknown');
    await expectGolden(office, 'products/dpkg-constructed-office.json');
  });

  it('finds them among rpm packages', async () => {
    const office = check(recogniseOffice(parseRpmQuery(linuxFixture('rpm', 'constructed-office-antivirus')).items));
    expect(office).toMatchObject([{ name: 'LibreOffice', source: 'rpm:libreoffice-core', version: '7.3.7.2-1.oe2203' }]);
    await expectGolden(office, 'products/rpm-constructed-office.json');
  });

  it('reports nothing on a machine without them, and ignores removed packages', () => {
    expect(recogniseOffice(parseDpkgQuery(linuxFixture('dpkg', 'debian-12')).items)).toEqual([]);
    // libreoffice-writer is `deinstall ok config-files` in the fixture: only -core counts anyway.
    const removed = parseDpkgQuery('libreoffice-core\tamd64\t1:7.4\t1\tdeinstall ok config-files\tX\n').items;
    expect(recogniseOffice(removed)).toEqual([]);
  });

  it("recognises The Document Foundation's versioned packages", () => {
    const office = recogniseOffice([{ name: 'libreoffice7.6', version: '7.6.4.1-1', source: 'dpkg' }]);
    expect(office).toMatchObject([{ name: 'LibreOffice', version: '7.6.4.1-1', source: 'dpkg:libreoffice7.6' }]);
  });
});

describe('findPackage', () => {
  it('prefers exact names in list order, then patterns; the first listing of a name wins', () => {
    const sw = [
      { name: 'libreoffice', version: 'meta', source: 'dpkg' },
      { name: 'libreoffice-core', version: 'core', source: 'dpkg' },
      { name: 'libreoffice-core', version: 'rpm', source: 'rpm' },
    ];
    const rule = { packages: ['libreoffice-core', 'libreoffice'], patterns: [/^libobasis/] };
    expect(findPackage(rule, packagesByName(sw), sw)).toMatchObject({ version: 'core', source: 'dpkg' });
    expect(findPackage({ packages: [], patterns: [/^libobasis\d/] }, packagesByName(sw), sw)).toBeUndefined();
  });
});
