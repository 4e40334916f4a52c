// The sample data's in-process collector (scripts/sample-data/collector-client.mjs), on
// a postgres:// URL. That one opens a SQLite file (openStore) and is not the benches' to
// change; this gives the same calls (api, enrollmentToken, enroll, report, close) on the
// store `serve --db postgres://…` opens. The SQLite benches keep using that one.
import { API_PREFIX, HEADER_AGENT, HEADER_SIGNATURE, generateKeyPair, signBytes } from '@zhengban/shared';
import { buildApp, createAdminToken, createEnrollmentToken, hashToken, newToken } from '@zhengban/collector';
import { ApiError } from '../sample-data/collector-client.mjs';
// Not exported by @zhengban/collector: the built module `serve` opens its --db with.
import { openDatabase } from '../../collector/dist/store/open-database.js';

/** As openCollector (sample-data), on the PostgreSQL database at `url`, with the clock the caller moves. */
export async function openPgCollector(url, clock, { poolSize = 10 } = {}) {
  const store = await openDatabase(url, { poolSize });
  const app = await buildApp({ store, now: () => clock.now });
  const adminToken = newToken('admin');
  await createAdminToken(store, { tokenHash: hashToken(adminToken), role: 'admin', unitId: null, createdAt: clock.now.toISOString(), actor: 'bench' });
  const auth = { authorization: `Bearer ${adminToken}` };

  async function api(method, path, payload, expect = method === 'POST' ? 201 : 200) {
    const url = `${API_PREFIX}${path}`;
    const res = await app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload }) });
    if (res.statusCode !== expect) throw new ApiError(method, url, res.statusCode, res.body);
    return res.json();
  }

  async function enrollmentToken(unit, maxUses) {
    const token = newToken('enrollment');
    const expiresAt = new Date(clock.now.getTime() + 30 * 86_400_000).toISOString();
    await createEnrollmentToken(store, { tokenHash: hashToken(token), unitName: unit, createdAt: clock.now.toISOString(), expiresAt, maxUses, actor: 'bench' });
    return token;
  }

  async function enroll(token, machine) {
    const keys = generateKeyPair();
    const payload = { token, publicKey: keys.publicKeyPem, hostname: machine.hostname, hardwareUuid: machine.hardwareUuid, serial: machine.serial };
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
    const res = await app.inject({ method: 'POST', url: `${API_PREFIX}/enroll`, payload });
    if (res.statusCode !== 201) throw new ApiError('POST', '/enroll', res.statusCode, res.body);
    return { agentId: res.json().agentId, keys };
  }

  async function report(agent, snapshot) {
    const bytes = Buffer.from(JSON.stringify({ ...snapshot, agentId: agent.agentId }), 'utf8');
    const res = await app.inject({
      method: 'POST',
      url: `${API_PREFIX}/snapshots`,
      headers: { 'content-type': 'application/json', [HEADER_AGENT]: agent.agentId, [HEADER_SIGNATURE]: signBytes(bytes, agent.keys.privateKeyPem) },
      payload: bytes,
    });
    if (res.statusCode !== 202) throw new ApiError('POST', '/snapshots', res.statusCode, res.body);
    return res.json().verdict;
  }

  return { app, store, api, enrollmentToken, enroll, report, close: () => app.close() };
}
