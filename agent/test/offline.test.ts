import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import { offlineAgentId, OfflineEnrollRequest, parseEntry, parseManifest, verifyBytes, type OfflineEnrollmentToken } from '@zhengban/shared';
import {
  enrollCommand, exitCodeFor, exportCommand, loadConfig, loadKeyFile, memoryIo, mergeCommand, readStatus, reportCommand, type ConfigLocation,
} from '../src/index.js';
import { fakeBuild, tempDir } from './helpers.js';

function token(over: Partial<OfflineEnrollmentToken> = {}): OfflineEnrollmentToken {
  return {
    kind: 'zhengban-offline-enrollment',
    version: 1,
    token: 'zbe_offline-test-token',
    unit: '县财政局',
    network: '内网A',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    createdAt: new Date().toISOString(),
    ...over,
  };
}

async function offlineAgent(over: Partial<OfflineEnrollmentToken> = {}): Promise<{ dir: string; location: ConfigLocation }> {
  const dir = await tempDir();
  const location: ConfigLocation = { configFile: join(dir, 'agent.json'), stateDir: dir, source: 'flag' };
  const file = join(dir, 'token.json');
  await writeFile(file, JSON.stringify(token(over)));
  const io = memoryIo();
  expect(await enrollCommand({ io, location, offline: file, buildSnapshot: fakeBuild })).toBe(0);
  return { dir, location };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

describe('enroll --offline', () => {
  it('takes the id its key implies, signs its request, and writes a config with no collector', async () => {
    const { location } = await offlineAgent();
    const config = await loadConfig(location);
    const key = await loadKeyFile(config.keyFile);
    const id = offlineAgentId(createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' }));
    expect(config).toMatchObject({ agentId: id, unit: '县财政局', network: '内网A', serverUrl: null });
    const envelope = JSON.parse(await readFile(config.enrollmentFile, 'utf8')) as { payload: string; signature: string };
    const request = JSON.parse(envelope.payload) as OfflineEnrollRequest;
    expect(request).toMatchObject({ agentId: id, token: 'zbe_offline-test-token', hostname: 'pc-01', network: '内网A' });
    expect(verifyBytes(Buffer.from(envelope.payload), envelope.signature, key.publicKeyPem)).toBe(true);
    const status = await readStatus(location);
    expect(status).toMatchObject({ enrolled: true, offline: true, network: '内网A' });
  });

  it('refuses an expired token, a file that is not a token, and --offline with --server, each with exit 2 and nothing written', async () => {
    const dir = await tempDir();
    const location: ConfigLocation = { configFile: join(dir, 'agent.json'), stateDir: dir, source: 'flag' };
    const expired = join(dir, 'old.json');
    await writeFile(expired, JSON.stringify(token({ expiresAt: '2020-01-01T00:00:00.000Z' })));
    const notToken = join(dir, 'other.json');
    await writeFile(notToken, '{"serverUrl":"https://x"}');
    for (const [o, code] of [
      [{ offline: expired }, /expired at 2020-01-01/],
      [{ offline: notToken }, /is not an offline enrollment token/],
      [{ offline: join(dir, 'missing.json') }, /cannot read token file/],
      [{ offline: expired, server: 'https://x' }, /--offline takes the token file alone/],
      [{}, /give --server URL and --token TOKEN, or --offline TOKEN_FILE/],
    ] as const) {
      const err = await enrollCommand({ io: memoryIo(), location, buildSnapshot: fakeBuild, ...o }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(code);
      expect(exitCodeFor(err)).toBe(2);
    }
    expect((await readdir(dir)).sort()).toEqual(['old.json', 'other.json']);
  });
});

describe('report and export offline', () => {
  it('report spools with no collector; export writes the request and every snapshot, in seq order, and empties the spool', async () => {
    const { location } = await offlineAgent();
    const config = await loadConfig(location);
    const io = memoryIo();
    expect(await reportCommand({ io, location, buildSnapshot: fakeBuild })).toBe(0);
    expect(io.stdout[0]).toBe('offline: snapshot seq 1 kept in the spool (1 waiting); carry them out with: zhengban-agent export --out FILE');
    await reportCommand({ io: memoryIo(), location, buildSnapshot: fakeBuild });

    const out = join(await tempDir(), 'pc-01.bundle');
    const exportIo = memoryIo();
    expect(await exportCommand({ io: exportIo, location, out, fresh: true, buildSnapshot: fakeBuild })).toBe(0);
    expect(exportIo.stdout[0]).toBe(`wrote ${out}: 3 snapshot(s) of 1 machine(s), 1 enrollment request(s), seq 1–3`);
    const [head, ...entries] = lines(await readFile(out, 'utf8'));
    const manifest = parseManifest(head!);
    expect(manifest).toMatchObject({ network: '内网A', count: 4, enrollments: 1, agents: [{ agentId: config.agentId, seqFrom: 1, seqTo: 3, count: 3 }] });
    expect(manifest.createdBy).toBe(`agent ${config.agentId}`);
    const parsed = entries.map((l, i) => parseEntry(l, `line ${i + 2}`));
    expect(parsed.map((e) => (e.kind === 'snapshot' ? e.seq : e.kind))).toEqual(['enrollment', 1, 2, 3]);
    const key = await loadKeyFile(config.keyFile);
    for (const e of parsed) expect(verifyBytes(Buffer.from(e.envelope.payload), e.envelope.signature, key.publicKeyPem)).toBe(true);
    expect(await readdir(config.spoolDir)).toEqual([]);

    // The next export still carries the request: the agent cannot know it was imported.
    const again = join(await tempDir(), 'pc-01.bundle.gz');
    await exportCommand({ io: memoryIo(), location, out: again, fresh: true, buildSnapshot: fakeBuild });
    const next = parseManifest(lines(gunzipSync(await readFile(again)).toString('utf8'))[0]!);
    expect(next).toMatchObject({ enrollments: 1, agents: [{ seqFrom: 4, seqTo: 4 }] });
  });

  it('keeps the spool when the bundle cannot be written, and says so', async () => {
    const { location } = await offlineAgent();
    const config = await loadConfig(location);
    await reportCommand({ io: memoryIo(), location, buildSnapshot: fakeBuild });
    const err = await exportCommand({ io: memoryIo(), location, out: join(config.stateDir, 'no-such-dir', 'x.bundle'), fresh: false, buildSnapshot: fakeBuild }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot write .*x\.bundle: .*; the spool is kept/);
    expect(exitCodeFor(err)).toBe(2);
    expect((await readdir(config.spoolDir)).length).toBe(1);
  });
});

describe('bundle merge', () => {
  async function twoAgents(): Promise<string> {
    const dir = await tempDir();
    for (const name of ['a', 'b']) {
      const { location } = await offlineAgent();
      await exportCommand({ io: memoryIo(), location, out: join(dir, `${name}.bundle`), fresh: true, buildSnapshot: fakeBuild });
    }
    return dir;
  }

  it('gathers a folder of bundles into one, writing a line found twice once', async () => {
    const dir = await twoAgents();
    const out = join(await tempDir(), 'all.bundle');
    // a.bundle named again beside its folder: its lines are in the merge once.
    const io = memoryIo();
    expect(await mergeCommand({ io, inputs: [dir, join(dir, 'a.bundle')], out })).toBe(0);
    const [head, ...entries] = lines(await readFile(out, 'utf8'));
    const manifest = parseManifest(head!);
    expect(manifest).toMatchObject({ network: '内网A', count: 4, enrollments: 2 });
    expect(manifest.agents).toHaveLength(2);
    expect(entries).toHaveLength(4);
    expect(io.stdout[0]).toMatch(/from 2 bundle\(s\): 2 snapshot\(s\) of 2 machine\(s\), 2 enrollment request\(s\)/);
  });

  it('stops at a damaged input with nothing written, naming the file', async () => {
    const dir = await twoAgents();
    const file = join(dir, 'b.bundle');
    const text = await readFile(file, 'utf8');
    const tampered = text.replace('\\"seq\\":1,', '\\"seq\\":9,');
    expect(tampered).not.toBe(text);
    await writeFile(file, tampered);
    const out = join(await tempDir(), 'all.bundle');
    const err = await mergeCommand({ io: memoryIo(), inputs: [dir], out }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`${file} is damaged: its lines do not match the SHA-256 in its manifest; export it again`);
    expect(exitCodeFor(err)).toBe(2);
    expect(await readdir(join(out, '..'))).toEqual([]);
  });

  it('refuses bundles of two named networks unless --network names the merge', async () => {
    const dir = await tempDir();
    for (const network of ['内网A', '内网B']) {
      const { location } = await offlineAgent({ network });
      await exportCommand({ io: memoryIo(), location, out: join(dir, `${network}.bundle`), fresh: true, buildSnapshot: fakeBuild });
    }
    const out = join(dir, 'all.bundle');
    const err = await mergeCommand({ io: memoryIo(), inputs: [dir], out }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/networks 内网A, 内网B/);
    expect(exitCodeFor(err)).toBe(2);
    expect(await mergeCommand({ io: memoryIo(), inputs: [dir], out, network: '县内网' })).toBe(0);
    expect(parseManifest(lines(await readFile(out, 'utf8'))[0]!).network).toBe('县内网');
  });

  it('names a file that is not a bundle', async () => {
    const dir = await tempDir();
    const file = join(dir, 'notes.bundle');
    await writeFile(file, 'hello\n');
    const err = await mergeCommand({ io: memoryIo(), inputs: [file], out: join(dir, 'x.bundle') }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/notes\.bundle is damaged: .*is not a zhengban bundle/);
  });
});
