import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, shot, watchProblems } from './browser.js';
import { buildSample, startCollector, type Collector } from './collector.js';

// The dashboard in a real Chromium against a real collector holding the sample county
// (60 machines), as a campaign office's admin and a town's viewer use it. Screenshots
// at 1366x768 go to test/browser/artifacts/. The tests run in order and share a page.

describe('dashboard in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-browser-'));
  let collector: Collector;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  /** A machine outside the viewer's town, remembered for the viewer's test. */
  let elsewhere = '';

  beforeAll(async () => {
    collector = await startCollector(buildSample(dir));
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    problems = watchProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const go = (hash: string) => page.goto(`${collector.url}/${hash}`);
  const signIn = async (p: Page, token: string) => {
    await p.fill('input[name=token]', token);
    await p.click('button[type=submit]');
    await p.waitForSelector('.topbar');
  };
  const texts = (selector: string) => page.locator(selector).allInnerTexts();
  const percent = (s: string) => (s.trim() === '—' ? -1 : Number.parseFloat(s));

  it('signs in with a token exchanged for an HttpOnly cookie; a wrong token gets the API’s message', async () => {
    await go('');
    // The form shows once the app has asked for a session (401): after `load`, not at it.
    await page.waitForSelector('input[name=token]');
    await expect(page.locator('input[name=token]').isVisible()).resolves.toBe(true);
    await shot(page, '01-signin');
    await page.fill('input[name=token]', 'zba_not-a-token');
    await page.click('button[type=submit]');
    await page.waitForSelector('.signin .error');
    expect(await page.locator('.signin .error').innerText()).toMatch(/E_\w+/);
    await signIn(page, collector.admin);
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.httpOnly)).toBe(true);
    expect(await page.locator('.topbar .role').innerText()).toContain('管理员');
  });

  it('shows the overview: totals, rate charts, units behind first, reasons', async () => {
    await page.waitForSelector('[data-testid=unit-ranking] tbody tr');
    expect(await page.locator('[data-testid="totals.machines"] .figure').innerText()).toBe('60');
    await page.waitForSelector('[data-testid=rates-chart] canvas');
    await page.waitForSelector('[data-testid=trend-chart] canvas');
    const rates = (await page.locator('[data-testid=unit-ranking] tbody tr td.bar-col .figure').allInnerTexts()).map(percent);
    expect(rates.length).toBeGreaterThan(3);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(await page.locator('[data-testid=reasons] a').count()).toBeGreaterThan(0);
    // The trend from the first scan on, its past days counted as `serve` counts them.
    const trend = await page.evaluate(async () => (await (await fetch('/api/v1/dashboard/trend?days=30')).json()) as { points: unknown[]; pending: number });
    expect(trend.pending).toBe(0);
    expect(trend.points.length).toBe(19);
    await shot(page, '02-overview');
  });

  it('finds which unit is behind and why in two clicks, then a machine and the facts of a finding', async () => {
    const behind = page.locator('[data-testid=unit-ranking] tbody tr a').first();
    const unit = await behind.innerText();
    await behind.click();
    await page.waitForSelector('[data-testid=reasons] a');
    expect(page.url()).toMatch(/#\/units\/\d+$/);
    expect(await page.locator('main h1').innerText()).toBe(unit);
    await page.waitForSelector('[data-testid=trend-chart] canvas');
    await page.waitForSelector('[data-testid=behind-machines] tbody tr');
    await shot(page, '03-unit');

    await page.locator('[data-testid=reasons] a').first().click();
    await page.waitForSelector('[data-testid=machine-list] tbody tr');
    expect(page.url()).toMatch(/#\/machines\?.*code=/);
    expect(new Set(await texts('[data-testid=machine-list] tbody td:nth-child(2)'))).toEqual(new Set([unit]));
    await shot(page, '04-machines-by-reason');

    await page.locator('[data-testid=machine-list] tbody a').first().click();
    await page.waitForSelector('[data-testid=finding]');
    const failed = page.locator('[data-testid=finding].failed').first();
    await failed.locator('summary').click();
    const facts = await failed.locator('.facts li code').allInnerTexts();
    expect(facts.length).toBeGreaterThan(0);
    expect(facts[0]).toMatch(/ = /);
    await page.waitForSelector('[data-testid=timeline] li');
    await failed.scrollIntoViewIfNeeded();
    await shot(page, '05-machine-finding');
  });

  it('filters, sorts and searches the machine list on the server', async () => {
    await go('#/machines');
    await page.waitForSelector('[data-testid=machine-list] tbody tr');
    await page.fill('input[name=q]', 'QXCZJ');
    await page.press('input[name=q]', 'Enter');
    await page.waitForURL(/q=QXCZJ/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=machine-list] tbody td:first-child')].every((td) => td.textContent?.includes('QXCZJ')));
    expect((await texts('[data-testid=machine-list] tbody td:first-child')).length).toBeGreaterThan(0);

    await page.fill('input[name=q]', '');
    await page.press('input[name=q]', 'Enter');
    await page.selectOption('select[name=status]', 'unauthorized');
    await page.waitForURL(/status=unauthorized/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=machine-list] tbody .badge:first-child')].every((b) => b.textContent === '非正版'));

    // Whatever collation the server sorts by, the second click reverses the first.
    const hostnames = () => texts('[data-testid=machine-list] tbody td:first-child');
    await page.getByRole('button', { name: '计算机名' }).click();
    await page.waitForURL(/sort=hostname/);
    await page.waitForSelector('th[aria-sort=ascending]');
    const ascending = await hostnames();
    await page.getByRole('button', { name: /计算机名/ }).click();
    await page.waitForURL(/sort=-hostname/);
    await page.waitForSelector('th[aria-sort=descending]');
    await page.waitForFunction((first) => document.querySelector('[data-testid=machine-list] tbody td:first-child')?.textContent !== first, ascending[0]);
    expect(await hostnames()).toEqual([...ascending].reverse());
    elsewhere = new URL((await page.locator('[data-testid=machine-list] tbody a').first().getAttribute('href'))!.replace('#', ''), 'http://x').pathname.split('/').pop()!;
    await shot(page, '06-machines-filtered');
  });

  it('downloads a report in its formats', async () => {
    await go(`#/reports?unit=${encodeURIComponent('青溪县')}`);
    await page.waitForSelector('[data-testid=report-preview] table');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('button[data-format=xlsx]')]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');
    await shot(page, '07-reports');

    await page.selectOption('select[name=name]', 'notice');
    await page.waitForSelector('button[data-format=docx]');
    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('button[data-format=docx]')]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  });

  it('lets an admin set a user, showing the API’s own refusal of a bad value', async () => {
    await go(`#/machines/${elsewhere}`);
    const form = page.locator('[data-testid=labels-form]');
    await form.waitFor();
    await form.locator('input[name=user]').fill('名'.repeat(51));
    await form.locator('button[type=submit]').click();
    await form.locator('.error').waitFor();
    expect(await form.locator('.error').innerText()).toMatch(/E_\w+/);
    await shot(page, '08-machine-refused');
    await form.locator('input[name=user]').fill('测试用户');
    await form.locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.facts-list')?.textContent?.includes('测试用户'));
  });

  it('lets an admin move a machine to another unit, and shows the move', async () => {
    const current = await page.locator('.facts-list dd').first().innerText();
    const target = current === '青溪县审计局' ? '青溪县统计局' : '青溪县审计局';
    const form = page.locator('[data-testid=move-form]');
    await form.locator('select[name=unitId]').selectOption({ label: target });
    await form.locator('input[name=reason]').fill('调岗');
    await form.locator('button[type=submit]').click();
    // The machine may have moved before (the sample moves one): wait for this move, newest first.
    await page.locator('[data-testid=moves] li', { hasText: `${current} → ${target}` }).waitFor();
    expect(await page.locator('[data-testid=moves] li').first().innerText()).toContain(`${current} → ${target}`);
    expect(await page.locator('.facts-list dd').first().innerText()).toBe(target);
  });

  it('switches to English and keeps the choice', async () => {
    await go('');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForSelector('nav a:text-is("Overview")');
    await page.reload();
    await page.waitForSelector('[data-testid=unit-ranking] tbody tr');
    expect(await page.locator('.topbar nav a').first().innerText()).toBe('Overview');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot(page, '09-overview-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForSelector('nav a:text-is("总览")');
  });

  it('signs out: the session ends and the sign-in form is back', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForSelector('input[name=token]');
    await page.reload();
    await page.waitForSelector('input[name=token]');
  });

  it('shows a viewer its own town only', async () => {
    const viewerContext = await newContext(browser);
    const v = await viewerContext.newPage();
    const viewerProblems = watchProblems(v);
    try {
      await v.goto(`${collector.url}/`);
      await signIn(v, collector.viewer);
      expect(await v.locator('.topbar .role').innerText()).toContain(collector.viewerUnit);
      await v.waitForSelector('[data-testid=behind-machines] a');
      expect(await v.locator('[data-testid="totals.machines"] .figure').innerText()).toBe(String(await v.locator('[data-testid=behind-machines] a').count() + Number(await v.locator('[data-testid="totals.licensed"] .figure').innerText()) + Number(await v.locator('[data-testid="totals.notReporting"] .figure').innerText())));
      await shot(v, '10-viewer-overview');
      await v.goto(`${collector.url}/#/machines`);
      await v.waitForSelector('[data-testid=machine-list] tbody tr');
      expect(new Set(await v.locator('[data-testid=machine-list] tbody td:nth-child(2)').allInnerTexts())).toEqual(new Set([collector.viewerUnit]));
      await v.goto(`${collector.url}/#/machines/${elsewhere}`);
      await v.waitForSelector('main .error');
      expect(await v.locator('main .error').innerText()).toContain('E_NOT_FOUND');
      expect(viewerProblems).toEqual([]);
    } finally {
      await viewerContext.close();
    }
  });

  it('broke no CSP rule and threw nothing', () => {
    expect(problems).toEqual([]);
  });
});
