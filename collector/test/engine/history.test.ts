import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LicenceInput } from '../../src/schema/licences.js';
import { T0 } from '../helper.js';
import { commitLicence } from '../../src/service/licence-service.js';
import { rejudgeDated } from '../../src/service/rejudge-service.js';
import { windowsPro } from '../licences/licence-helper.js';
import { at, buy, call, engineApp, entitlement, history, latest, machine, rejudgePending, report, verdictRows, winPro, type EngineApp } from './engine-helper.js';

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  await t.close();
});

/** Two 财政局 PCs holding seats of a Windows licence valid until the day given. */
async function holdersUntil(validUntil: string) {
  const pcs = [await machine(t, '财政局', 'czj-01'), await machine(t, '财政局', 'czj-02')] as const;
  for (const pc of pcs) await report(t, pc, winPro());
  await buy(t, windowsPro(t.units.finance, { validUntil }));
  return pcs;
}

describe('verdict history', () => {
  it('adds no verdict when a re-judge changes nothing', async () => {
    const a = await machine(t, '财政局', 'czj-01');
    const b = await machine(t, '教育局', 'jyj-01');
    await report(t, a, winPro());
    await report(t, b, winPro({ channel: 'OEM:DM' }));
    const rows = verdictRows(t);
    for (let i = 0; i < 2; i++) {
      const res = await call(t, 'POST', '/rejudge', t.admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().rejudged).toMatchObject({ changed: 0, statusChanged: 0 });
      expect(verdictRows(t)).toBe(rows);
    }
    // A licence for a product nobody runs changes nothing either.
    await buy(t, { productId: 'autocad', model: 'retail', seats: 3, unitId: t.units.city });
    expect(verdictRows(t)).toBe(rows);
    // Nor does a licence that covers no one here.
    const { rejudged } = await buy(t, windowsPro(t.units.budget));
    expect(rejudged).toMatchObject({ changed: 0, statusChanged: 0 });
    expect(verdictRows(t)).toBe(rows);
  });

  it('records a status change with its trigger and detail, and a change of reason with the same status too', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    const { licence } = await buy(t, windowsPro(t.units.finance, { seats: 1 }));
    const del = await call(t, 'DELETE', `/licences/${licence.id}`, t.admin);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().rejudged).toMatchObject({ changed: 1, statusChanged: 1 });
    const h = await history(t, pc.agentId);
    expect(h.map((r) => [r.trigger, r.verdict.status])).toEqual([
      ['licence', 'unauthorized'],
      ['licence', 'licensed'],
      ['snapshot', 'unauthorized'],
    ]);
    expect(h[0]!.triggerDetail).toBe(`licence #${licence.id} deleted by token:1`);
    expect(h[1]!.triggerDetail).toBe(`licence #${licence.id} created by token:1`);

    // Unauthorized both times, for another reason: still a change worth keeping.
    const { licence: edu } = await buy(t, windowsPro(t.units.finance, { edition: 'enterprise' }));
    const [now] = await history(t, pc.agentId);
    expect(now!.trigger).toBe('licence');
    expect(now!.verdict.status).toBe('unauthorized');
    expect(entitlement(now!.verdict, 'os').facts).toContain(`entitlement = none (nearest: licence #${edu.id}, edition)`);
    expect(await history(t, pc.agentId)).toHaveLength(4);
  });

  it('clears the re-judge mark a registry write leaves once the re-judge commits', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    expect(rejudgePending(t)).toBe('');
    // A write straight to the store (as if the process died before its re-judge) leaves the mark.
    const input: LicenceInput = { productId: 'windows', edition: 'pro', model: 'oem', seats: 10, unitId: t.units.finance };
    await commitLicence(t.store, input, { actor: 'test', at: T0.toISOString() });
    expect(rejudgePending(t)).not.toBe('');
    expect((await latest(t, pc.agentId)).verdict.status).toBe('unauthorized');
    const res = await call(t, 'POST', '/rejudge', t.admin);
    expect(res.json().rejudged).toMatchObject({ changed: 1, statusChanged: 1 });
    expect(rejudgePending(t)).toBe('');
    expect((await latest(t, pc.agentId)).trigger).toBe('manual');

    // Through the API the mark never outlives the request.
    await buy(t, windowsPro(t.units.education));
    expect(rejudgePending(t)).toBe('');
  });

  it('notices at the next snapshot that a licence ran out, and tells its other holders too', async () => {
    const [a, b] = await holdersUntil('2026-11-30');
    expect(entitlement((await latest(t, a.agentId)).verdict, 'os').code).toBe('licensed');
    at(t, 15 * 24 * 60); // 2026-12-05
    const v = await report(t, a, winPro());
    expect(entitlement(v, 'os')).toMatchObject({ code: 'expired' });
    const [told] = await history(t, b.agentId);
    expect(told!.trigger).toBe('seat');
    expect(told!.triggerDetail).toContain('licences of windows came into force or ran out by 2026-12-05');
    expect(entitlement(told!.verdict, 'os').code).toBe('expired');
  });

  it('notices on its own that a licence ran out, when no machine reports that day (serve checks the dates)', async () => {
    const [a, b] = await holdersUntil('2026-11-30');
    expect(await rejudgeDated(t.app.registry)).toBeUndefined();
    at(t, 15 * 24 * 60); // 2026-12-05
    expect(await rejudgeDated(t.app.registry)).toMatchObject({ machines: 2, changed: 2, statusChanged: 2 });
    for (const pc of [a, b]) {
      const [now] = await history(t, pc.agentId);
      expect(now!.trigger).toBe('licence');
      expect(now!.triggerDetail).toBe('licences of windows came into force or ran out by 2026-12-05');
      expect(entitlement(now!.verdict, 'os').code).toBe('expired');
    }
    // Once a day: the next check and the day's first snapshot find nothing more to do.
    const rows = verdictRows(t);
    expect(await rejudgeDated(t.app.registry)).toBeUndefined();
    // The day's first snapshot of a repeats what its verdict was judged from: it stands.
    await report(t, a, winPro());
    expect(verdictRows(t)).toBe(rows);
    expect((await history(t, b.agentId))[0]!.trigger).toBe('licence');
  });

  it('notices at the next snapshot that a licence came into force', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    await buy(t, windowsPro(t.units.finance, { validFrom: '2026-12-01' }));
    expect(entitlement((await latest(t, pc.agentId)).verdict, 'os').message).toContain('is not valid yet');
    at(t, 15 * 24 * 60); // 2026-12-05
    const v = await report(t, pc, winPro());
    expect(entitlement(v, 'os').code).toBe('licensed');
  });
});
