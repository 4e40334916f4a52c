import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnrollRequest, assertValid } from '@zhengban/shared';
import { enrollCommand, exitCodeFor, identityFromSnapshot, memoryIo, readStatus, formatStatus, type ConfigLocation } from '../src/index.js';
import { fakeBuild, fakeCollector, tempDir } from './helpers.js';

async function fresh(): Promise<{ dir: string; location: ConfigLocation }> {
  const dir = await tempDir();
  return { dir, location: { configFile: join(dir, 'agent.json'), stateDir: dir, source: 'flag' } };
}

const enrolled = () => ({ status: 201, body: { agentId: 'a-42', unit: '市财政局' } });

describe('enroll', () => {
  it('creates a private key, sends the EnrollRequest and records the answer', async () => {
    const fake = await fakeCollector(enrolled);
    const { dir, location } = await fresh();
    const io = memoryIo();
    expect(await enrollCommand({ io, location, server: `${fake.url}/`, token: 'tok-1', buildSnapshot: fakeBuild })).toBe(0);
    expect(io.stdout[0]).toBe(`enrolled as agent a-42 in unit 市财政局 with ${fake.url}`);

    const req = assertValid(EnrollRequest, JSON.parse(fake.received[0]!.body.toString('utf8')), 'request');
    expect(req).toMatchObject({ token: 'tok-1', hostname: 'pc-01', machineId: 'mid-0001', hardwareUuid: '4C4C4544-0000-1000-8000-000000000001' });
    expect(req.publicKey).toMatch(/BEGIN PUBLIC KEY/);
    expect(req.agentVersion).toBeTruthy();

    const config = JSON.parse(await readFile(location.configFile, 'utf8'));
    expect(config).toEqual({ serverUrl: fake.url, agentId: 'a-42', unit: '市财政局' });
    if (process.platform !== 'win32') expect((await stat(join(dir, 'agent.key'))).mode & 0o777).toBe(0o600);
  });

  it('needs --force to enroll again, keeps the admin\'s other settings, and reuses the key', async () => {
    const fake = await fakeCollector(enrolled);
    const { location } = await fresh();
    await writeFile(location.configFile, JSON.stringify({ schedule: { splayMinutes: 5 } }));
    await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', buildSnapshot: fakeBuild });
    const again = await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', buildSnapshot: fakeBuild }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'E_ALREADY_ENROLLED', message: expect.stringMatching(/--force/) });
    expect(exitCodeFor(again)).toBe(2);
    await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', force: true, buildSnapshot: fakeBuild });
    const [first, second] = fake.received.map((r) => JSON.parse(r.body.toString('utf8')).publicKey);
    expect(second).toBe(first);
    expect(JSON.parse(await readFile(location.configFile, 'utf8')).schedule).toEqual({ splayMinutes: 5 });
  });

  it('says what to do when the collector already knows the key, and --new-key sends another', async () => {
    const known = await fakeCollector(() => ({ status: 409, body: { code: 'E_KEY_ENROLLED', message: 'this public key is already enrolled, as agent a-7' } }));
    const { location } = await fresh();
    await writeFile(location.configFile, JSON.stringify({ agentId: 'lost' }));
    const err = await enrollCommand({ io: memoryIo(), location, server: known.url, token: 't', force: true, buildSnapshot: fakeBuild }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/409 E_KEY_ENROLLED: .*a-7\. This PC is already enrolled with that collector; .*--new-key/);
    expect(exitCodeFor(err)).toBe(4);
    const fake = await fakeCollector(enrolled);
    await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', force: true, newKey: true, buildSnapshot: fakeBuild });
    const before = JSON.parse(known.received[0]!.body.toString('utf8')).publicKey;
    expect(JSON.parse(fake.received[0]!.body.toString('utf8')).publicKey).not.toBe(before);
  });

  it('prints the collector code and message on a 4xx and leaves the config alone', async () => {
    const fake = await fakeCollector(() => ({ status: 403, body: { code: 'E_TOKEN_EXPIRED', message: 'the enrollment token has expired' } }));
    const { location } = await fresh();
    const err = await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', buildSnapshot: fakeBuild }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('collector refused the enrollment: 403 E_TOKEN_EXPIRED: the enrollment token has expired');
    expect(exitCodeFor(err)).toBe(4);
    await expect(stat(location.configFile)).rejects.toThrow();
  });

  it('checks URL and CA file before spending the token', async () => {
    const fake = await fakeCollector(enrolled);
    const { dir, location } = await fresh();
    const bad = await enrollCommand({ io: memoryIo(), location, server: 'collector:8443', token: 't' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'E_BAD_URL' });
    const noCa = await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', ca: join(dir, 'ca.pem') }).catch((e: unknown) => e);
    expect(noCa).toMatchObject({ code: 'E_CA_FILE' });
    expect(exitCodeFor(noCa)).toBe(2);
    expect(fake.received).toHaveLength(0);
  });

  it('says so when the collector is unreachable', async () => {
    const fake = await fakeCollector(enrolled);
    await fake.close();
    const { location } = await fresh();
    const err = await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', buildSnapshot: fakeBuild }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`collector unreachable at ${fake.url} (ECONNREFUSED)`);
    expect(exitCodeFor(err)).toBe(3);
  });

  it('drops firmware placeholders from the identity', async () => {
    const s = await fakeBuild({ agentId: null, seq: 0 });
    s.machine.serial = 'To be filled by O.E.M.';
    s.machine.hardwareUuid = '00000000-0000-0000-0000-000000000000';
    expect(identityFromSnapshot(s)).toEqual({ hostname: 'pc-01', machineId: 'mid-0001' });
  });
});

describe('status', () => {
  it('shows an unenrolled agent', async () => {
    const { location } = await fresh();
    const s = await readStatus(location);
    expect(s).toMatchObject({ enrolled: false, agentId: null, lastSeq: 0, spoolDepth: 0, rejectedCount: 0, lastSuccessAt: null, configExists: false });
    expect(formatStatus(s).join('\n')).toMatch(/enrolled:\s+no/);
  });

  it('shows enrollment after enroll', async () => {
    const fake = await fakeCollector(enrolled);
    const { location } = await fresh();
    await enrollCommand({ io: memoryIo(), location, server: fake.url, token: 't', buildSnapshot: fakeBuild });
    const s = await readStatus(location);
    expect(s).toMatchObject({ enrolled: true, agentId: 'a-42', unit: '市财政局', serverUrl: fake.url, caFile: null });
    expect(formatStatus(s).join('\n')).toMatch(/collector:\s+http:\/\/127\.0\.0\.1/);
  });
});
