// Catalog revisions: the sub-center drafts revision 2 in the browser, GIA and Finance read a
// readable diff and approve it in the browser, GIA publishes it, and the public sees what changed. A reviewer
// acting on a revision someone else changed meanwhile is told so (412) and sees it reloaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { confirmDecision, signIn } from './support/ui.js';
import { keepScreenshot } from './support/artifacts.js';

let t: E2EPlatform;
let browser: Browser;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startE2EPlatform();
  api = apiClient(t.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function reviewerPage(username: string): Promise<Page> {
  const page = await (await newContext(browser, t.url)).newPage();
  await signIn(page, username);
  await page.goto('/review/revisions/2');
  await page.getByTestId('revision-diff').waitFor();
  return page;
}

describe('a catalog revision, from draft to published', { timeout: 60_000 }, () => {
  it('is drafted and submitted by the sub-center in the browser', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await signIn(page, 'bdc');
    await page.goto('/review/revisions');
    await page.getByTestId('new-draft').click();
    await page.getByLabel('修订标题').fill('运城市政务云平台服务目录（2027年版）');
    await page.getByTestId('draft-create').click();
    await page.waitForURL('**/review/revisions/2');
    const editor = page.getByTestId('draft-editor');
    await editor.waitFor();
    // only one revision may be open: no second draft offered
    expect(await page.getByTestId('new-draft').count()).toBe(0);

    // 29 offerings: the search narrows the list
    await page.getByLabel('按编码或名称查找服务').fill('通用型云主机');
    await expect.poll(() => page.getByTestId('draft-offerings').locator('tr[data-row-key="rds-postgresql"]').count()).toBe(0);
    const vmRow = page.getByTestId('draft-offerings').locator('tr[data-row-key="vm-general"]');
    await vmRow.locator('.ant-table-row-expand-icon').click();
    const saved = async () => {
      await page.getByTestId('drafting-save').click();
      await page.getByText('草案已保存').last().waitFor();
      await page.getByTestId('drafting-save').waitFor({ state: 'detached' });
    };

    // a price change
    await page.getByTestId('edit-plan-vm-general-2c4g').click();
    await page.getByLabel('年单价（元）').fill('1900');
    await saved();

    // a plan retired
    await page.getByTestId('retire-plan-vm-general-32c64g').click();
    await page.getByTestId('retire-confirm').click();
    await page.locator('tr[data-row-key="vm-general-32c64g"]').getByText('已下架').waitFor();

    // a plan added: a code already in the draft is refused in the form, before the server is asked
    await page.getByTestId('add-plan-vm-general').click();
    await page.getByLabel('编码', { exact: true }).fill('vm-general-2c4g');
    await page.getByLabel('名称', { exact: true }).fill('通用型云主机 64核128GB');
    await page.getByTestId('drafting-save').click();
    await page.getByText('该编码已存在').waitFor();
    await page.getByLabel('编码', { exact: true }).fill('vm-general-64c128g');
    await page.getByLabel('英文名称').fill('General VM 64 vCPU / 128 GiB');
    await page.getByLabel('计量单位').fill('台·年');
    await page.getByLabel('年单价（元）').fill('57600');
    await page.getByLabel('单个项目最多数量').fill('10');
    await page.getByLabel('vCPU（核）').fill('64');
    await page.getByLabel('内存（GiB）').fill('128');
    await page.getByLabel('系统盘（GiB）').fill('100');
    await saved();
    await page.locator('tr[data-row-key="vm-general-64c128g"]').getByText('本次新增').waitFor();

    // the diff below follows every change
    const diff = page.getByTestId('revision-diff');
    await expect.poll(() => diff.innerText()).toContain('通用型云主机 64核128GB');
    expect(await diff.innerText()).toContain('¥1,900');

    await keepScreenshot(page, 'drafting');
    await page.getByTestId('revision-submit').click();
    await page.getByTestId('submit-confirm').click();
    await page.getByText('已提交审批').first().waitFor();
    await expect.poll(() => page.getByTestId('draft-editor').count()).toBe(0);
    await page.context().close();

    // what the browser saved is what the server holds
    const res = await api.call('GET', '/api/catalog/revisions/2', { as: 'bdc' });
    expect(res.body.revision.status).toBe('SUBMITTED');
    const plans = res.body.offerings.find((o: { code: string }) => o.code === 'vm-general').plans;
    const plan = (code: string) => plans.find((p: { code: string }) => p.code === code);
    expect(plan('vm-general-2c4g').unitPrice).toBe(1900);
    expect(plan('vm-general-32c64g').status).toBe('RETIRED');
    expect(plan('vm-general-64c128g')).toMatchObject({ unit: '台·年', unitPrice: 57600, maxQuantity: 10, spec: { vcpu: 64, memoryGiB: 128, diskGiB: 100 }, xinchuang: { certified: false } });
  });

  it('shows GIA a readable diff, and GIA approves', async () => {
    const page = await reviewerPage('gia');
    const diff = await page.getByTestId('revision-diff').innerText();
    expect(diff).toContain('新增');
    expect(diff).toContain('通用型云主机 64核128GB');
    expect(diff).toContain('下架');
    expect(diff).toContain('vm-general-32c64g');
    expect(diff).toContain('年单价');
    expect(diff).toContain('¥1,800');
    expect(diff).toContain('¥1,900');
    await page.getByTestId('revision-approve').click();
    await confirmDecision(page);
    await expect.poll(() => page.getByText('已同意该修订').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('tells Finance when someone else changed the revision meanwhile, reloads, then Finance approves', async () => {
    const page = await reviewerPage('finance');
    // after this page read the revision, it changes elsewhere: returned (by a colleague, through the API) and
    // resubmitted by the sub-center
    const res = await api.call('GET', '/api/catalog/revisions/2', { as: 'finance' });
    const other = await api.call('POST', '/api/catalog/revisions/2/return', { as: 'finance', ifMatch: res.etag, body: { comment: '请补充说明' } });
    expect(other.status).toBe(200);
    const draft = await api.call('GET', '/api/catalog/revisions/2', { as: 'bdc' });
    const resubmitted = await api.call('POST', '/api/catalog/revisions/2/submit', { as: 'bdc', ifMatch: draft.etag, body: {} });
    expect(resubmitted.status).toBe(200);
    await page.getByTestId('revision-approve').click();
    await confirmDecision(page);
    await expect.poll(() => page.getByText('该数据已被他人修改').count()).toBeGreaterThan(0);
    // reloaded: the current state is SUBMITTED again (a new round), and Finance can approve it now
    await page.getByTestId('revision-approve').click();
    await confirmDecision(page);
    await expect.poll(() => page.getByText('已同意该修订').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('is approved by GIA in the new round and published', async () => {
    const page = await reviewerPage('gia');
    await page.getByTestId('revision-approve').click();
    await confirmDecision(page);
    await expect.poll(() => page.getByText('已同意该修订').count()).toBeGreaterThan(0);
    await page.getByTestId('revision-publish').click();
    await confirmDecision(page, '发布后成为现行服务目录');
    await expect.poll(() => page.getByText('新版服务目录已发布').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('shows the public what changed in revision 2', async () => {
    const page = await (await newContext(browser, t.url)).newPage();
    await page.goto('/catalog/revisions');
    const diff = page.getByTestId('revision-diff');
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toContain('第2版相对第1版');
    expect(text).toContain('¥1,900');
    await page.goto('/catalog');
    await page.getByTestId('offering-vm-general').waitFor();
    const vm = await page.getByTestId('offering-vm-general').innerText();
    expect(vm).toContain('¥1,900');
    expect(vm).not.toContain('vm-general-32c64g');
    expect(vm).toContain('vm-general-64c128g');
    await page.context().close();
  });
});
