import { afterAll, beforeAll, expect, it } from 'vitest';
import { send } from './requests.js';
import { buildWorld, type World } from './world.js';

/**
 * Leaks found by these tests and fixed: each stays as a test of its rule. Setup and
 * preconditions are checked outside the rule, so a broken setup cannot pass for a fix.
 */
let w: World;
let created: number;
beforeAll(async () => {
  w = await buildWorld();
  // 调剂: two seats of the viewer's licence go to 乙县, as a new licence there.
  const reallocation = { kind: 'disposal', disposal: 'reallocation', date: '2026-06-01', seats: 2, toUnitId: w.units.countyOut };
  const made = await send(w.t, { method: 'POST', url: `/api/v1/licences/${w.licences.inside}/events`, body: reallocation }, w.admin);
  if (made.statusCode !== 201) throw new Error(`reallocation: ${made.statusCode} ${made.body}`);
  created = (made.json() as { created: { id: number } }).created.id;
});
afterAll(() => w.t.close());

const reallocationSeenByViewer = async () => {
  const res = await send(w.t, { method: 'GET', url: `/api/v1/licences/${w.licences.inside}/events` }, w.viewer);
  const events = (res.json() as { events: { disposal: string | null; toUnitId: number | null; createdLicenceId: number | null }[] }).events;
  return events.find((e) => e.disposal === 'reallocation')!;
};

it('the viewer may open neither the receiving unit nor the licence created there, but sees the event', async () => {
  expect((await send(w.t, { method: 'GET', url: `/api/v1/units/${w.units.countyOut}` }, w.viewer)).statusCode).toBe(404);
  expect((await send(w.t, { method: 'GET', url: `/api/v1/licences/${created}` }, w.viewer)).statusCode).toBe(404);
  expect(await reallocationSeenByViewer()).toMatchObject({ disposal: 'reallocation' });
});

it('GET /licences/:id/events gives the viewer no id of an outside unit or licence', async () => {
  const event = await reallocationSeenByViewer();
  expect({ toUnitId: event.toUnitId, createdLicenceId: event.createdLicenceId }).toEqual({ toUnitId: null, createdLicenceId: null });
});
