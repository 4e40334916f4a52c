import type { TestApp } from '../helper.js';

/** A unit to create, its parent named (null: top level) and any other fields of the API's body. */
export interface PlannedUnit {
  name: string;
  parent: string | null;
  [field: string]: unknown;
}

/** Creates the units through the API, parents first, and returns their ids by name. */
export async function createUnits(t: TestApp, admin: string, tree: readonly PlannedUnit[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const { parent, ...fields } of tree) {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${admin}` },
      payload: { ...fields, ...(parent ? { parentId: ids.get(parent) } : {}) },
    });
    if (res.statusCode !== 201) throw new Error(`unit ${fields.name}: ${res.statusCode} ${res.body}`);
    ids.set(fields.name as string, (res.json() as { unit: { id: number } }).unit.id);
  }
  return ids;
}
