import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KitFile, type KitModule } from '@zhengban/shared';
import { KitDataError, KitRulesError } from '../../collector/src/kit/errors.js';
import { judgeOnSite } from '../../collector/src/kit/judge-on-site.js';
import { collectorVerdict, FIXTURES, fixtureSnapshot as snapshotOf, kitOf, NOW, world, type World } from './world.js';

// The kit's verdict is the collector's: every recorded PC of test/fixtures (Windows, Linux,
// macOS) is posted to a collector with licences, catalog changes and lists, and judged by
// the kit made from that collector, in process and through the bundled judge.mjs.

const JUDGE = fileURLToPath(new URL('../../collector/bundle/judge.mjs', import.meta.url));

const cases = ['windows', 'linux-cases', 'macos'].flatMap((kind) =>
  readdirSync(join(FIXTURES, kind)).filter((n) => statSync(join(FIXTURES, kind, n)).isDirectory()).map((n) => `${kind}/${n}`),
);

let w: World;
let kit: KitFile;
let bundled: KitModule | undefined;
beforeAll(async () => {
  w = await world();
  ({ kit } = await kitOf(w));
  if (existsSync(JUDGE)) bundled = ((await import(pathToFileURL(JUDGE).href)) as { default: KitModule }).default;
});
afterAll(() => w.close());

describe('the kit judges as the collector does today', () => {
  it('carries the collector\'s effective catalog, the unit\'s licences and lists, and the KMS policy', () => {
    const j = kit.judging as { products: { id: string; licence: string }[]; licences: { productId: string; unit: string }[]; lists: { name: string }[]; trustedKmsHosts: string[] };
    expect(j.products.find((p) => p.id === 'chrome-paid')).toBeDefined();
    expect(j.products.find((p) => p.id === 'huorong')?.licence).toBe('free-for-orgs');
    expect(j.licences.map((l) => `${l.productId}@${l.unit}`).sort()).toEqual(['ms-office@财政局', 'ms-office@财政局', 'windows@市政府']);
    expect(j.lists.map((l) => l.name).sort()).toEqual(['^Adobe Acrobat Reader', '^钉钉$']);
    expect(j.trustedKmsHosts).toEqual(expect.arrayContaining(['kms.czj.gov.example.cn', '10.12.0.5', 'kms.licensed.example.cn']));
    expect(kit.unit).toBe('财政局');
  });

  it.each(cases)('%s: same status, findings and rules version', async (name) => {
    const snapshot = await snapshotOf(name);
    const { verdict } = await collectorVerdict(w, snapshot);
    const onSite = judgeOnSite(snapshot, kit, NOW);
    expect(onSite).toEqual(verdict);
    if (bundled) expect(bundled.judgeOnSite(snapshot, kit, NOW)).toEqual(verdict);
  });

  it('shows the custom product, the override and the unit\'s deny entry in its findings', async () => {
    const findings = judgeOnSite(await snapshotOf('windows/win10-zh-cn-huorong'), kit, NOW).findings.map((f) => `${f.subject}: ${f.code}`);
    expect(findings).toContain('钉钉: denied-software');
    expect(findings.filter((f) => f.startsWith('火绒'))).not.toContain('火绒安全软件: personal-use-only');
    expect(findings.some((f) => /^Google Chrome.*: no-entitlement$/.test(f))).toBe(true);
  });
});

describe('a kit the judge cannot use', () => {
  it('refuses a kit made under other rules', async () => {
    const snapshot = await snapshotOf('windows/win10-kmspico');
    expect(() => judgeOnSite(snapshot, { ...kit, rulesVersion: '1999.01-1' }, NOW)).toThrow(KitRulesError);
  });

  it('refuses damaged judging data, naming where', async () => {
    const snapshot = await snapshotOf('windows/win10-kmspico');
    const damaged = { ...kit, judging: { ...kit.judging, licences: [{ id: 'one' }] } };
    expect(() => judgeOnSite(snapshot, damaged, NOW)).toThrow(KitDataError);
    expect(() => judgeOnSite(snapshot, damaged, NOW)).toThrow(/licences/);
    const badPattern = { ...kit, judging: { ...kit.judging, lists: [{ id: 1, list: 'deny', name: '(', publisher: null, unitId: null, unit: null, reason: 'x', createdAt: NOW.toISOString(), createdBy: 'cli' }] } };
    expect(() => judgeOnSite(snapshot, badPattern, NOW)).toThrow(/cannot be compiled/);
  });
});
