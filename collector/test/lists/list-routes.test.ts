import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { ListEntries, ListWriteResult } from '../../src/schema/lists.js';
import { registryFixture, type RegistryFixture } from './fixture.js';

let f: RegistryFixture;
beforeEach(async () => {
  f = await registryFixture();
});
afterEach(() => f.t.close());

const registryRevision = () => {
  const db = new Database(f.t.dbFile, { readonly: true });
  try {
    return Number((db.prepare("SELECT value FROM meta WHERE key = 'registry_revision'").get() as { value: string }).value);
  } finally {
    db.close();
  }
};

const deny = (name: string, extra: Record<string, unknown> = {}) => ({ list: 'deny', name, reason: '破解工具', ...extra });

describe('POST /lists', () => {
  it('adds an entry, audits it, bumps the registry revision and re-judges', async () => {
    const before = registryRevision();
    const res = await f.call('POST', '/lists', f.admin, deny('^KMSpico', { publisher: 'heldigard', unitId: f.units.finance }));
    expect(res.statusCode).toBe(201);
    const body = assertValid(ListWriteResult, res.json(), 'write result');
    expect(body.entry).toMatchObject({ list: 'deny', name: '^KMSpico', publisher: 'heldigard', unitId: f.units.finance, unit: '财政局', reason: '破解工具' });
    expect(body.entry.createdBy).toMatch(/^token:\d+$/);
    expect(body.rejudged).toEqual(expect.objectContaining({ machines: expect.any(Number) }));
    expect(registryRevision()).toBe(before + 1);
    const [audit] = await f.audit('list.');
    expect(audit).toMatchObject({ action: 'list.create', actor: body.entry.createdBy, detail: { after: { id: body.entry.id, name: '^KMSpico' } } });
  });

  it.each([
    [{ name: '(unclosed' }, /^name is not a valid regular expression/],
    [{ name: 'WinRAR', publisher: '[a-' }, /^publisher is not a valid regular expression/],
    [{ name: '.*' }, /^name .* matches the empty string/],
    [{ name: 'x|' }, /^name .* matches the empty string/],
    [{ name: 'WinRAR', publisher: '^' }, /^publisher .* matches the empty string/],
  ])('refuses %j with 400 E_INVALID and writes nothing', async (patterns, message) => {
    const audits = f.count('audit_log');
    const res = await f.call('POST', '/lists', f.admin, deny('x', patterns));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(message) });
    expect([f.count('list_entries'), f.count('audit_log')]).toEqual([0, audits]);
  });

  it('refuses input the schema does not allow with 400 E_SCHEMA', async () => {
    for (const bad of [{ list: 'grey', name: 'x', reason: 'r' }, { list: 'deny', name: 'x' }, deny('')]) {
      const res = await f.call('POST', '/lists', f.admin, bad);
      expect({ bad, status: res.statusCode, code: res.json().code }).toEqual({ bad, status: 400, code: 'E_SCHEMA' });
    }
    expect(f.count('list_entries')).toBe(0);
  });

  it('refuses the same entry twice with 409 E_CONFLICT, but allows it in the other list or another unit', async () => {
    expect((await f.call('POST', '/lists', f.admin, deny('WinRAR'))).statusCode).toBe(201);
    const again = await f.call('POST', '/lists', f.admin, deny('WinRAR', { reason: 'another reason' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('E_CONFLICT');
    expect(f.count('list_entries')).toBe(1);
    expect((await f.call('POST', '/lists', f.admin, deny('WinRAR', { list: 'allow' }))).statusCode).toBe(201);
    expect((await f.call('POST', '/lists', f.admin, deny('WinRAR', { unitId: f.units.education }))).statusCode).toBe(201);
  });

  it('answers 404 for a unit that does not exist, writing nothing', async () => {
    const res = await f.call('POST', '/lists', f.admin, deny('WinRAR', { unitId: 999 }));
    expect(res.statusCode).toBe(404);
    expect(f.count('list_entries')).toBe(0);
  });

  it('refuses a viewer with 403 and writes nothing; refuses a stranger with 401', async () => {
    const audits = f.count('audit_log');
    const res = await f.call('POST', '/lists', f.viewer, deny('WinRAR', { unitId: f.units.finance }));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_FORBIDDEN');
    expect((await f.call('POST', '/lists', undefined, deny('WinRAR'))).statusCode).toBe(401);
    expect([f.count('list_entries'), f.count('audit_log')]).toEqual([0, audits]);
  });
});

describe('GET /lists and /lists/:id', () => {
  let ids: Record<'global' | 'finance' | 'budget' | 'education' | 'allowed', number>;
  beforeEach(async () => {
    const add = async (body: Record<string, unknown>) => (await f.call('POST', '/lists', f.admin, body)).json().entry.id as number;
    ids = {
      global: await add(deny('KMSAuto')),
      finance: await add(deny('WinRAR', { unitId: f.units.finance })),
      budget: await add(deny('迅雷', { unitId: f.units.budget })),
      education: await add(deny('Steam', { unitId: f.units.education })),
      allowed: await add({ list: 'allow', name: '^7-Zip', reason: '开源' }),
    };
  });

  it('lists every entry for an admin, filtered by list', async () => {
    const all = assertValid(ListEntries, (await f.call('GET', '/lists', f.admin)).json(), 'entries');
    expect(all.entries.map((e) => e.id).sort()).toEqual(Object.values(ids).sort());
    const allow = (await f.call('GET', '/lists?list=allow', f.admin)).json();
    expect(allow.entries.map((e: { id: number }) => e.id)).toEqual([ids.allowed]);
    expect((await f.call('GET', '/lists?list=grey', f.admin)).statusCode).toBe(400);
  });

  it("shows a viewer global entries and its subtree's, and answers 404 for another unit's", async () => {
    const seen = (await f.call('GET', '/lists', f.viewer)).json().entries.map((e: { id: number }) => e.id).sort();
    expect(seen).toEqual([ids.global, ids.finance, ids.budget, ids.allowed].sort());
    expect((await f.call('GET', `/lists/${ids.budget}`, f.viewer)).json()).toMatchObject({ id: ids.budget, unit: '预算科' });
    expect((await f.call('GET', `/lists/${ids.global}`, f.viewer)).statusCode).toBe(200);
    const hidden = await f.call('GET', `/lists/${ids.education}`, f.viewer);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('E_NOT_FOUND');
    expect((await f.call('GET', `/lists/${ids.education}`, f.admin)).statusCode).toBe(200);
    expect((await f.call('GET', '/lists/9999', f.admin)).statusCode).toBe(404);
  });

  it('removes an entry (admin), audits it and bumps the revision; a viewer gets 403', async () => {
    expect((await f.call('DELETE', `/lists/${ids.finance}`, f.viewer)).statusCode).toBe(403);
    expect(f.count('list_entries')).toBe(5);
    const before = registryRevision();
    const res = await f.call('DELETE', `/lists/${ids.finance}`, f.admin);
    expect(res.statusCode).toBe(200);
    expect(assertValid(ListWriteResult, res.json(), 'result').entry).toMatchObject({ id: ids.finance, name: 'WinRAR' });
    expect(registryRevision()).toBe(before + 1);
    expect((await f.call('GET', `/lists/${ids.finance}`, f.admin)).statusCode).toBe(404);
    expect((await f.call('DELETE', `/lists/${ids.finance}`, f.admin)).statusCode).toBe(404);
    const [audit] = await f.audit('list.delete');
    expect(audit).toMatchObject({ action: 'list.delete', detail: { before: { id: ids.finance, name: 'WinRAR' } } });
  });
});
