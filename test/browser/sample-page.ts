import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, newContext, watchProblems } from './browser.js';
import { buildSample, startCollector, type Collector } from './collector.js';

/** The sample county served by a real collector, and a fresh Chromium page to look at it with. */
export interface SamplePage {
  collector: Collector;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The page's uncaught errors and console errors (CSP violations among them). */
  problems: string[];
  close(): Promise<void>;
}

/** Builds the sample in a fresh temporary folder (named from `prefix`), serves it and opens a page; `close` undoes it all. */
export async function openSamplePage(prefix: string): Promise<SamplePage> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const collector = await startCollector(buildSample(dir));
  const browser = await launch();
  const context = await newContext(browser);
  const page = await context.newPage();
  return {
    collector,
    browser,
    context,
    page,
    problems: watchProblems(page),
    async close() {
      await browser.close();
      await collector.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
