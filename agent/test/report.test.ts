import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBytes } from '@zhengban/shared';
import {
  exitCodeFor, loadKeyFile, loadState, memoryIo, reportCommand, runReport, SpooledError, type ReportDeps,
} from '../src/index.js';
import { enrolledAgent, fakeBuild, fakeCollector, ingestAnswer, seqOf, type Answer, type Received } from './helpers.js';

function deps(config: ReportDeps['config'], warnings: string[] = []): ReportDeps {
  return { config, buildSnapshot: fakeBuild, warn: (l) => void warnings.push(l), userAgent: 'test' };
}

const accept = (r: Received): Answer => ({ status: 202, body: ingestAnswer(r) });

describe('report', () => {
  it('sends a signed snapshot and prints the verdict and the machine id (its agent id)', async () => {
    const fake = await fakeCollector(accept);
    const { location, config } = await enrolledAgent(fake.url);
    const io = memoryIo();
    expect(await reportCommand({ io, location, buildSnapshot: fakeBuild })).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/delivered snapshot seq 1 to http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('machine: a1 (pc-01)');
    expect(out).toContain('verdict: unauthorized');
    expect(out).toMatch(/office\s+not-activated\s+WPS Office is not activated/);
    expect(out).toMatch(/os\s+licensed\s+Debian needs no activation/);

    const key = await loadKeyFile(config.keyFile);
    const r = fake.received[0]!;
    expect(verifyBytes(r.body, String(r.headers['x-zhengban-signature']), key.publicKeyPem)).toBe(true);
    const state = await loadState(config.stateFile);
    expect(state).toMatchObject({ lastSeq: 1, lastError: null, lastStatus: 'unauthorized' });
    expect(state.lastSuccessAt).not.toBeNull();
    expect(await readdir(config.spoolDir)).toEqual([]);
  });

  it('spools when unreachable, exits 3, and the next success delivers the spool oldest first', async () => {
    let up = false;
    const fake = await fakeCollector((r) => (up ? accept(r) : { status: 503, body: { code: 'E_DOWN', message: 'maintenance' } }));
    const { config } = await enrolledAgent(fake.url);
    for (const waiting of [1, 2]) {
      const err = await runReport(deps(config)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SpooledError);
      expect(exitCodeFor(err)).toBe(3);
      expect((err as Error).message).toBe(`collector unreachable at ${fake.url} (HTTP 503 E_DOWN); snapshot spooled (${waiting} waiting)`);
    }
    expect((await loadState(config.stateFile)).lastError).toMatch(/^E_UNREACHABLE/);
    up = true;
    fake.received.length = 0;
    const outcome = await runReport(deps(config));
    expect(fake.received.map(seqOf)).toEqual([1, 2, 3]);
    expect(outcome).toMatchObject({ seq: 3, delivered: 2, rejected: 0 });
    expect(await readdir(config.spoolDir)).toEqual([]);
  });

  it('says ECONNREFUSED when nothing listens', async () => {
    const fake = await fakeCollector(accept);
    const { config } = await enrolledAgent(fake.url);
    await fake.close();
    await expect(runReport(deps(config))).rejects.toThrow(/collector unreachable at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); snapshot spooled \(1 waiting\)/);
  });

  it('moves a spooled item the collector refuses to rejected/ and goes on', async () => {
    let mode: 'down' | 'refuse-first' = 'down';
    const fake = await fakeCollector((r) => {
      if (mode === 'down') return { status: 500, body: { code: 'E', message: 'x' } };
      return seqOf(r) === 1 ? { status: 400, body: { code: 'E_SCHEMA', message: 'bad snapshot' } } : accept(r);
    });
    const { config } = await enrolledAgent(fake.url);
    await runReport(deps(config)).catch(() => {});
    mode = 'refuse-first';
    const warnings: string[] = [];
    const outcome = await runReport(deps(config, warnings));
    expect(outcome).toMatchObject({ seq: 2, delivered: 0, rejected: 1 });
    expect(warnings.join('\n')).toMatch(/spooled snapshot seq 1 refused \(400 E_SCHEMA: bad snapshot\); moved to .*rejected/);
    const rejected = (await readdir(config.rejectedDir)).sort();
    expect(rejected).toHaveLength(2);
    expect(JSON.parse(await readFile(join(config.rejectedDir, rejected[0]!), 'utf8'))).toMatchObject({ status: 400, code: 'E_SCHEMA' });
  });

  it('counts a 409 for a spooled item as delivered', async () => {
    let mode: 'down' | 'dup' = 'down';
    const fake = await fakeCollector((r) => {
      if (mode === 'down') return { status: 502, body: 'bad gateway' };
      return seqOf(r) === 1 ? { status: 409, body: { code: 'E_SEQ', message: 'seq 1 is not above 1' } } : accept(r);
    });
    const { config } = await enrolledAgent(fake.url);
    await runReport(deps(config)).catch(() => {});
    mode = 'dup';
    const outcome = await runReport(deps(config));
    expect(outcome).toMatchObject({ delivered: 1, rejected: 0 });
    expect(await readdir(config.rejectedDir).catch(() => [])).toEqual([]);
  });

  it('a refused new snapshot exits 4 and is kept in rejected/', async () => {
    const fake = await fakeCollector(() => ({ status: 401, body: { code: 'E_UNKNOWN_AGENT', message: 'no such agent' } }));
    const { config } = await enrolledAgent(fake.url);
    const err = await runReport(deps(config)).catch((e: unknown) => e);
    expect(exitCodeFor(err)).toBe(4);
    expect((err as Error).message).toMatch(/collector refused the snapshot: 401 E_UNKNOWN_AGENT: no such agent; kept in .*rejected/);
    expect(await readdir(config.spoolDir)).toEqual([]);
    expect((await readdir(config.rejectedDir)).length).toBe(2);
  });

  it('accepts a duplicate answer and never reuses a seq', async () => {
    const fake = await fakeCollector((r) => ({ status: 200, body: ingestAnswer(r, true) }));
    const { config } = await enrolledAgent(fake.url);
    await runReport(deps(config));
    await runReport(deps(config));
    expect(fake.received.map(seqOf)).toEqual([1, 2]);
  });

  it('drops the oldest when the spool is full', async () => {
    const fake = await fakeCollector(() => ({ status: 503, body: {} }));
    const { config } = await enrolledAgent(fake.url, { spool: { maxItems: 2 } });
    const warnings: string[] = [];
    for (let i = 0; i < 3; i++) await runReport(deps(config, warnings)).catch(() => {});
    expect(warnings).toEqual([expect.stringMatching(/dropped the oldest snapshot, seq 1/)]);
    expect((await readdir(config.spoolDir)).map((n) => n.slice(0, 12))).toEqual(['000000000002', '000000000003']);
  });

  it('refuses to run before enrollment', async () => {
    const fake = await fakeCollector(accept);
    const { config } = await enrolledAgent(fake.url);
    const err = await runReport(deps({ ...config, agentId: null })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_NOT_ENROLLED' });
    expect(exitCodeFor(err)).toBe(2);
  });
});
