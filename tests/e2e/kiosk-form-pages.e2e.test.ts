import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dateBounds, todayIso } from '../../contract/src/catalogue/field-check.ts';
import { loadDemoDataset } from '../../booth-server/src/data-sharing/demo-dataset.ts';
import type { Lang } from '../../kiosk/ui/src/flow/flow-state.ts';
import { ARTIFACTS, browserSkipReason } from './support/browser.ts';
import {
  answerField,
  expectWiped,
  KIOSK_VIEWPORT,
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';

const skip = browserSkipReason();

const RETIREE_ID = '339903196501180311';
const dataset = await loadDemoDataset();
const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP003' && s.person === RETIREE_ID);
if (!scenario) throw new Error('the demo dataset has no 退休一件事 scenario for 陈建国');
const typed = scenario.typed as Record<string, string | number | boolean>;

interface Variant {
  name: string;
  lang: Lang;
  elder: boolean;
}
const VARIANTS: Variant[] = [
  { name: 'zh', lang: 'zh-CN', elder: false },
  { name: 'en', lang: 'en', elder: false },
  { name: 'elder', lang: 'zh-CN', elder: true },
];

/** What the citizen sees at 1080×1920 (not the full page): the primary action must be in it. */
async function viewShot(page: Page, suite: string, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/**
 * The page's height, and where its primary button is: in view without scrolling, above the
 * navigation bar, and in the lower two-thirds of the screen (within reach of a seated user).
 */
async function primaryPlacement(page: Page) {
  return page.evaluate(() => {
    window.scrollTo(0, 0);
    const button = document.querySelector('main .screen-actions .btn-primary');
    const nav = document.querySelector('.nav-bar');
    const b = button?.getBoundingClientRect();
    return {
      height: document.documentElement.scrollHeight,
      top: b ? Math.round(b.top) : -1,
      bottom: b ? Math.round(b.bottom) : -1,
      navTop: nav ? Math.round(nav.getBoundingClientRect().top) : window.innerHeight,
    };
  });
}

function expectWithinReach(where: string, p: Awaited<ReturnType<typeof primaryPlacement>>) {
  expect(p.top, `${where}: primary button in the lower two-thirds`).toBeGreaterThanOrEqual(
    KIOSK_VIEWPORT.height / 3,
  );
  expect(p.bottom, `${where}: primary button in view above the navigation bar`).toBeLessThanOrEqual(
    p.navTop,
  );
}

describe.skipIf(!!skip)('the kiosk form: one thing per page, pickers, elder mode', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-FORM-PAGES' });

  it.each(VARIANTS)(
    '$name: notice, form pages and review fit the screen; the date picker keeps to the range; a fix is one tap; ending asks first',
    async (v) => {
      const w = words(v.lang);
      const suite = `kiosk-form-pages-${v.name}`;
      rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
      const { context, page } = await openKiosk(k.browser, k.stack);
      const heights: string[] = [];
      const measure = async (name: string) => {
        // measured as the citizen sees the page once done typing: the keyboard put away
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.waitForFunction(() => !document.documentElement.hasAttribute('data-kbd'));
        const p = await primaryPlacement(page);
        heights.push(`${name}: ${p.height} px (button ${p.top}–${p.bottom})`);
        expectWithinReach(name, p);
        expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
        await viewShot(page, suite, name);
      };
      try {
        await viewShot(page, suite, 'attract');
        // elder mode is chosen on the attract screen itself
        if (v.elder) {
          await page.getByRole('button', { name: w('form.elderStart') }).click();
        } else {
          await page.getByRole('button', { name: words('zh-CN')('attract.start') }).click();
        }
        await onScreen(page, 'welcome');
        if (v.lang === 'en') await page.getByRole('radio', { name: 'English（英文）' }).check();
        await expect
          .poll(() => page.evaluate(() => document.documentElement.dataset.elder))
          .toBe(String(v.elder));
        await viewShot(page, suite, 'welcome');
        await page.getByRole('button', { name: w('welcome.continue') }).click();
        await onScreen(page, 'identify');
        await simRequest(k.local, 'sim:placeCard', { personId: RETIREE_ID });
        await onScreen(page, 'chooseBundle');
        const bundleName = v.lang === 'en' ? 'Retiring' : '退休一件事';
        if (v.elder) {
          await page.getByRole('heading', { name: w('bundles.chooseEvent') }).waitFor();
          await page
            .locator('.event-grid')
            .getByRole('button', { name: /退休|retire/i })
            .click();
        }
        await page.getByRole('button', { name: bundleName }).click();

        // the notice, one part per tab
        await onScreen(page, 'notice');
        await page.getByRole('heading', { name: w('notice.items') }).waitFor();
        await measure('notice-items');
        await page.getByRole('button', { name: w('notice.materials'), exact: true }).click();
        await page.getByRole('heading', { name: w('notice.materials') }).waitFor();
        await measure('notice-materials');
        await page.getByRole('button', { name: w('notice.continue') }).click();
        await onScreen(page, 'chooseItems');
        await page.getByRole('button', { name: w('items.continue') }).click();

        // the form, one section per page
        await onScreen(page, 'form');
        const form = page.locator('section[data-screen="form"]');
        await form.locator('.form-section').first().waitFor();
        if (v.elder) {
          // a part is checked before the next: nothing typed yet, so it stays with the problems
          await page.getByRole('button', { name: w('form.nextPart') }).click();
          await form.locator('.error-summary').waitFor();
          await viewShot(page, suite, 'form-part-checked');
        }
        let retirementSeen = false;
        for (let part = 1; ; part++) {
          for (const [key, value] of Object.entries(typed)) {
            const field = form.locator(`[id="field-${key}"]`);
            if (!(await field.isVisible())) continue;
            if (key === 'retirement.date') {
              retirementSeen = true;
              await pickRetirementDate(page, v.lang, String(value), suite);
              await measure(`form-part${part}-date`);
              continue;
            }
            await answerField(field, value);
          }
          await measure(`form-part${part}`);
          const next = page.getByRole('button', { name: w('form.nextPart') });
          if (!(await next.isVisible())) break;
          await next.click();
          await page
            .getByText(new RegExp(w('form.part', { n: part + 1, total: '\\d+' })))
            .waitFor();
        }
        expect(retirementSeen).toBe(true);
        await page.getByRole('button', { name: w('form.continue') }).click();

        await onScreen(page, 'materials');
        const materials = page.locator('section[data-screen="materials"]');
        const skipOne = materials.getByRole('button', {
          name: new RegExp(`^${w('materials.skip', { name: '.*' })}$`),
        });
        while ((await skipOne.count()) > 0) await skipOne.first().click();
        await page.getByRole('button', { name: w('materials.continue') }).click();

        // the review, folded by section; the ID number masked until held
        await onScreen(page, 'review');
        await measure('review');
        const review = page.locator('section[data-screen="review"]');
        await expect(review.textContent()).resolves.not.toContain(RETIREE_ID);
        const hold = review.getByRole('button', { name: new RegExp(w('form.reveal')) }).first();
        await hold.hover();
        await page.mouse.down();
        await expect.poll(() => review.textContent()).toContain(RETIREE_ID);
        await viewShot(page, suite, 'review-held');
        await page.mouse.up();
        await expect.poll(() => review.textContent()).not.toContain(RETIREE_ID);

        // one tap from the review to the page of the part to fix
        const retirement = review.locator('details').filter({
          has: page.locator('dt', {
            hasText: v.lang === 'en' ? 'Requested retirement date' : '申请退休日期',
          }),
        });
        await retirement.locator('summary').click();
        await viewShot(page, suite, 'review-open');
        await retirement.getByRole('button').last().click();
        await onScreen(page, 'form');
        await form.locator('[id="field-retirement.date"]').waitFor();

        // 结束办理 asks first; "continue" keeps everything
        await page.getByRole('button', { name: w('nav.finish') }).click();
        const dialog = page.getByRole('dialog', { name: w('form.end.title') });
        await dialog.waitFor();
        await viewShot(page, suite, 'end-dialog');
        await dialog.getByRole('button', { name: w('form.end.continue') }).click();
        await expect(dialog.count()).resolves.toBe(0);
        await onScreen(page, 'form');
        await page.getByRole('button', { name: w('nav.finish') }).click();
        await page.getByRole('button', { name: w('form.end.confirm') }).click();
        await expectWiped(page, ['陈建国', RETIREE_ID, String(typed['applicant.phone'])]);
        console.log(`[${suite}] page heights at 1080×1920:\n  ${heights.join('\n  ')}`);
      } finally {
        await context.close();
      }
    },
  );
});

const MONTH_KEYS = [
  'form.date.m1',
  'form.date.m2',
  'form.date.m3',
  'form.date.m4',
  'form.date.m5',
  'form.date.m6',
  'form.date.m7',
  'form.date.m8',
  'form.date.m9',
  'form.date.m10',
  'form.date.m11',
  'form.date.m12',
] as const;

/** Picks the date on the 年/月/日 buttons, after checking a day out of range is not offered. */
async function pickRetirementDate(
  page: Page,
  lang: Lang,
  iso: string,
  suite: string,
): Promise<void> {
  const w = words(lang);
  const field = page.locator('[id="field-retirement.date"]');
  const bounds = dateBounds({ maxDaysPast: 730, maxDaysAhead: 365 }, todayIso());
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  await field
    .getByRole('button', { name: new RegExp(w('form.date.year')) })
    .first()
    .click();
  const panel = field.locator('.date-panel');
  await panel.waitFor();
  await viewShot(page, suite, 'date-years');
  // a retirement in 1999 cannot even be chosen
  await expect(panel.getByRole('button', { name: '1999', exact: true }).count()).resolves.toBe(0);
  const years = await panel.locator('.date-grid button').allTextContents();
  expect(years.map(Number)).toEqual(
    Array.from(
      { length: Number(bounds.max!.slice(0, 4)) - Number(bounds.min!.slice(0, 4)) + 1 },
      (_, i) => Number(bounds.min!.slice(0, 4)) + i,
    ),
  );
  await panel.getByRole('button', { name: String(year), exact: true }).click();
  await panel.getByRole('button', { name: w(MONTH_KEYS[month - 1]!), exact: true }).click();
  await panel.getByRole('button', { name: String(day), exact: true }).click();
  await expect(panel.count()).resolves.toBe(0);
}
