import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, newContext, shot, signIn, watchProblems } from './browser.js';
import { openSamplePage, type SamplePage } from './sample-page.js';

// An admin's writes from the dashboard's pages, in a real Chromium against a real
// collector holding the sample county: units, their responsible persons, licences and
// their events, the deny list. Each write is checked on the page after it (the page
// loads again what it shows), each refusal shows the API's own message, and a viewer
// sees no control. The tests run in order and share a page; screenshots at 1366x768
// go to test/browser/artifacts/.

/** How the page words a write's re-judge summary (i18n `rejudged`). */
const REJUDGED = /已重新判定 \d+ 台计算机，\d+ 台结论有变化/;
const NEW_UNIT = '青溪县数据局';
const RENAMED = '青溪县数据资源局';

describe('admin writes in Chromium', () => {
  let sample: SamplePage;
  let page: Page;

  beforeAll(async () => {
    sample = await openSamplePage('zhengban-browser-writes-');
    page = sample.page;
    await page.goto(`${sample.collector.url}/`);
    await signIn(page, sample.collector.admin);
  });
  afterAll(() => sample?.close());

  const go = (hash: string) => page.goto(`${sample.collector.url}/${hash}`);
  /** The units the session sees, read through its cookie as the page reads them. */
  const units = () => page.evaluate(async () => ((await (await fetch('/api/v1/units')).json()) as { units: { id: number; name: string; parentId: number | null }[] }).units);
  const unitId = async (name: string) => {
    const unit = (await units()).find((u) => u.name === name);
    if (!unit) throw new Error(`no unit ${name}`);
    return unit.id;
  };
  const notice = (scope: Locator | Page = page) => scope.locator('[data-testid=notice]');
  /** Deletes from a row or a card: the first click asks, the second sends. */
  const confirmDelete = async (scope: Locator) => {
    await scope.getByRole('button', { name: '删除', exact: true }).click();
    await scope.getByRole('button', { name: '确定删除' }).click();
  };

  it('creates a unit under the county and opens its page', async () => {
    await go('#/units');
    await page.getByRole('button', { name: '新建单位' }).click();
    const form = page.locator('[data-testid=unit-form]');
    await form.locator('input[name=name]').fill(NEW_UNIT);
    await chooseOption(form.locator('select[name=parentId]'), '青溪县');
    await form.locator('select[name=sector]').selectOption('organ');
    await form.locator('input[name=code]').fill('11990122MB0000001X');
    await form.locator('input[name=headcount]').fill('12');
    await shot(page, '11-unit-new');
    await form.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/#\/units\/\d+$/);
    await page.locator('main h1', { hasText: NEW_UNIT }).waitFor();
    expect(await page.locator('.crumbs').innerText()).toContain('青溪县');
    const created = (await units()).find((u) => u.name === NEW_UNIT);
    expect(created?.parentId).toBe(await unitId('青溪县'));
  });

  it('edits the unit: a new parent re-judges the machines, and the page shows the summary', async () => {
    const admin = page.locator('[data-testid=unit-admin]');
    const form = admin.locator('[data-testid=unit-form]');
    expect(await form.locator('input[name=headcount]').inputValue()).toBe('12');
    await form.locator('input[name=name]').fill(RENAMED);
    await form.locator('input[name=headcount]').fill('15');
    await chooseOption(form.locator('select[name=parentId]'), '云州市');
    await form.getByRole('button', { name: '保存' }).click();
    const saved = form.locator('.ok');
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(new RegExp(`^已保存单位。${REJUDGED.source}`));
    await page.locator('main h1', { hasText: RENAMED }).waitFor();
    expect(await page.locator('.crumbs').innerText()).toContain('云州市');
    expect(await page.locator('.crumbs').innerText()).not.toContain('青溪县');
    expect(await form.locator('input[name=headcount]').inputValue()).toBe('15');
    await admin.scrollIntoViewIfNeeded();
    await shot(page, '12-unit-edited');
  });

  it('adds a responsible person (a phone with letters is refused in the API’s words), edits and removes them', async () => {
    const people = page.locator('[data-testid=people]');
    const form = people.locator('[data-testid=person-form]');
    await form.locator('select[name=role]').selectOption('contact');
    await form.locator('input[name=name]').fill('王晓明');
    await form.locator('input[name=title]').fill('科员');
    await form.locator('input[name=phone]').fill('0571-8888abcd');
    await form.getByRole('button', { name: '添加责任人' }).click();
    await form.locator('.error').waitFor();
    expect(await form.locator('.error').innerText()).toMatch(/phone.*E_SCHEMA/s);
    await people.scrollIntoViewIfNeeded();
    await shot(page, '13-person-refused');

    await form.locator('input[name=phone]').fill('0571-88881234');
    await form.getByRole('button', { name: '添加责任人' }).click();
    const row = people.locator('tbody tr', { hasText: '王晓明' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/联络员\s+王晓明\s+科员\s+0571-88881234/);
    expect(await notice(people).innerText()).toBe('已添加责任人。');
    // The add form starts empty again.
    expect(await people.locator('[data-testid=person-form] input[name=name]').inputValue()).toBe('');

    await row.getByRole('button', { name: '编辑' }).click();
    await people.locator('h3', { hasText: '编辑责任人：王晓明' }).waitFor();
    const edit = people.locator('[data-testid=person-form]');
    expect(await edit.locator('input[name=phone]').inputValue()).toBe('0571-88881234');
    await edit.locator('input[name=title]').fill('办公室副主任');
    await edit.locator('input[name=phone]').fill('138 0000 1111');
    await edit.getByRole('button', { name: '保存' }).click();
    await people.locator('tbody tr', { hasText: '138 0000 1111' }).waitFor();
    expect(await row.innerText()).toContain('办公室副主任');

    await confirmDelete(row);
    await people.getByText('尚未填报责任人。').waitFor();
    expect(await notice(people).innerText()).toBe('已删除责任人。');
  });

  it('refuses to delete a unit that machines belong to, in the API’s words; deletes the new one', async () => {
    await go(`#/units/${await unitId('青溪县审计局')}`);
    const admin = page.locator('[data-testid=unit-admin]');
    await admin.waitFor();
    await confirmDelete(admin);
    await admin.locator('.error').waitFor();
    expect(await admin.locator('.error').innerText()).toContain('E_IN_USE');
    expect(page.url()).toMatch(/#\/units\/\d+$/);
    await admin.scrollIntoViewIfNeeded();
    await shot(page, '14-unit-delete-refused');

    const parent = await unitId('云州市');
    await go(`#/units/${await unitId(RENAMED)}`);
    await page.locator('main h1', { hasText: RENAMED }).waitFor();
    await confirmDelete(page.locator('[data-testid=unit-admin]'));
    await page.waitForURL(new RegExp(`#/units/${parent}$`));
    await page.locator('main h1', { hasText: '云州市' }).waitFor();
    expect((await units()).some((u) => u.name === RENAMED)).toBe(false);
  });

  it('records a licence (negative seats refused in the API’s words), shows it with its re-judge summary, records a renewal, corrects and deletes it', async () => {
    await go('#/licences');
    await page.getByRole('button', { name: '登记授权' }).click();
    const form = page.locator('[data-testid=licence-form]');
    await form.waitFor();
    await form.locator('select[name=productId]').selectOption('wps-office');
    await form.locator('select[name=edition]').selectOption('professional');
    await form.locator('select[name=model]').selectOption('subscription');
    await form.locator('input[name=seats]').fill('-5');
    await chooseOption(form.locator('select[name=unitId]'), '青溪县审计局');
    await form.locator('input[name=validFrom]').fill('2026-01-01');
    await form.locator('input[name=validUntil]').fill('2026-12-31');
    await form.locator('input[name=vendor]').fill('北京金山办公软件股份有限公司');
    await form.locator('input[name=purchaseOrder]').fill('QXCG-2026-0099');
    await form.locator('input[name=price]').fill('1500.50');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await form.locator('.error').waitFor();
    expect(await form.locator('.error').innerText()).toMatch(/seats.*E_SCHEMA/s);
    await shot(page, '15-licence-refused');

    await form.locator('input[name=seats]').fill('5');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await notice().waitFor();
    expect(await notice().innerText()).toMatch(new RegExp(`^已登记授权。${REJUDGED.source}`));
    await form.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=licences] tbody tr', { hasText: '青溪县审计局' }).filter({ hasText: 'WPS Office' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/订阅[\s\S]*已用 \d+ \/ 5[\s\S]*2026-12-31/);
    await shot(page, '16-licence-recorded');

    await row.getByRole('button', { name: '记录事件' }).click();
    const event = page.locator('[data-testid=event-form]');
    await event.waitFor();
    expect(await page.locator('[data-testid=licence-admin] h2').innerText()).toContain('WPS Office');
    await event.locator('select[name=kind]').selectOption('renewal');
    await event.locator('input[name=date]').fill('2026-11-20');
    await event.locator('input[name=validUntil]').fill('2027-12-31');
    await shot(page, '17-licence-renewal');
    await event.getByRole('button', { name: '记录', exact: true }).click();
    await row.getByText('2027-12-31').waitFor();
    expect(await notice().innerText()).toMatch(new RegExp(`^已记录事件。${REJUDGED.source}`));

    await row.getByRole('button', { name: '编辑' }).click();
    const edit = page.locator('[data-testid=licence-form]');
    expect(await edit.locator('input[name=purchaseOrder]').inputValue()).toBe('QXCG-2026-0099');
    await edit.locator('input[name=seats]').fill('8');
    await edit.getByRole('button', { name: '保存' }).click();
    await row.getByText(/已用 \d+ \/ 8/).waitFor();

    await confirmDelete(row);
    await row.waitFor({ state: 'detached' });
    expect(await notice().innerText()).toMatch(new RegExp(`^已删除授权。${REJUDGED.source}`));
  });

  it('adds a deny entry (a broken pattern refused in the API’s words) and removes it', async () => {
    await go('#/licences?tab=lists');
    const form = page.locator('[data-testid=list-form]');
    await form.waitFor();
    await form.locator('select[name=list]').selectOption('deny');
    await form.locator('input[name=name]').fill('^Test Forbidden Tool(');
    await form.locator('input[name=reason]').fill('测试：禁止安装');
    await form.getByRole('button', { name: '添加', exact: true }).click();
    await form.locator('.error').waitFor();
    expect(await form.locator('.error').innerText()).toMatch(/regular expression.*E_\w+/s);

    await form.locator('input[name=name]').fill('^Test Forbidden Tool$');
    await form.getByRole('button', { name: '添加', exact: true }).click();
    const row = page.locator('[data-testid=lists] tbody tr', { hasText: '^Test Forbidden Tool$' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/禁用[\s\S]*所有单位[\s\S]*测试：禁止安装/);
    expect(await notice().innerText()).toMatch(new RegExp(`^已添加名单条目。${REJUDGED.source}`));
    await shot(page, '18-lists');

    await confirmDelete(row);
    await row.waitFor({ state: 'detached' });
    expect(await notice().innerText()).toMatch(new RegExp(`^已删除名单条目。${REJUDGED.source}`));
  });

  it('words the forms in English after the switch', async () => {
    await go('#/licences');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Record a licence' }).click();
    const form = page.locator('[data-testid=licence-form]');
    await form.waitFor();
    expect(await form.locator('label').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Seats/), expect.stringMatching(/^Purchase order/)]));
    expect(await page.locator('[data-testid=licences] thead').innerText()).toContain('Actions');
    await shot(page, '19-licence-form-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '登记', exact: true }).waitFor();
  });

  it('shows a viewer no write control', async () => {
    const viewerContext = await newContext(sample.browser);
    const v = await viewerContext.newPage();
    const viewerProblems = watchProblems(v);
    const noControls = async () => {
      for (const selector of ['form.admin-form', '.row-actions', '[data-testid=unit-admin]', '.confirm']) expect(await v.locator(selector).count(), selector).toBe(0);
    };
    try {
      await v.goto(`${sample.collector.url}/`);
      await signIn(v, sample.collector.viewer);
      await v.goto(`${sample.collector.url}/#/units`);
      await v.locator('main table.report').waitFor();
      expect(await v.getByRole('button', { name: '新建单位' }).count()).toBe(0);
      await noControls();

      await v.locator('main table.report a', { hasText: sample.collector.viewerUnit }).first().click();
      await v.locator('[data-testid=people] tbody tr').first().waitFor();
      await noControls();
      await shot(v, '20-viewer-unit');

      await v.goto(`${sample.collector.url}/#/licences`);
      await v.locator('[data-testid=licences]').waitFor();
      expect(await v.getByRole('button', { name: '登记授权' }).count()).toBe(0);
      await noControls();
      await v.goto(`${sample.collector.url}/#/licences?tab=lists`);
      await v.locator('[data-testid=lists]').waitFor();
      await noControls();
      expect(viewerProblems).toEqual([]);
    } finally {
      await viewerContext.close();
    }
  });

  it('broke no CSP rule and threw nothing', () => {
    expect(sample.problems).toEqual([]);
  });
});
