import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineRepo } from '../../src/store/engine-repo.js';
import { windowsPro } from '../licences/licence-helper.js';
import { at, buy, engineApp, entitlement, history, machine, report, verdictRows, winPro, type EngineApp } from './engine-helper.js';

// A machine first seen after every other comes last in every seat queue: ingest
// allocates its seats for it alone instead of allocating the whole fleet again.

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

describe('a new machine', () => {
  it('takes a free seat or queues behind the others, without the fleet being allocated again', async () => {
    const first = await machine(t, '财政局', 'czj-01');
    await report(t, first, winPro());
    await buy(t, windowsPro(t.units.finance, { seats: 2 }));
    const fleetWide = vi.spyOn(EngineRepo.prototype, 'demands');
    const rows = verdictRows(t);

    const verdicts = [];
    for (const [minute, host] of [[10, 'czj-02'], [20, 'czj-03'], [30, 'czj-04']] as const) {
      at(t, minute);
      verdicts.push(await report(t, await machine(t, '财政局', host), winPro()));
    }
    expect(fleetWide).not.toHaveBeenCalled();
    expect(verdicts.map((v) => entitlement(v, 'os').code)).toEqual(['licensed', 'over-allocated', 'over-allocated']);
    expect(entitlement(verdicts[2]!, 'os').facts).toContain('licence.queuePosition = 2');
    // One verdict per snapshot: nobody else was judged again.
    expect(verdictRows(t)).toBe(rows + 3);
    expect(await history(t, first.agentId)).toHaveLength(2);
  });

  it('goes by first sight, not enrollment; one that is not the last seen is allocated with the fleet', async () => {
    const a = await machine(t, '财政局', 'czj-01');
    const b = await machine(t, '财政局', 'czj-02');
    at(t, 10);
    await report(t, b, winPro());
    const fleetWide = vi.spyOn(EngineRepo.prototype, 'demands');
    // a enrolled first but reports after b: b was first seen before it.
    at(t, 20);
    await report(t, a, winPro());
    expect(fleetWide).not.toHaveBeenCalled();
    // a machine that gains a product it did not have is queued by when it was first seen.
    await buy(t, windowsPro(t.units.finance, { seats: 1 }));
    fleetWide.mockClear();
    at(t, 30);
    await report(t, b, { ...winPro(), office: [{ name: 'Microsoft Office Professional Plus 2019', version: '16.0', source: 'registry:HKLM', activation: { state: 'activated', channel: 'Retail' } }] });
    expect(fleetWide).toHaveBeenCalled();
  });
});
