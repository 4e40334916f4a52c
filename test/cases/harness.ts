import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type, type Static } from 'typebox';
import { expect } from 'vitest';
import {
  API_PREFIX,
  assertValid,
  generateKeyPair,
  HEADER_AGENT,
  HEADER_SIGNATURE,
  IngestResponse,
  signBytes,
  type Finding,
  type Snapshot,
  type Verdict,
} from '@zhengban/shared';
import { buildApp } from '../../collector/src/index.js';
import { hashToken, newToken } from '../../collector/src/service/tokens.js';
import { openStore } from '../../collector/src/store/open.js';
import { builtinCatalog } from '../../collector/test/support/registry.js';
import Database from 'better-sqlite3';
import { createEnrollmentToken } from '../../collector/src/service/token-service.js';

// Shared by the fixture-case suites (Windows, Linux, macOS): one folder is one recorded
// machine with an expected.json written from the domain rules, independently of the
// parser; the case passes when the real parser and the real collector agree with it.

/** The collector's clock and the snapshots'; dates in the cases are relative to it. */
export const NOW = new Date('2026-11-20T08:00:00.000Z');
export const CATEGORIES = ['os', 'office', 'antivirus', 'other'] as const;
const INFRINGEMENTS = new Set(['crack-activator', 'untrusted-kms', 'no-entitlement', 'over-allocated', 'personal-use-only', 'denied-software', 'unauthorized-install']);

export const Expected = Type.Object(
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
export type Expected = Static<typeof Expected>;

export function readExpected(dir: string, name: string): Expected {
  return assertValid(Expected, JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')), `${name}/expected.json`);
}

/**
 * The findings as the oracle can know them: per category, the distinct codes. How many
 * findings a category holds depends on the parser's choices (whether three KMSpico traces
 * are one indicator or three, whether a passive Defender is listed beside 360); the codes
 * present per category, and the overall status, are what the verdict rests on.
 */
export function codesByCategory(findings: ReadonlyArray<Pick<Finding, 'category' | 'code'>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of CATEGORIES) {
    const codes = [...new Set(findings.filter((f) => f.category === c).map((f) => f.code))].sort();
    if (codes.length) out[c] = codes;
  }
  return out;
}

/**
 * expected.json must follow the campaign's rule (docs/architecture.md, Verdicts): os and
 * office pass when every finding is licensed, antivirus when one is, and an infringement
 * fails any category; findings are listed os, office, antivirus, other.
 */
export function checkExpectedIsConsistent(e: Expected): void {
  const passes = (c: (typeof CATEGORIES)[number]) => {
    const own = e.findings.filter((f) => f.category === c);
    if (own.some((f) => INFRINGEMENTS.has(f.code))) return false;
    if (c === 'antivirus') return own.some((f) => f.code === 'licensed');
    return own.every((f) => f.code === 'licensed');
  };
  expect(e.verdict).toBe(CATEGORIES.every(passes) ? 'licensed' : 'unauthorized');
  for (const c of ['os', 'office', 'antivirus'] as const) expect(e.findings.map((f) => f.category)).toContain(c);
  const order = e.findings.map((f) => CATEGORIES.indexOf(f.category));
  expect(order).toEqual([...order].sort((a, b) => a - b));
}

/** The facts the parser decides; ids, times and the agent's own version are left out. */
export function factsOf(s: Snapshot) {
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

/** What the snapshot must show beyond the verdict: indicators present or absent, antivirus names. */
export function checkSnapshotAgainst(snap: Snapshot, e: Expected): void {
  if (e.indicators === true) expect(snap.indicators.length, 'crack indicators').toBeGreaterThan(0);
  if (e.indicators === false) expect(snap.indicators, 'crack indicators').toEqual([]);
  for (const needle of e.antivirusNames ?? []) {
    expect(snap.antivirus.map((a) => a.name).join(' | '), 'antivirus names').toContain(needle);
  }
}

/**
 * Enrolls a fresh agent with a real collector (its own SQLite file), posts the snapshot
 * signed, and returns the verdict the collector answers.
 */
/**
 * A site licence at the case's unit for every commercial catalog product: the cases are
 * about what the agent measured (activation, cracks, editions, protection), so the
 * registry is taken as complete and only those rules decide.
 */
function registerEverything(dbFile: string): void {
  const db = new Database(dbFile);
  try {
    const insert = db.prepare(`INSERT INTO licences (product_id, model, seats, unit_id, created_at, updated_at)
      VALUES (?, 'site', NULL, (SELECT id FROM units WHERE name = '财政局'), ?, ?)`);
    for (const p of builtinCatalog().products) if (p.licence === 'commercial') insert.run(p.id, NOW.toISOString(), NOW.toISOString());
  } finally {
    db.close();
  }
}

export async function verdictFromCollector(snap: Snapshot, e: Expected, label: string): Promise<Verdict> {
  const tmp = mkdtempSync(join(tmpdir(), 'zhengban-case-'));
  const store = openStore(join(tmp, 'zhengban.db'));
  const app = await buildApp({ store, now: () => NOW, policy: { trustedKmsHosts: e.policy?.trustedKmsHosts ?? [] } });
  try {
    const token = newToken('enrollment');
    await createEnrollmentToken(store, {
      tokenHash: hashToken(token),
      unitName: '财政局',
      createdAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
      maxUses: 1,
      actor: 'fixture-cases',
    });
    registerEverything(join(tmp, 'zhengban.db'));
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
    return assertValid(IngestResponse, res.json(), `${label} answer`).verdict;
  } finally {
    await app.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The verdict must carry the expected codes per category and the expected status. */
/**
 * The registry's findings (a seat of the site licences registerEverything made) are not
 * what a case is about, except for a product that has no other finding (WPS professional
 * reports no activation: its seat is what makes it genuine).
 */
const isEntitlement = (f: Finding) => f.facts.some((x) => x.startsWith('licence = ') || x.startsWith('entitlement = '));
const measured = (findings: readonly Finding[]) =>
  findings.filter((f) => !isEntitlement(f) || !findings.some((g) => g !== f && !isEntitlement(g) && g.subject === f.subject));

export function checkVerdict(verdict: Verdict, e: Expected): void {
  const got = verdict.findings.map((f) => `${f.category}:${f.code} ${f.subject} — ${f.message}`).join('\n');
  expect(codesByCategory(measured(verdict.findings)), `${e.why}\nfindings:\n${got}`).toEqual(codesByCategory(e.findings));
  expect(verdict.status, got).toBe(e.verdict);
}
