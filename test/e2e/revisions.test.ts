// Catalog revision approval: the sub-center drafts revision 2 (through the API), GIA and Finance read a
// readable diff and approve it in the browser, GIA publishes it, and the public sees what changed. A reviewer
// acting on a revision someone else changed meanwhile is told so (412) and sees it reloaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiClient } from './support/api.js';
import { launchBrowser, newContext } from './support/browser.js';
import { startE2EPlatform, type E2EPlatform } from './support/platform.js';
import { signIn } from './support/ui.js';

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
  it('is drafted and submitted by the sub-center', async () => {
    let res = await api.call('POST', '/api/catalog/revisions', { as: 'bdc', body: { title: '运城市政务云平台服务目录（2027年版）' } });
    expect(res.status).toBe(201);
    res = await api.call('GET', '/api/catalog/revisions/2', { as: 'bdc' });
    let etag = res.etag;
    const vm = res.body.offerings.find((o: { code: string }) => o.code === 'vm-general');
    const small = vm.plans.find((p: { code: string }) => p.code === 'vm-general-2c4g');
    const { code: _c, status: _s, ...rest } = small;
    res = await api.call('PUT', '/api/catalog/revisions/2/offerings/vm-general/plans/vm-general-2c4g', { as: 'bdc', ifMatch: etag, body: { ...rest, unitPrice: 1900 } });
    expect(res.status).toBe(200);
    etag = res.etag;
    const big = vm.plans.find((p: { code: string }) => p.code === 'vm-general-32c64g');
    const { code: _c2, status: _s2, ...bigRest } = big;
    res = await api.call('PUT', '/api/catalog/revisions/2/offerings/vm-general/plans/vm-general-32c64g', { as: 'bdc', ifMatch: etag, body: { ...bigRest, status: 'RETIRED' } });
    expect(res.status).toBe(200);
    etag = res.etag;
    res = await api.call('PUT', '/api/catalog/revisions/2/offerings/vm-general/plans/vm-general-64c128g', {
      as: 'bdc',
      ifMatch: etag,
      body: { name: '通用型云主机 64核128GB', nameEn: 'General VM 64 vCPU / 128 GiB', unit: '台·年', unitPrice: 57600, spec: { vcpu: 64, memoryGiB: 128, diskGiB: 100 }, xinchuang: { certified: false, cpuArch: 'x86_64' }, maxQuantity: 10 },
    });
    expect(res.status).toBe(200);
    res = await api.call('POST', '/api/catalog/revisions/2/submit', { as: 'bdc', ifMatch: res.etag, body: {} });
    expect(res.status).toBe(200);
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
    await expect.poll(() => page.getByText('该数据已被他人修改').count()).toBeGreaterThan(0);
    // reloaded: the current state is SUBMITTED again (a new round), and Finance can approve it now
    await page.getByTestId('revision-approve').click();
    await expect.poll(() => page.getByText('已同意该修订').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('is approved by GIA in the new round and published', async () => {
    const page = await reviewerPage('gia');
    await page.getByTestId('revision-approve').click();
    await expect.poll(() => page.getByText('已同意该修订').count()).toBeGreaterThan(0);
    await page.getByTestId('revision-publish').click();
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
