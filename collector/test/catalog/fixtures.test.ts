import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Antivirus, OfficeSuite, OperatingSystem } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG_VERSION, BUILTIN_PRODUCTS, compileCatalog, type Recognition } from '../../src/catalog/index.js';
import { FIXTURE_EXPECTATIONS, type Recognised } from './fixture-expectations.js';

/** What the agent really reported, in the recorded cases the agent's own tests replay. */
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
const OSES = ['windows', 'linux-cases', 'macos'];

interface Facts {
  os: OperatingSystem;
  office?: OfficeSuite[];
  antivirus?: Antivirus[];
}

function cases(): [string, Facts][] {
  return OSES.flatMap((os) =>
    readdirSync(`${FIXTURES}${os}`, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const file = `${FIXTURES}${os}/${d.name}/facts.golden.json`;
        try {
          return [[`${os}/${d.name}`, JSON.parse(readFileSync(file, 'utf8')) as Facts] as [string, Facts]];
        } catch {
          return [];
        }
      }),
  );
}

const catalog = compileCatalog(BUILTIN_PRODUCTS, BUILTIN_CATALOG_VERSION);
const shown = (r: Recognition | undefined): string => (r ? (r.edition ? `${r.product.id}:${r.edition.id}` : r.product.id) : 'UNRECOGNISED');

describe('the agents\' recorded facts', () => {
  const all = cases();

  it('finds the fixtures, and every one has an expectation', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.map(([name]) => name).filter((name) => !(name in FIXTURE_EXPECTATIONS))).toEqual([]);
  });

  it.each(all)('%s', (name, facts) => {
    const got: Recognised = {
      os: shown(catalog.recogniseOs(facts.os)),
      office: (facts.office ?? []).map((s) => shown(catalog.recogniseOffice(s))),
      antivirus: (facts.antivirus ?? []).map((a) => shown(catalog.recogniseAntivirus(a))),
    };
    expect(got).toEqual(FIXTURE_EXPECTATIONS[name]);
  });
});
