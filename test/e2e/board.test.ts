// The migration board in the browser: the public view needs no sign-in and changes by itself when a department
// registers systems (it refreshes on a timer); GIA gets the full view with the systems outside the city cloud.
import { describe, expect, it } from 'vitest';
import { apiClient } from './support/api.js';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { signIn } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

const scene = useBrowserScene();

const CONTACT = { name: '联系人甲', phone: '13912345678' };

async function register(name: string, hosting: string, owner = 'dept') {
  const res = await apiClient(scene.t.url).call('POST', '/api/migration/systems', {
    as: owner,
    body: { name, hosting, purpose: `${name}业务`, contacts: [CONTACT], ...(hosting === 'INDUSTRY_CLOUD' ? { location: '省教育厅行业云' } : {}) },
  });
  if (res.status !== 201) throw new Error(`register ${name}: ${res.status} ${JSON.stringify(res.body)}`);
}

const kpi = async (page: import('playwright-core').Page, id: string) => Number((await page.getByTestId(id).locator('.zy-kpi-value').innerText()).replace(/,/g, ''));

describe('migration board', { timeout: 90_000 }, () => {
  it('shows the public view without sign-in, with its charts, and refreshes itself', async () => {
    await register('学籍管理系统', 'OWN_ROOM');
    const page = await (await newContext(scene.browser, scene.t.url)).newPage();
    await page.goto('/board?refresh=2');
    await page.getByTestId('board').waitFor();
    expect(await page.getByTestId('board').getAttribute('data-view')).toBe('public');
    await expect.poll(() => kpi(page, 'kpi-systems')).toBe(1);
    expect(await kpi(page, 'kpi-outside')).toBe(1);
    for (const chart of ['status', 'curve', 'department', 'county', 'wave', 'strategy', 'hosting']) {
      await page.getByTestId(`chart-${chart}`).locator('canvas').first().waitFor();
    }
    expect(await page.getByTestId('outside-systems').count()).toBe(0);

    // another department registers two systems meanwhile: the wall changes without anyone touching it
    await register('校园安防系统', 'INDUSTRY_CLOUD');
    await register('招生报名系统', 'CITY_CLOUD', 'county');
    await expect.poll(() => kpi(page, 'kpi-systems'), { timeout: 15_000 }).toBe(3);
    expect(await kpi(page, 'kpi-outside')).toBe(2);
    expect(await kpi(page, 'kpi-city-cloud')).toBe(1);
    // the breakdowns as tables, each with its total line (the register's total), and no industry clouds by name
    const kinds = page.getByTestId('breakdown-org-kind');
    await expect.poll(() => kinds.getByRole('row', { name: /市直部门/ }).innerText()).toMatch(/市直部门\s+\d+\s+2\b/);
    expect(await page.getByTestId('breakdown-org-kind-total').innerText()).toMatch(/合计\s+3\b/);
    expect(await page.getByTestId('breakdown-jurisdiction').getByRole('row', { name: /市本级/ }).innerText()).toMatch(/市本级\s+\d+\s+2\b/);
    expect(await page.getByTestId('breakdown-organisation').innerText()).toContain('运城市财政局');
    expect(await page.getByTestId('breakdown-industry-cloud').count()).toBe(0);
    await keepScreenshot(page, 'board');
    await page.context().close();
  });

  it('gives GIA the full view with the systems still outside the city cloud', async () => {
    const page = await (await newContext(scene.browser, scene.t.url)).newPage();
    await signIn(page, 'gia');
    await page.getByTestId('board-link').click();
    await page.waitForURL('**/board');
    expect(await page.getByTestId('board').getAttribute('data-view')).toBe('full');
    const outside = page.getByTestId('outside-systems');
    await outside.waitFor();
    const text = await outside.innerText();
    expect(text).toContain('学籍管理系统');
    expect(text).toContain('省教育厅行业云');
    expect(text).not.toContain('招生报名系统');
    const clouds = await page.getByTestId('breakdown-industry-cloud').innerText();
    expect(clouds).toContain('省教育厅行业云');
    expect(clouds).toContain('不在行业云上的系统');
    // find an organisation: the table narrows and its total line goes (it would no longer be the rows' sum)
    await page.getByTestId('breakdown-org-search').locator('input').fill('财政局');
    await expect.poll(() => page.getByTestId('breakdown-organisation').locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await page.getByTestId('breakdown-organisation-total').count()).toBe(0);
    // the public view is one click away, as the wall display shows it
    await page.getByText('公开视图', { exact: true }).click();
    await expect.poll(() => page.getByTestId('board').getAttribute('data-view')).toBe('public');
    // the board re-renders after the view switch: wait for the table to go rather than read it once
    await expect.poll(() => page.getByTestId('outside-systems').count()).toBe(0);
    await page.context().close();
  });
});
