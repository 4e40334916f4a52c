import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesOf, expectRefusal } from './expect.js';
import { dbState, rowCounts, send } from './requests.js';
import { VIEWER_VIA, buildWorld, type World } from './world.js';

/**
 * A viewer is read-only: every write, aimed inside its subtree or outside it, answers
 * 403 E_FORBIDDEN with {code, message}, and no table changes (every row of every table,
 * the audit log and the registry and catalog revisions included). Through its session
 * cookie the write carries a valid CSRF header, so it is the role that refuses it.
 */
let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(() => w.t.close());

describe.each(VIEWER_VIA)('a viewer writes nothing through its %s', (_via, credential) => {
  it.each(casesOf('write'))('%s: 403 E_FORBIDDEN inside and outside its subtree, nothing written', async (_route, c) => {
    for (const make of c.viewer) {
      const req = make(w);
      const before = dbState(w.t.dbFile);
      expectRefusal(await send(w.t, req, credential(w)), req, 403, 'E_FORBIDDEN');
      const after = dbState(w.t.dbFile);
      expect({ req, counts: rowCounts(after) }).toEqual({ req, counts: rowCounts(before) });
      expect(after).toEqual(before);
    }
  });

  it('is refused the same way for a record that does not exist (no probing by write)', async () => {
    for (const url of ['/api/v1/units/9999', '/api/v1/people/9999', '/api/v1/licences/9999', '/api/v1/lists/9999', '/api/v1/catalog/products/nothing']) {
      const req = { method: 'DELETE' as const, url };
      expectRefusal(await send(w.t, req, credential(w)), req, 403, 'E_FORBIDDEN');
    }
  });
});
