// The real collector, in this process: `buildApp` on a SQLite file (or, for the benches,
// a postgres:// URL: whatever `serve --db` opens), driven through its HTTP API with
// `app.inject` (no port). Admin and enrollment tokens are made through the
// store, as `zhengban-collector token create` and `enrollment create` make them; every
// other write goes through the routes an admin or an agent would call.
import { API_PREFIX, HEADER_AGENT, HEADER_SIGNATURE, generateKeyPair, signBytes } from '@zhengban/shared';
import { buildApp, hashToken, newToken, openDatabase } from '@zhengban/collector';
import { createAdminToken, createEnrollmentToken } from '@zhengban/collector';

/** An HTTP answer that is not the expected status, with the collector's `{code, message}`. */
export class ApiError extends Error {
  constructor(method, url, status, body) {
    super(`${method} ${url} answered ${status}: ${body}`);
    this.status = status;
  }
}

/**
 * Opens the collector on `db` with a clock the caller moves (`clock.now`), so seat
 * queues (first seen), software changes and licence expiry are the same on every run.
 */
export async function openCollector(db, clock) {
  const store = await openDatabase(db);
  const app = await buildApp({ store, now: () => clock.now });
  const adminToken = newToken('admin');
  await createAdminToken(store, { tokenHash: hashToken(adminToken), role: 'admin', unitId: null, createdAt: clock.now.toISOString(), actor: 'sample-data' });
  const auth = { authorization: `Bearer ${adminToken}` };

  /** An admin call; throws ApiError unless the answer is `expect`. */
  async function api(method, path, payload, expect = method === 'POST' ? 201 : 200) {
    const url = `${API_PREFIX}${path}`;
    const res = await app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload }) });
    if (res.statusCode !== expect) throw new ApiError(method, url, res.statusCode, res.body);
    return res.json();
  }

  /** An enrollment token for one unit (as `enrollment create --unit … --max-uses n`). */
  async function enrollmentToken(unit, maxUses) {
    const token = newToken('enrollment');
    await createEnrollmentToken(store, {
      tokenHash: hashToken(token),
      unitName: unit,
      createdAt: clock.now.toISOString(),
      expiresAt: new Date(clock.now.getTime() + 30 * 86_400_000).toISOString(),
      maxUses,
      actor: 'sample-data',
    });
    return token;
  }

  /** Enrolls a machine as its agent does: a fresh Ed25519 key pair and the token. */
  async function enroll(token, machine) {
    const keys = generateKeyPair();
    const payload = { token, publicKey: keys.publicKeyPem, hostname: machine.hostname, hardwareUuid: machine.hardwareUuid, serial: machine.serial };
    for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
    const res = await app.inject({ method: 'POST', url: `${API_PREFIX}/enroll`, payload });
    if (res.statusCode !== 201) throw new ApiError('POST', '/enroll', res.statusCode, res.body);
    return { agentId: res.json().agentId, keys };
  }

  /** Posts a snapshot signed with the agent's key; returns the collector's verdict. */
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
