import { Antivirus, OfficeSuite, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { parseDpkgQuery } from '../../../src/collectors/linux/dpkg.parse.js';
import { recogniseProducts } from '../../../src/collectors/linux/products.js';
import { parseRpmQuery } from '../../../src/collectors/linux/rpm.parse.js';
import { expectGolden, linuxFixture } from '../fixtures.js';

function check(products: ReturnType<typeof recogniseProducts>) {
  assertValid(Type.Array(OfficeSuite), products.office, 'office');
  assertValid(Type.Array(Antivirus), products.antivirus, 'antivirus');
  return products;
}

describe('recogniseProducts', () => {
  it('finds office suites and antivirus among dpkg packages', async () => {
    const p = check(recogniseProducts(parseDpkgQuery(linuxFixture('dpkg', 'constructed-office-antivirus')).items));
    expect(p.office.map((o) => o.name)).toEqual(['LibreOffice', 'Apache OpenOffice', 'WPS Office', 'Yozo Office']);
    expect(p.office[0]).toEqual({
      name: 'LibreOffice',
      vendor: 'The Document Foundation',
      source: 'dpkg:libreoffice-core',
      version: '4:24.2.7-0ubuntu0.24.04.4',
      activation: { state: 'not-applicable', reason: 'LibreOffice is free software with no activation', source: 'dpkg:libreoffice-core' },
    });
    expect(p.office[2]!.activation.state).toBe('unknown');
    expect(p.antivirus.map((a) => a.name)).toEqual([
      'ClamAV', 'Microsoft Defender for Endpoint', 'QAX Endpoint Security (奇安信网神终端安全)', '360 Security Guard (360安全卫士)',
    ]);
    expect(p.antivirus[0]).toMatchObject({ source: 'dpkg:clamav-daemon', enabled: null, upToDate: null });
    await expectGolden(p, 'products/dpkg-constructed-office-antivirus.json');
  });

  it('finds them among rpm packages', async () => {
    const p = check(recogniseProducts(parseRpmQuery(linuxFixture('rpm', 'constructed-office-antivirus')).items));
    expect(p.antivirus[0]).toMatchObject({ name: 'ClamAV', source: 'rpm:clamd' });
    await expectGolden(p, 'products/rpm-constructed-office-antivirus.json');
  });

  it('reports nothing on a machine without them, and ignores removed packages and bare libraries', () => {
    expect(recogniseProducts(parseDpkgQuery(linuxFixture('dpkg', 'debian-12')).items)).toEqual({ office: [], antivirus: [] });
    const onlyLib = [{ name: 'libclamav11', source: 'dpkg' }, { name: 'clamav-base', source: 'dpkg' }];
    expect(recogniseProducts(onlyLib).antivirus).toEqual([]);
  });

  it("recognises The Document Foundation's versioned packages", () => {
    const p = recogniseProducts([{ name: 'libreoffice7.6', version: '7.6.4.1-1', source: 'dpkg' }]);
    expect(p.office).toMatchObject([{ name: 'LibreOffice', version: '7.6.4.1-1', source: 'dpkg:libreoffice7.6' }]);
  });
});
