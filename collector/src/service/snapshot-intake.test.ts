import { gzipSync } from 'node:zlib';
import { generateKeyPair, signBytes } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { minimalSnapshot } from '../../../shared/test/minimal-snapshot.js';
import { intakeSnapshot, type IntakeInput } from './snapshot-intake.js';

const keys = generateKeyPair();

function input(snapshot: object, knownStateHash: string | null = null, text = JSON.stringify(snapshot)): IntakeInput {
  const bytes = Buffer.from(text);
  return { body: gzipSync(bytes), encoding: 'gzip', signature: signBytes(bytes, keys.privateKeyPem), publicKeyPem: keys.publicKeyPem, maxDecompressed: 1 << 20, knownStateHash };
}

describe('snapshot intake', () => {
  const first = { ...minimalSnapshot(), agentId: 'ag_1', seq: 1 };
  const next = { ...first, snapshotId: '6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f', seq: 2, collectedAt: '2026-12-06T08:30:00.000Z' };

  it('reads a body whole, and knows its repeat by the bytes after the head without parsing it', async () => {
    const read = await intakeSnapshot(input(first));
    expect(read.kind).toBe('read');
    const repeat = await intakeSnapshot(input(next, read.stateHash));
    expect(repeat).toMatchObject({ kind: 'repeat', snapshotId: next.snapshotId, agentId: 'ag_1', seq: 2, collectedAt: next.collectedAt, stateHash: read.stateHash });
    // Unknown state (or none known): read whole, with the same hash.
    expect(await intakeSnapshot(input(next))).toMatchObject({ kind: 'read', stateHash: read.stateHash });
  });

  it('hashes a changed state differently, and a body in another order by its parsed value', async () => {
    const read = await intakeSnapshot(input(first));
    const changed = await intakeSnapshot(input({ ...next, machine: { ...next.machine, hostname: 'renamed' } }, read.stateHash));
    expect(changed.kind).toBe('read');
    expect(changed.stateHash).not.toBe(read.stateHash);
    const pretty = await intakeSnapshot(input(next, read.stateHash, JSON.stringify(next, null, 1)));
    expect(pretty.kind).toBe('read');
    expect(pretty.stateHash).not.toBe(read.stateHash);
  });

  it('checks the head of a repeat against the schema: a bad one is read whole and refused', async () => {
    const read = await intakeSnapshot(input(first));
    for (const bad of [{ seq: -1 }, { collectedAt: 'soon' }, { snapshotId: 'not-a-uuid' }]) {
      await expect(intakeSnapshot(input({ ...next, ...bad }, read.stateHash))).rejects.toMatchObject({ code: 'E_SCHEMA' });
    }
  });
});
