import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import {
  API_PREFIX,
  assertValid,
  generateKeyPair,
  HEADER_AGENT,
  HEADER_SIGNATURE,
  IngestResponse,
  signBytes,
  Snapshot,
  type Finding,
} from '@zhengban/shared';
import { WindowsInventory } from '../../agent/src/collectors/windows/inventory.schema.js';
import { buildSnapshot, type BuildOptions } from '../../agent/src/snapshot/build.js';
import type { HostFacts } from '../../agent/src/collectors/host.js';
import { buildApp } from '../../collector/src/index.js';
import { hashToken, newToken } from '../../collector/src/service/tokens.js';
import { openStore } from '../../collector/src/store/open.js';

// Every case under test/fixtures/windows/<case>/ is one recorded Windows PC: either the
// agent script's inventory.json or native `reg export` / `wmic … /format:list` files.
// Each goes through the real parser (buildSnapshot reading the folder) and the real
// collector (enroll, signed POST, verdict), and must give the verdict its expected.json
// names. expected.json is written from the domain rules, independently of the parser;
// facts.golden.json is the parser's output, written by vitest -u and then reviewed.

const FIXTURES = fileURLToPath(new URL('../fixtures/windows/', import.meta.url));
/** The collector's clock and the snapshot's; vNext expiry dates in the cases are relative to it. */
const NOW = new Date('2026-11-20T08:00:00.000Z');
const CATEGORIES = ['os', 'office', 'antivirus', 'other'] as const;
const INFRINGEMENTS = new Set(['crack-activator', 'untrusted-kms', 'no-entitlement', 'over-allocated', 'personal-use-only', 'denied-software']);

/** What a Windows scan does not take from the inventory is pinned, so goldens compare anywhere. */
const HOST: HostFacts = {
  hostname: 'fixture-host',
  kernel: '10.0.19045',
  arch: 'x86_64',
  cpuCores: 4,
  memoryBytes: 8 * 1024 ** 3,
  macAddresses: [],
};

const Expected = Type.Object(
  {
    verdict: Type.Union([Type.Literal('licensed'), Type.Literal('unauthorized')]),
    findings: Type.Array(
      Type.Object(
        { category: Type.Union(CATEGORIES.map((c) => Type.Literal(c))), code: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    policy: Type.Optional(Type.Object({ trustedKmsHosts: Type.Array(Type.String()) }, { additionalProperties: false })),
    /** true: at least one crack indicator; false: none (no false positives); absent: not checked. */
    indicators: Type.Optional(Type.Boolean()),
    /** Substrings each of which must appear in some antivirus product's name. */
    antivirusNames: Type.Optional(Type.Array(Type.String())),
    why: Type.String({ minLength: 10 }),
  },
  { additionalProperties: false },
);
type Expected = Static<typeof Expected>;

const cases = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort();

/**
 * The findings as the oracle can know them: per category, the distinct codes. How many
 * findings a category holds depends on choices that are the parser's, not the licence's:
 * whether three KMSpico traces are one indicator or three, whether a passive Defender is
 * listed beside 360. The codes present per category, and the overall status, are what the
 * verdict rests on.
 */
function codesByCategory(findings: ReadonlyArray<Pick<Finding, 'category' | 'code'>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of CATEGORIES) {
    const codes = [...new Set(findings.filter((f) => f.category === c).map((f) => f.code))].sort();
    if (codes.length) out[c] = codes;
  }
  return out;
}

const snapshots = new Map<string, Promise<Snapshot>>();
/** One parse per case, shared by the golden test and the collector test. */
function snapshotOf(name: string): Promise<Snapshot> {
  let p = snapshots.get(name);
  if (!p) {
    const opts: BuildOptions & { from: string } = {
      agentId: 'fixture-agent',
      seq: 1,
      now: NOW,
      host: HOST,
      from: join(FIXTURES, name),
    };
    p = buildSnapshot(opts).then((snap) => {
      // Until buildSnapshot reads `from`, it scans the machine running the test; never
      // let that reach a golden file. Every case is a Windows PC named so by its own OS.
      const unsupported = snap.collectionErrors.find((e) => e.code === 'E_PLATFORM_UNSUPPORTED');
      if (snap.os.family !== 'windows' || !/windows/i.test(snap.os.name) || unsupported) {
        throw new Error(
          `buildSnapshot did not read the recorded folder (os = ${snap.os.family} "${snap.os.name}"${unsupported ? `, ${unsupported.message}` : ''}); does it support \`from\` yet?`,
        );
      }
      return snap;
    });
    snapshots.set(name, p);
  }
  return p;
}

/** The facts the parser decides; ids, times and the agent's own version are left out. */
function facts(s: Snapshot) {
  return {
    machine: s.machine,
    os: s.os,
    office: s.office,
    antivirus: s.antivirus,
    indicators: s.indicators,
    collectionErrors: s.collectionErrors,
    softwareCount: s.software.length,
    software: s.software.slice(0, 10),
  };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

it('has the Windows fixture cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
});

describe.each(cases)('windows fixture %s', (name) => {
  const dir = join(FIXTURES, name);
  const expectedFile = join(dir, 'expected.json');
  const inventoryFile = join(dir, 'inventory.json');

  const expected = (): Expected => assertValid(Expected, JSON.parse(readFileSync(expectedFile, 'utf8')), `${name}/expected.json`);

  it('has a well-formed expected.json whose findings agree with its verdict', () => {
    const e = expected();
    // The campaign's rule (docs/architecture.md, Verdicts): os and office pass when every
    // finding is licensed, antivirus when one is, and an infringement fails any category.
    const passes = (c: (typeof CATEGORIES)[number]) => {
      const own = e.findings.filter((f) => f.category === c);
      if (own.some((f) => INFRINGEMENTS.has(f.code))) return false;
      if (c === 'antivirus') return own.some((f) => f.code === 'licensed');
      return own.every((f) => f.code === 'licensed');
    };
    expect(e.verdict).toBe(CATEGORIES.every(passes) ? 'licensed' : 'unauthorized');
    for (const c of ['os', 'office', 'antivirus'] as const) expect(e.findings.map((f) => f.category)).toContain(c);
    // in order os, office, antivirus, other, as the verdict lists them
    const order = e.findings.map((f) => CATEGORIES.indexOf(f.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  // A case is recorded either as the script's JSON or as Windows' own exports.
  if (existsSync(inventoryFile)) {
    it('has an inventory.json valid against the WindowsInventory schema', () => {
      const inv = assertValid(WindowsInventory, JSON.parse(readFileSync(inventoryFile, 'utf8')), `${name}/inventory.json`);
      expect(inv.origin).toBe('script');
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
    const e = expected();
    if (e.indicators === true) expect(snap.indicators.length, 'crack indicators').toBeGreaterThan(0);
    if (e.indicators === false) expect(snap.indicators, 'crack indicators').toEqual([]);
    for (const needle of e.antivirusNames ?? []) {
      expect(snap.antivirus.map((a) => a.name).join(' | '), 'antivirus names').toContain(needle);
    }
    await expect(`${JSON.stringify(facts(snap), null, 2)}\n`).toMatchFileSnapshot(join(dir, 'facts.golden.json'));
  });

  it('gets the expected verdict from the real collector', async () => {
    const e = expected();
    const snap = await snapshotOf(name);

    const tmp = mkdtempSync(join(tmpdir(), 'zhengban-winfix-'));
    tempDirs.push(tmp);
    const store = openStore(join(tmp, 'zhengban.db'));
    const app = await buildApp({ store, now: () => NOW, policy: { trustedKmsHosts: e.policy?.trustedKmsHosts ?? [] } });
    try {
      const token = newToken('enrollment');
      await store.enrollment.create({
        tokenHash: hashToken(token),
        unitName: '财政局',
        createdAt: NOW.toISOString(),
        expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
        maxUses: 1,
        actor: 'windows-fixtures',
      });
      const keys = generateKeyPair();
      const enrolled = await app.inject({
        method: 'POST',
        url: `${API_PREFIX}/enroll`,
        payload: { token, publicKey: keys.publicKeyPem, hostname: snap.machine.hostname },
      });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      const { agentId } = enrolled.json() as { agentId: string };

      const bytes = Buffer.from(JSON.stringify({ ...snap, agentId }), 'utf8');
      const res = await app.inject({
        method: 'POST',
        url: `${API_PREFIX}/snapshots`,
        headers: {
          'content-type': 'application/json',
          [HEADER_AGENT]: agentId,
          [HEADER_SIGNATURE]: signBytes(bytes, keys.privateKeyPem),
        },
        payload: bytes,
      });
      expect(res.statusCode, res.body).toBe(202);
      const verdict = assertValid(IngestResponse, res.json(), `${name} answer`).verdict;
      const got = verdict.findings.map((f) => `${f.category}:${f.code} ${f.subject} — ${f.message}`).join('\n');
      expect(codesByCategory(verdict.findings), `${e.why}\nfindings:\n${got}`).toEqual(codesByCategory(e.findings));
      expect(verdict.status, got).toBe(e.verdict);
    } finally {
      await app.close();
    }
  });
});
