import { describe, expect, it } from 'vitest';
import { SchemaValidationError, Snapshot, assertValid, parseJson } from '@zhengban/shared';
import { minimalSnapshot } from './minimal-snapshot.js';

describe('snapshot schema', () => {
  it('accepts a minimal snapshot', () => {
    expect(assertValid(Snapshot, minimalSnapshot(), 'snapshot').seq).toBe(1);
  });

  it('accepts Chinese names and an unenrolled agent', () => {
    const s = minimalSnapshot();
    s.agentId = null;
    s.software.push({ name: '火绒安全软件', publisher: '北京火绒网络科技有限公司', source: 'registry:HKLM' });
    expect(() => assertValid(Snapshot, s, 'snapshot')).not.toThrow();
  });

  it.each([
    ['a wrong schema version', (s: Record<string, unknown>) => (s.schemaVersion = 2), '/schemaVersion'],
    ['a snapshotId that is not a UUID', (s: Record<string, unknown>) => (s.snapshotId = 'x'), '/snapshotId'],
    ['a negative seq', (s: Record<string, unknown>) => (s.seq = -1), '/seq'],
    ['an unknown chassis', (s: Record<string, unknown>) => ((s.machine as Record<string, unknown>).chassis = 'tower'), '/machine/chassis'],
    ['a missing software list', (s: Record<string, unknown>) => delete s.software, '/'],
    ['an unknown activation state', (s: Record<string, unknown>) => (((s.os as Record<string, unknown>).activation as Record<string, unknown>).state = 'ok'), '/os/activation/state'],
  ])('refuses %s, naming where', (_name, mutate, where) => {
    const s = minimalSnapshot() as unknown as Record<string, unknown>;
    mutate(s);
    try {
      assertValid(Snapshot, s, 'snapshot');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SchemaValidationError);
      expect((err as SchemaValidationError).code).toBe('E_SCHEMA');
      expect((err as SchemaValidationError).issues.join('\n')).toContain(where);
    }
  });

  it('reports broken JSON with a coded error', () => {
    expect(() => parseJson('{"a":', 'body')).toThrow(/body is not valid JSON/);
  });
});
