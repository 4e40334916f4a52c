import { describe, expect, it } from 'vitest';
import { SchemaValidationError, Snapshot, SnapshotV1, assertValid, parseJson } from '@zhengban/shared';
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
    ['a wrong schema version', (s: Record<string, unknown>) => (s.schemaVersion = 3), '/schemaVersion'],
    ['a field the schema does not name', (s: Record<string, unknown>) => (s.extra = 'x'.repeat(1000)), '/extra'],
    ['a nested field the schema does not name', (s: Record<string, unknown>) => ((s.machine as Record<string, unknown>).nested = { a: [[[]]] }), '/machine/nested'],
    ['an unknown field in an activation', (s: Record<string, unknown>) => (((s.os as Record<string, unknown>).activation as Record<string, unknown>).license = 'ok'), '/os/activation/license'],
    ['a seq beyond the safe integers', (s: Record<string, unknown>) => (s.seq = 1e300), '/seq'],
    ['activation details with an object value', (s: Record<string, unknown>) => (((s.os as Record<string, unknown>).activation as Record<string, unknown>).details = { a: { b: 1 } }), '/os/activation/details'],
    ['activation details with a key of 10,000 characters', (s: Record<string, unknown>) => (((s.os as Record<string, unknown>).activation as Record<string, unknown>).details = { ['k'.repeat(10_000)]: 1 }), '/os/activation/details'],
    ['a software name longer than 500 characters', (s: Record<string, unknown>) => ((s.software as Record<string, unknown>[])[0]!.name = 'n'.repeat(501)), '/software/0/name'],
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

  it('reads format 1 without observations, and refuses observations in it', () => {
    const v1 = { ...minimalSnapshot(), schemaVersion: 1 };
    expect(() => assertValid(SnapshotV1, v1, 'snapshot')).not.toThrow();
    const observations = { services: [], tasks: [], processes: [], files: [], registry: [] };
    expect(() => assertValid(SnapshotV1, { ...v1, observations }, 'snapshot')).toThrow(/observations/);
    expect(() => assertValid(Snapshot, { ...minimalSnapshot(), observations }, 'snapshot')).not.toThrow();
  });

  it('reports broken JSON with a coded error', () => {
    expect(() => parseJson('{"a":', 'body')).toThrow(/body is not valid JSON/);
  });
});
