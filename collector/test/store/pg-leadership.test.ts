import { expect } from 'vitest';
import { openPgStore } from '../../src/store/pg/open.js';
import { pgTest } from '../support/pg.js';

pgTest('a periodic job is led by one collector at a time, and by another once that one stops', async ({ pgDb }) => {
  const [a, b] = await Promise.all([openPgStore(pgDb.url), openPgStore(pgDb.url)]);
  try {
    // Asked together, as the jobs of a starting collector are: one connection, one answer each.
    expect(await Promise.all([a.leads('trend-days'), a.leads('retention'), a.leads('licence-dates')])).toEqual([true, true, true]);
    expect(await a.leads('trend-days')).toBe(true);
    expect(await b.leads('trend-days')).toBe(false);
    await a.close();
    expect(await b.leads('trend-days')).toBe(true);
    expect(await a.leads('trend-days')).toBe(false);
  } finally {
    await a.close();
    await b.close();
  }
});
