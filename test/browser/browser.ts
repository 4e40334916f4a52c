import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

// Debian's chromium driven by playwright-core: never a browser download. The page sees
// the offices' setting: 1366x768, Chinese, China time.

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A fresh browser profile (no cookie, no stored language). */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
}

/**
 * What went wrong in the page that no assertion looks at: uncaught errors and console
 * errors, CSP violations among them. A 4xx is the app's own business (it shows the message).
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Signs in on the sign-in form with an API token and waits for the dashboard's frame. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.fill('input[name=token]', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('.topbar');
}

/** Chooses the option whose words are `label`, whatever its indent (units are indented by depth). */
export async function chooseOption(select: Locator, label: string): Promise<void> {
  const value = await select.locator('option').evaluateAll((options, wanted) => (options as HTMLOptionElement[]).find((o) => o.text.trim() === wanted)?.value, label);
  if (value === undefined) throw new Error(`no option ${label}`);
  await select.selectOption(value);
}
