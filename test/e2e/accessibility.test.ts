// Accessibility of the console's main pages, checked by axe-core (WCAG 2.0/2.1 A and AA rules) in Chromium, for
// each role's pages as that role sees them: no serious or critical violation. A failure lists each rule, how
// many elements break it and one of them, so it can be found and fixed (support/axe.ts). The print views of the
// official records, which need a record to show, are checked in print-views.test.ts.
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { newContext } from './support/browser.js';
import { useBrowserScene } from './support/scene.js';
import { signIn, watchNetwork } from './support/ui.js';

const scene = useBrowserScene();

/** [who (null: not signed in), path, what shows once the page has loaded] */
const PAGES: [string | null, string, string][] = [
  [null, '/signin', 'form'],
  [null, '/catalog', '[data-testid^="offering-"]'],
  [null, '/notices', 'main'],
  [null, '/board', '[data-testid="board"]'],
  ['dept', '/portal/projects', 'main'],
  ['dept', '/portal/projects/new', 'form'],
  ['dept', '/migration/systems', '[data-testid="import-panel"]'],
  ['gia', '/review/queue', 'main'],
  ['gia', '/review/deadlines', 'main'],
  ['finance', '/review/revisions', 'main'],
  ['bdc', '/operator/requests', 'main'],
  ['bdc', '/operator/projects', 'main'],
  ['bdc', '/survey/campaigns', '[data-testid="survey-campaigns"]'],
  ['dept', '/survey/responses', '[data-testid="survey-my-responses"]'],
  ['auditor', '/audit', 'main'],
  ['admin', '/admin/orgs', 'main'],
  ['secadmin', '/admin/users', 'main'],
  ['gia', '/todo', 'main'],
  ['dept', '/notifications', 'main'],
  ['admin', '/admin/deliveries', 'main'],
  ['dept', '/me/notifications', '[data-testid="notification-settings"]'],
];

describe('accessibility (axe-core, WCAG 2.1 A/AA)', { timeout: 60_000 }, () => {
  for (const [who, path, ready] of PAGES) {
    it(`${path}${who ? ` as ${who}` : ''} has no serious or critical violation`, async () => {
      const page = await (await newContext(scene.browser, scene.t.url)).newPage();
      const quiet = watchNetwork(page);
      if (who) await signIn(page, who);
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await quiet();
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }
});
