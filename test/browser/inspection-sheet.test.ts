import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECTION_VERSION, type InspectionRecord, type KitFile } from '@zhengban/shared';
import { judgeOnSite } from '../../collector/src/kit/judge-on-site.js';
import { inspectionSheet } from '../../collector/src/kit/sheet-html.js';
import { fixtureSnapshot, kitOf, NOW, world, type World } from '../kit/world.js';
import { ARTIFACTS, launch } from './browser.js';

// The kit's 计算机软件安装情况检查表 in Chromium, on screen and printed to PDF (rendered
// with pdftoppm): a typical PC fits one A4 page, a PC with a crack tool and four antivirus
// products runs over without losing the lines to sign. Screenshots go to artifacts/.

let w: World;
let kit: KitFile;
let browser: Browser;
let tmp: string;
beforeAll(async () => {
  w = await world();
  ({ kit } = await kitOf(w));
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), 'zb-sheet-'));
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await w?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function sheetOf(name: string): Promise<string> {
  const snapshot = await fixtureSnapshot(name);
  const record: InspectionRecord = {
    version: INSPECTION_VERSION, kitId: kit.kitId, inspectorId: kit.inspector.id, inspectedAt: NOW.toISOString(), unit: kit.unit,
    spotCheckId: '3', catalogVersion: kit.catalogVersion, rulesVersion: kit.rulesVersion, verdict: judgeOnSite(snapshot, kit, NOW), snapshot,
  };
  const file = join(tmp, `${name.replace('/', '-')}.html`);
  writeFileSync(file, inspectionSheet(record, kit));
  return file;
}

/** Opens the sheet, screenshots it, prints it; the PDF's pages as pdfinfo counts them, rendered to PNG. */
async function render(file: string, label: string): Promise<{ pages: number; size: string; overflow: boolean }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1200 }, locale: 'zh-CN' });
  try {
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: join(ARTIFACTS, `inspection-sheet-${label}-screen.png`), fullPage: true });
    const overflow = await page.evaluate(() => [...document.querySelectorAll('table')].some((t) => t.scrollWidth > t.parentElement!.clientWidth + 1));
    const pdf = join(tmp, `${label}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(ARTIFACTS, `inspection-sheet-${label}-print`)]);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), size: /^Page size:.*\((\w+)\)/m.exec(info)?.[1] ?? '', overflow };
  } finally {
    await page.close();
  }
}

describe('the inspection sheet in Chromium', () => {
  it.each([
    ['windows/win10-ent-mak-esu-addons', 'windows-typical'],
    ['windows/office2019-retail-c2r-x86', 'windows-office-retail'],
    ['linux-cases/uos-20-pro-authorised', 'uos'],
    ['linux-cases/kylin-v10-sp1-activated', 'kylin'],
  ])('%s prints on one A4 page', async (name, label) => {
    expect(await render(await sheetOf(name), label)).toEqual({ pages: 1, size: 'A4', overflow: false });
  }, 60_000);

  it('a PC with a crack tool and four antivirus products runs over, the signing lines kept with the notes', async () => {
    const file = await sheetOf('windows/two-antivirus-360-huorong');
    const r = await render(file, 'heavy');
    expect(r).toMatchObject({ size: 'A4', overflow: false });
    expect(r.pages).toBeLessThanOrEqual(2);
  }, 60_000);
});
