#!/usr/bin/env node
// `npm run bench:dashboard [-- --machines N] [--units U] [--seed-machines S] [--runs R] [--keep FILE]`
//
// The dashboard's data over a large county (county-fleet.mjs: 100,000 machines in 1,000
// units by default). The collector runs in a process of its own on that file and
// answers, R times each: the overview (target 200 ms), the trend of 30 days once its
// past days are counted (each day's count is timed too: the background does it once a
// day), and pages of the machine list, plain, deep, sorted, searched and filtered by a
// failed finding (target 100 ms); then the overview page in headless Chromium, signed
// in, until the units behind and the rate chart are drawn (target 1 s; needs Debian's
// chromium and the dashboard built). Printed: each one's time (min, median, max).
// Run after `npm run build`. Figures only: nothing here passes or fails.
import { fileURLToPath } from 'node:url';
import { buildApp, countTrendDay, hashToken, missingTrendDays, newToken, openStore } from '@zhengban/collector';
import { countyBench } from './county-fleet.mjs';
import { createAdminToken } from '@zhengban/collector';

const TARGET_MS = { overview: 200, trend: 200, page: 100, usable: 1000 };
const REPORTED = new Date('2026-11-02T01:00:00Z');
const NOW = new Date(REPORTED.getTime() + 30 * 86_400_000);
const WINDOW_HOURS = 60 * 24;

const REQUESTS = [
  ['overview', 'overview', '/api/v1/dashboard/overview'],
  ['trend', 'trend, 30 days', '/api/v1/dashboard/trend?days=30'],
  ['page', 'machines, first page', '/api/v1/machines?limit=50'],
  ['page', 'machines, page 1,000', '/api/v1/machines?limit=50&offset=49950'],
  ['page', 'machines, by last report', '/api/v1/machines?limit=50&sort=-lastSeen'],
  ['page', 'machines, unit, by status', '/api/v1/machines?limit=50&unit=bench-unit-0007&sort=status'],
  ['page', 'machines, searched', '/api/v1/machines?limit=50&q=c4242'],
  ['page', 'machines, office without licence', '/api/v1/machines?limit=50&category=office&code=no-entitlement'],
];

async function serve(db, runs) {
  const store = openStore(db);
  const app = await buildApp({ store, now: () => NOW, staleAfterHours: WINDOW_HOURS });
  const token = newToken('admin');
  await createAdminToken(store, { tokenHash: hashToken(token), role: 'admin', unitId: null, createdAt: NOW.toISOString(), actor: 'bench' });
  const deps = { ...app.registry, staleAfterMs: WINDOW_HOURS * 3_600_000 };
  const days = [];
  for (const day of await missingTrendDays(deps)) {
    const t0 = performance.now();
    await countTrendDay(deps, day);
    days.push(performance.now() - t0);
  }
  const out = { days };
  for (const [, label, url] of REQUESTS) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    }
    times.sort((a, b) => a - b);
    out[label] = { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1) };
  }
  out.page = await pageUsable(app, token, runs);
  await app.close();
  return out;
}

/**
 * The overview in headless Chromium (Debian's, driven by playwright-core), signed in:
 * from navigation to the units behind and the rate chart drawn, each run a fresh page.
 */
async function pageUsable(app, token, runs) {
  const { chromium } = await import('playwright-core');
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const signIn = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const cookie = /zhengban_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await context.addCookies([{ name: 'zhengban_session', value: cookie, url }]);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${url}/`);
      await page.waitForSelector('[data-testid=unit-ranking] tbody tr');
      await page.waitForSelector('[data-testid=rates-chart] canvas');
      times.push(performance.now() - t0);
      await page.close();
    }
    times.sort((a, b) => a - b);
    return { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1) };
  } finally {
    await browser.close();
  }
}

await countyBench({
  name: 'bench:dashboard',
  script: fileURLToPath(import.meta.url),
  reported: REPORTED,
  runs: '5',
  serve,
  print: (result, runs) => {
    const ms = (x) => `${Math.round(x)} ms`;
    const days = [...result.days].sort((a, b) => a - b);
    if (days.length) console.log(`  trend: ${days.length} past days counted, each ${ms(days[0])}–${ms(days.at(-1))} (median ${ms(days[Math.floor(days.length / 2)])})`);
    for (const [kind, label] of [...REQUESTS, ['usable', 'overview page usable in Chromium']]) {
      const r = kind === 'usable' ? result.page : result[label];
      console.log(`  ${label}: median ${ms(r.median)} (min ${ms(r.min)}, max ${ms(r.max)}; ${runs} runs) [${r.median < TARGET_MS[kind] ? 'within' : 'OVER'} target ${TARGET_MS[kind]} ms]`);
    }
  },
});
