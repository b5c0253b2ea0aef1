// The GIA reviewer judges a project in its context, in the browser: the department's previous projects beside it,
// standard phrases a click away in each Art. 8 dimension, and the half-written review kept as a draft on the server
// that comes back after a reload and is gone once the review is decided. The screenshot is kept as an artefact.
import { describe, expect, it } from 'vitest';
import { projectIn } from '../support/project-factories.js';
import { BASICS } from '../support/projects.js';
import { uniqueTag } from '../support/scene.js';
import { keepScreenshot } from './support/artifacts.js';
import { useBrowserScene } from './support/scene.js';
import { confirmDecision } from './support/ui.js';

const scene = useBrowserScene();
const DIMENSIONS = ['need', 'intensiveness', 'feasibility', 'budget', 'performance'];

describe('the context for judging a project', { timeout: 120_000 }, () => {
  it("the reviewer sees the department's record, drafts with standard phrases, finds the draft after a reload, decides", async () => {
    // the county's organisation, used by this test alone: its record is exactly what is arranged here; the county's own
    // approval bureau reviews it
    const named = (what: string) => ({ user: 'county', overrides: { name: `${BASICS.name}·${what}·${uniqueTag()}` } });
    const established = await projectIn(scene.api, 'ESTABLISHED', named('已立项'));
    const rejected = await projectIn(scene.api, 'REJECTED', named('不予批准'));
    const judged = await projectIn(scene.api, 'GIA_REVIEW', named('待审'));

    const page = await scene.as('county-gia');
    await page.goto(`/review/projects/${judged.id}`);

    // the department's previous projects: the counts, each with its state, budget and a link to its page
    const history = page.getByTestId('org-history');
    await history.waitFor();
    expect(await page.getByTestId('org-history-summary').innerText()).toBe('盐湖区另有 2 个已申报项目：已立项 1 个，曾退回修改 0 个，不予批准 1 个。');
    const establishedRow = history.locator('tr', { hasText: established.body.name });
    expect(await establishedRow.innerText()).toContain('已立项');
    expect(await establishedRow.innerText()).toContain('¥750,000');
    expect(await history.locator('tr', { hasText: rejected.body.name }).innerText()).toContain('不予批准');
    expect(await history.getByRole('link', { name: established.body.name }).getAttribute('href')).toBe(`/review/projects/${established.id}`);

    // a standard phrase goes into the dimension's comment, and the reviewer writes on after it
    const need = page.getByTestId('dimension-need');
    await need.getByText('符合', { exact: true }).click();
    await need.getByTestId('phrases-need').getByRole('button', { name: '建设需求明确，依据充分。' }).click();
    const needComment = need.getByLabel('说明');
    expect(await needComment.inputValue()).toBe('建设需求明确，依据充分。');
    await needComment.press('End');
    await needComment.pressSequentially('与学籍业务相符。');
    await page.getByLabel('综合意见').fill('原则同意，待补充材料。');
    await expect.poll(() => page.getByTestId('draft-status').innerText().catch(() => '')).toMatch(/^草稿已保存 \d{2}:\d{2}$/);
    await keepScreenshot(page, 'gia-review-context');

    // back later: the draft is where it was left
    await page.reload();
    await need.getByLabel('说明').waitFor();
    await expect.poll(() => need.getByLabel('说明').inputValue()).toBe('建设需求明确，依据充分。与学籍业务相符。');
    expect(await page.getByLabel('综合意见').inputValue()).toBe('原则同意，待补充材料。');
    expect(await need.getByRole('radio', { name: '符合', exact: true }).isChecked()).toBe(true);
    expect(await page.getByTestId('draft-status').innerText()).toMatch(/^草稿已保存 \d{2}:\d{2}$/);

    // the rest of the review, then the decision
    for (const d of DIMENSIONS.slice(1)) {
      const card = page.getByTestId(`dimension-${d}`);
      await card.getByText('符合', { exact: true }).click();
      await card.getByTestId(`phrases-${d}`).getByRole('button').first().click();
    }
    await page.getByTestId('review-approve').click();
    // a county's project: its own bureaus decide it (Art. 39)
    await confirmDecision(page, '项目将转县（市、区）财政局进行预算评审');
    await page.getByText('财政预算评审中').first().waitFor();

    // the decision took the draft with it
    const rows = await scene.t.platform.db.prisma.reviewDraft.count({ where: { projectId: judged.id } });
    expect(rows).toBe(0);
    const review = await reviewOf(judged.id);
    expect(review.dimensions.need.comment).toBe('建设需求明确，依据充分。与学籍业务相符。');
    expect(review.comment).toBe('原则同意，待补充材料。');
    await page.context().close();
  });
});

async function reviewOf(id: string) {
  const res = await scene.api.call('GET', `/api/projects/${id}`, { as: 'auditor' });
  return (res.body.reviews as { stage: string; comment: string; dimensions: Record<string, { comment: string }> }[]).find((r) => r.stage === 'GIA_REVIEW')!;
}
