#!/usr/bin/env node
// Benchmark: what a ledger import of 5 MB that is not a ledger costs the collector in
// memory. Each kind of garbage is posted to POST /api/v1/licences/import of an
// in-process collector (app.inject, no port) and the step's peak RSS above the start
// is printed with the answer. Run after `npm run build`:
//   node --expose-gc scripts/bench/csv-garbage.mjs
// Figures only: nothing here passes or fails.
import { randomBytes } from 'node:crypto';
import { buildApp, hashToken, newToken, openStore } from '@zhengban/collector';
import { memorySampler } from './memory.mjs';
import { createAdminToken } from '@zhengban/collector';

const MB = 5 * 1024 * 1024;
const HEADER = 'product,model,unit,seats\n';
const KINDS = {
  'random bytes': () => randomBytes(MB),
  'commas only': () => Buffer.from(','.repeat(MB)),
  'line breaks only': () => Buffer.from('\n'.repeat(MB)),
  'header, then commas': () => Buffer.from(HEADER + ','.repeat(MB)),
  'header, then short rows': () => Buffer.from(HEADER + 'a,b\n'.repeat(MB / 4)),
  'header, then one-letter cells': () => Buffer.from(HEADER + 'a,'.repeat(MB / 2)),
};

const store = openStore(':memory:');
const app = await buildApp({ store });
const token = newToken('admin');
await createAdminToken(store, { tokenHash: hashToken(token), role: 'admin', unitId: null, createdAt: new Date().toISOString(), actor: 'bench' });
const memory = await memorySampler();
for (const [name, make] of Object.entries(KINDS)) {
  const payload = make();
  const m = await memory.measure(() =>
    app.inject({ method: 'POST', url: '/api/v1/licences/import', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload }),
  );
  const body = JSON.parse(m.result.body);
  console.log(`${name.padEnd(30)} ${m.result.statusCode} ${body.code ?? ''}  peak RSS +${Math.max(0, m.peak - m.rssBefore).toFixed(0)} MiB  ${String(body.message ?? '').slice(0, 70)}`);
}
memory.stop();
await app.close();
