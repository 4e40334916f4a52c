import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, signIn } from './browser.js';
import { openSamplePage, type SamplePage } from './sample-page.js';

// The spot checks page in Chromium against the sample county: a spot check drawn and
// recorded through the API, then read as an admin reads it, its grade, machines and forms.

describe('spot checks in Chromium', () => {
  let s: SamplePage;
  let id = 0;
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${s.collector.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${s.collector.admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: number; machines: { no: number }[] }>;
  };

  beforeAll(async () => {
    s = await openSamplePage('zhengban-spot-');
    const v = await call('POST', '/spot-checks', { unit: '青溪县', ratio: 0.1, min: 8, seed: 'browser' });
    id = v.id;
    await call('PUT', `/spot-checks/${id}/machines/1`, { labelMatches: 'no', agentPresent: 'no', unreported: ['KMSpico'] });
    await call('PUT', `/spot-checks/${id}/unit-checks`, { ledger: 'yes', documents: 'no' });
  });
  afterAll(() => s?.close());

  it('lists the spot checks with their grades, and opens one: grade and rule, machines, differences, forms', async () => {
    const { page } = s;
    await page.goto(s.collector.url);
    await signIn(page, s.collector.admin);
    await page.click('nav a:text-is("抽查")');
    await page.waitForSelector('[data-testid=spot-check-list] tbody tr');
    expect(await page.locator('[data-testid=spot-check-list] tbody tr').first().innerText()).toMatch(/#\d+\s+青溪县[\s\S]*8 \/ 60 台[\s\S]*不合格/);
    await shot(page, 'spot-checks-list');

    await page.click(`a[href="#/spot-checks/${id}"]`);
    await page.waitForSelector('[data-testid=spot-machines] tbody tr');
    expect(await page.locator('.grade-words').innerText()).toMatch(/^不合格：抽查 8 台中 \d 台使用未授权软件（>10%）；抽查 8 台中 1 台代理程序被卸载或停止（>10%）$/);
    expect(await page.locator('[data-testid=spot-machine]').count()).toBe(8);
    const first = await page.locator('[data-testid=spot-machine]').first().innerText();
    expect(first).toContain('代理程序被卸载或停止：现场未见代理程序');
    expect(first).toContain('现场发现代理程序未上报的软件：KMSpico');
    expect(await page.locator('[data-testid=unit-checks]').innerText()).toMatch(/授权文件\s*不符/);
    await shot(page, 'spot-check');
    await page.locator('[data-testid=spot-machine]').first().locator('details.frozen > summary').click();
    await page.waitForSelector('details.frozen[open] [data-testid=finding]');
    await shot(page, 'spot-check-evidence');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-form=spotcheck-register][data-format=docx]')]);
    expect(download.suggestedFilename()).toMatch(/^抽查登记表-青溪县-\d{4}-\d{2}-\d{2}\.docx$/);
    expect(s.problems).toEqual([]);
  });
});
