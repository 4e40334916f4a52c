import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertValid, Snapshot } from '@zhengban/shared';
import { WindowsInventory } from '../../agent/src/collectors/windows/inventory.schema.js';
import { inventoryFromFrames } from '../../agent/src/collectors/windows/inventory.frames.js';
import { buildSnapshot } from '../../agent/src/snapshot/build.js';
import type { HostFacts } from '../../agent/src/collectors/host.js';
import {
  checkExpectedIsConsistent,
  checkSnapshotAgainst,
  checkVerdict,
  factsOf,
  NOW,
  readExpected,
  verdictFromCollector,
} from '../cases/harness.js';

// Every case under test/fixtures/windows/<case>/ is one recorded Windows PC: either the
// agent script's inventory.json or native `reg export` / `wmic … /format:list` files.
// Each goes through the real parser (buildSnapshot reading the folder) and the real
// collector (enroll, signed POST, verdict), and must give the verdict its expected.json
// names. facts.golden.json is the parser's output, written by vitest -u and then reviewed.

const FIXTURES = fileURLToPath(new URL('../fixtures/windows/', import.meta.url));

/** What a Windows scan does not take from the inventory is pinned, so goldens compare anywhere. */
const HOST: HostFacts = {
  hostname: 'fixture-host',
  kernel: '10.0.19045',
  arch: 'x86_64',
  cpuCores: 4,
  memoryBytes: 8 * 1024 ** 3,
  macAddresses: [],
};

const cases = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort();

const snapshots = new Map<string, Promise<Snapshot>>();
/** One parse per case, shared by the golden test and the collector test. */
function snapshotOf(name: string): Promise<Snapshot> {
  let p = snapshots.get(name);
  if (!p) {
    p = buildSnapshot({ agentId: 'fixture-agent', seq: 1, now: NOW, host: HOST, from: join(FIXTURES, name) }).then((snap) => {
      // Every case is a Windows PC named so by its own OS; anything else means the folder was not read.
      if (snap.os.family !== 'windows' || !/windows/i.test(snap.os.name)) {
        throw new Error(`buildSnapshot did not read ${name} as a Windows recording (os = ${snap.os.family} "${snap.os.name}")`);
      }
      return snap;
    });
    snapshots.set(name, p);
  }
  return p;
}

it('has the Windows fixture cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
});

describe.each(cases)('windows fixture %s', (name) => {
  const dir = join(FIXTURES, name);
  const inventoryFile = join(dir, 'inventory.json');

  it('has a well-formed expected.json whose findings agree with its verdict', () => {
    checkExpectedIsConsistent(readExpected(dir, name));
  });

  // A case is recorded either as the script's JSON or as Windows' own exports.
  if (existsSync(inventoryFile)) {
    it('has an inventory.json valid against the WindowsInventory schema, as one document or as the script\'s frames', () => {
      const text = readFileSync(inventoryFile, 'utf8');
      const inv = text.startsWith('{"frame":')
        ? inventoryFromFrames(text)
        : assertValid(WindowsInventory, JSON.parse(text), `${name}/inventory.json`);
      expect(inv.origin).toBe('script');
      // Frames are what the script prints: ASCII only, one frame a line.
      if (text.startsWith('{"frame":')) expect(text).not.toMatch(/[^\x00-\x7f]/);
    });
  } else {
    it('has native files written as Windows writes them (UTF-16LE, BOM, CRLF)', () => {
      const files = readdirSync(dir).filter((f) => /\.(reg|wmi)$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const bytes = readFileSync(join(dir, f));
        expect([bytes[0], bytes[1]], f).toEqual([0xff, 0xfe]);
        const text = bytes.subarray(2).toString('utf16le');
        expect(text.replace(/\r\n/g, ''), f).not.toMatch(/[\r\n]/);
      }
    });
  }

  it('parses to a valid snapshot whose facts match the golden file', async () => {
    const snap = await snapshotOf(name);
    assertValid(Snapshot, snap, `${name} snapshot`);
    checkSnapshotAgainst(snap, readExpected(dir, name));
    await expect(`${JSON.stringify(factsOf(snap), null, 2)}\n`).toMatchFileSnapshot(join(dir, 'facts.golden.json'));
  });

  it('gets the expected verdict from the real collector', async () => {
    const e = readExpected(dir, name);
    checkVerdict(await verdictFromCollector(await snapshotOf(name), e, name), e);
  });
});
