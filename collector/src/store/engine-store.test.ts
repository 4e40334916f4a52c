import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '@zhengban/shared';
import { openStore } from './open.js';
import type { SqliteStore } from './sqlite-store.js';

const finding = (subject: string): Finding => ({ category: 'other', code: 'licensed', passed: true, subject, message: subject, messageZh: subject, facts: [`name = ${subject}`] });

let store: SqliteStore;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describe('finding sets through the engine store', () => {
  it('stores a set once and reads it back', async () => {
    const [a, again, b] = await store.engine.run((tx) => [tx.findingSetId([finding('A')]), tx.findingSetId([finding('A')]), tx.findingSetId([finding('B')])]);
    expect(again).toBe(a);
    expect(b).not.toBe(a);
    expect(await store.engine.run((tx) => tx.findingSet(a))).toEqual([finding('A')]);
  });

  it('forgets what a rolled-back transaction stored, whose ids other content may then take', async () => {
    await expect(
      store.engine.run((tx) => {
        tx.findingSetId([finding('A')]);
        throw new Error('ingest failed');
      }),
    ).rejects.toThrow('ingest failed');
    const [b, a] = await store.engine.run((tx) => [tx.findingSetId([finding('B')]), tx.findingSetId([finding('A')])]);
    expect(a).not.toBe(b);
    expect(await store.engine.run((tx) => [tx.findingSet(a), tx.findingSet(b)])).toEqual([[finding('A')], [finding('B')]]);
  });
});
