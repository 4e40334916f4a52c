import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SignedEnvelope } from '@zhengban/shared';
import { parseSpoolName, Spool, spoolName } from '../src/index.js';
import { tempDir } from './helpers.js';

function envelope(seq: number): SignedEnvelope {
  return { agentId: 'a1', payload: JSON.stringify({ seq, note: '办公室' }), signature: 'sig' };
}

async function makeSpool(maxItems = 10) {
  const dir = await tempDir();
  const warnings: string[] = [];
  let t = Date.parse('2025-03-01T02:00:00.000Z');
  const spool = new Spool({
    dir: join(dir, 'spool'), rejectedDir: join(dir, 'rejected'), maxItems,
    warn: (l) => void warnings.push(l), now: () => new Date((t += 1000)),
  });
  return { dir, spool, warnings };
}

describe('spool names', () => {
  it('sort in creation order and carry the seq', () => {
    const a = spoolName(9, new Date('2025-03-01T02:00:00.000Z'));
    const b = spoolName(10, new Date('2025-03-01T01:00:00.000Z'));
    expect(a).toBe('000000000009-20250301T020000000Z.json');
    expect([b, a].sort()).toEqual([a, b]);
    expect(parseSpoolName(b)).toBe(10);
    expect(parseSpoolName('.tmp-000000000009-x.json')).toBeNull();
    expect(parseSpoolName('000000000009-20250301T020000000Z.answer.json')).toBeNull();
  });
});

describe('spool', () => {
  it('keeps one envelope per file, one line, listed oldest first', async () => {
    const { spool } = await makeSpool();
    for (const seq of [3, 1, 2]) await spool.add(envelope(seq), seq);
    const items = await spool.list();
    expect(items.map((i) => i.seq)).toEqual([1, 2, 3]);
    const text = await readFile(items[0]!.file, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(await spool.read(items[0]!)).toEqual(envelope(1));
    expect(await spool.highestSeq()).toBe(3);
  });

  it('is bounded: when full it drops the oldest and says so', async () => {
    const { spool, warnings } = await makeSpool(3);
    for (let seq = 1; seq <= 5; seq++) await spool.add(envelope(seq), seq);
    expect((await spool.list()).map((i) => i.seq)).toEqual([3, 4, 5]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/spool full \(3 items\): dropped the oldest snapshot, seq 1/);
  });

  it('ignores temp files and removes only stale ones', async () => {
    const { spool } = await makeSpool();
    await spool.add(envelope(1), 1);
    const stale = join(spool.dir, '.tmp-000000000002-crashed');
    const fresh = join(spool.dir, '.tmp-000000000003-writing');
    await writeFile(stale, '{"half":');
    await writeFile(fresh, '{"half":');
    await utimes(stale, new Date('2025-01-01'), new Date('2025-01-01'));
    await writeFile(join(spool.dir, 'README.txt'), 'stray');
    expect(await spool.depth()).toBe(1);
    expect(await spool.cleanTemp(60_000)).toBe(1);
    expect((await readdir(spool.dir)).sort()).toEqual(['.tmp-000000000003-writing', '000000000001-20250301T020001000Z.json', 'README.txt']);
  });

  it('leaves no temp file behind after writing', async () => {
    const { spool } = await makeSpool();
    await spool.add(envelope(1), 1);
    expect((await readdir(spool.dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('moves a rejected item beside the spool with the answer, bounded too', async () => {
    const { dir, spool } = await makeSpool(2);
    for (let seq = 1; seq <= 2; seq++) await spool.add(envelope(seq), seq);
    for (const item of await spool.list()) await spool.reject(item, { status: 401, code: 'E_SIGNATURE', message: 'bad' });
    await spool.add(envelope(3), 3);
    await spool.reject((await spool.list())[0]!, { status: 400, code: 'E_SCHEMA', message: 'bad' });
    expect(await spool.depth()).toBe(0);
    expect(await spool.rejectedCount()).toBe(2);
    const names = (await readdir(join(dir, 'rejected'))).sort();
    expect(names.map((n) => n.slice(0, 12))).toEqual(['000000000002', '000000000002', '000000000003', '000000000003']);
    const answer = JSON.parse(await readFile(join(dir, 'rejected', names.find((n) => n.startsWith('000000000003') && n.endsWith('.answer.json'))!), 'utf8'));
    expect(answer).toMatchObject({ status: 400, code: 'E_SCHEMA', message: 'bad' });
    expect(await spool.highestSeq()).toBe(3);
  });

  it('an absent folder is an empty spool', async () => {
    const { spool } = await makeSpool();
    expect(await spool.list()).toEqual([]);
    expect(await spool.rejectedCount()).toBe(0);
  });
});
