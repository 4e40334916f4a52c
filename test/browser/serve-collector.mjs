#!/usr/bin/env node
// `node test/browser/serve-collector.mjs DB [PORT] [NOW]`: the built collector on an
// existing database (the sample county: `node scripts/sample-data/index.mjs --db DB`),
// on 127.0.0.1, its clock fixed at NOW (by default the day the sample's story ends, so
// its machines count as reporting). Makes an admin token and a viewer token for one
// town, counts the trend's past days, then prints `{url, admin, viewer, viewerUnit}` as one JSON line. The browser
// tests run it as a child process; by hand it serves the dashboard to look at.
import { buildApp, countTrendDay, hashToken, missingTrendDays, newToken, openStore } from '@zhengban/collector';
import { CALENDAR } from '../../scripts/sample-data/sample.mjs';
import { createAdminToken } from '@zhengban/collector';

const [db, portText = '0', nowText] = process.argv.slice(2);
if (!db) {
  console.error('usage: serve-collector.mjs DB [PORT] [NOW]');
  process.exit(2);
}
const VIEWER_UNIT = '城关镇人民政府';
const now = nowText ? new Date(nowText) : CALENDAR.report;
const store = openStore(db);
const app = await buildApp({ store, now: () => now });
// The trend's past days, counted here at once as `serve` counts them in the background.
const trend = { ...app.registry, staleAfterMs: 48 * 3_600_000 };
for (const day of await missingTrendDays(trend)) await countTrendDay(trend, day);
const unit = (await store.read.units.list()).find((u) => u.name === VIEWER_UNIT);
if (!unit) throw new Error(`no unit ${VIEWER_UNIT} in ${db}`);
const admin = newToken('admin');
const viewer = newToken('admin');
const createdAt = now.toISOString();
await createAdminToken(store, { tokenHash: hashToken(admin), role: 'admin', unitId: null, createdAt, actor: 'browser-test' });
await createAdminToken(store, { tokenHash: hashToken(viewer), role: 'viewer', unitId: unit.id, createdAt, actor: 'browser-test' });
const url = await app.listen({ host: '127.0.0.1', port: Number(portText) });
console.log(JSON.stringify({ url, admin, viewer, viewerUnit: VIEWER_UNIT }));
const close = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', close);
process.on('SIGINT', close);
