import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertValid, Snapshot } from '@zhengban/shared';
import { LINUX_SOURCES, MACOS_SOURCES } from '../../agent/src/collectors/sources/index.js';
import { buildSnapshot } from '../../agent/src/snapshot/build.js';
import {
  checkExpectedIsConsistent,
  checkSnapshotAgainst,
  checkVerdict,
  factsOf,
  NOW,
  readExpected,
  verdictFromCollector,
} from '../cases/harness.js';

// Linux and macOS machines recorded as scripts/record-linux-fixture.sh records them:
// one folder per machine under test/fixtures/linux-cases/ or test/fixtures/macos/, each
// file named as in the agent's sources table. `scan --from` replays the folder through
// the live collectors; the snapshot must match facts.golden.json (vitest -u, reviewed)
// and the real collector must give the verdict expected.json names.

const SUITES = [
  { dir: fileURLToPath(new URL('../fixtures/linux-cases/', import.meta.url)), family: 'linux', sources: LINUX_SOURCES },
  { dir: fileURLToPath(new URL('../fixtures/macos/', import.meta.url)), family: 'macos', sources: MACOS_SOURCES },
] as const;

/** Files a case folder may hold besides recordings. */
const CASE_FILES = new Set(['expected.json', 'facts.golden.json', 'provenance.md', 'recording.txt']);

const cases = SUITES.flatMap((suite) =>
  existsSync(suite.dir)
    ? readdirSync(suite.dir)
        .filter((name) => statSync(join(suite.dir, name)).isDirectory())
        .sort()
        .map((name) => ({ ...suite, name, path: join(suite.dir, name) }))
    : [],
);

it('has Linux and macOS fixture cases', () => {
  expect(cases.filter((c) => c.family === 'linux').length).toBeGreaterThanOrEqual(10);
  expect(cases.filter((c) => c.family === 'macos').length).toBeGreaterThanOrEqual(2);
});

describe.each(cases)('$family fixture $name', ({ name, path, family, sources }) => {
  let parsed: Promise<Snapshot> | undefined;
  const snapshotOf = () =>
    (parsed ??= buildSnapshot({ agentId: 'fixture-agent', seq: 1, now: NOW, from: path }));

  it('holds only files the sources table names, and its provenance', () => {
    const names = readdirSync(path);
    expect(names).toContain('provenance.md');
    const known = new Set(sources.map((s) => s.file));
    const strays = names.filter((n) => !CASE_FILES.has(n) && !known.has(n.replace(/\.(exit|stderr)$/, '')));
    expect(strays, 'files no collector reads').toEqual([]);
  });

  it('has a well-formed expected.json whose findings agree with its verdict', () => {
    checkExpectedIsConsistent(readExpected(path, name));
  });

  it('parses to a valid snapshot whose facts match the golden file', async () => {
    const snap = await snapshotOf();
    assertValid(Snapshot, snap, `${name} snapshot`);
    expect(snap.os.family).toBe(family);
    expect(snap.collectionErrors.filter((e) => e.code === 'E_UNRECORDED_SOURCE')).toEqual([]);
    checkSnapshotAgainst(snap, readExpected(path, name));
    await expect(`${JSON.stringify(factsOf(snap), null, 2)}\n`).toMatchFileSnapshot(join(path, 'facts.golden.json'));
  });

  it('gets the expected verdict from the real collector', async () => {
    const e = readExpected(path, name);
    checkVerdict(await verdictFromCollector(await snapshotOf(), e, name), e);
  });
});
