import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../kiosk/ui/src/flow/flow-state.ts';
import { ARTIFACTS, browserSkipReason } from './support/browser.ts';
import {
  answerField,
  KIOSK_VIEWPORT,
  onScreen,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';
import { STEP_MS } from './support/timing.ts';

const skip = browserSkipReason();

/** 陈建国 (退休一件事): his household address comes from the card, where he lives he picks. */
const RETIREE_ID = '339903196501180311';
const RESIDENCE = 'applicant.residenceAddress';
const SUITE = 'kiosk-address';

interface Variant {
  name: string;
  lang: Lang;
  elder: boolean;
  /** The smallest target the mode promises. */
  minTargetPx: number;
}
const VARIANTS: Variant[] = [
  { name: 'zh', lang: 'zh-CN', elder: false, minTargetPx: 44 },
  { name: 'en', lang: 'en', elder: false, minTargetPx: 44 },
  { name: 'elder', lang: 'zh-CN', elder: true, minTargetPx: 60 },
];

/** The screen at 1080×1920 as the citizen sees it. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(path.join(ARTIFACTS, SUITE), { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, SUITE, `${name}.png`) });
}

/** Heights of the picker's targets below the mode's minimum, as "text: px" lines. */
async function smallTargets(field: Locator, min: number): Promise<string[]> {
  return field.locator('.address-level, .address-choice').evaluateAll(
    (els, min) =>
      els
        .map((el) => [el.textContent ?? '', Math.round(el.getBoundingClientRect().height)] as const)
        .filter(([, h]) => h < min)
        .map(([text, h]) => `${text}: ${h}px`),
    min,
  );
}

/** Text in the field smaller than `min` px, as "text: px" lines (elder mode reads ≥ 24 px). */
async function smallText(field: Locator, min: number): Promise<string[]> {
  return field.evaluate((root, min) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.getBoundingClientRect().height < 1) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < min) small.push(`${n.textContent.trim()}: ${size}px`);
    }
    return small;
  }, min);
}

/** A key of the on-screen keyboard, named by its face or its word. */
function key(page: Page, name: string): Locator {
  return page.locator('#kbd-root').getByRole('button', { name, exact: true });
}

/**
 * Answers the rest of 陈建国's form but the retirement date, and has the server check it: it
 * names the missing date, never the address.
 */
async function checkRestOfForm(page: Page, form: Locator, w: ReturnType<typeof words>) {
  const typed: Record<string, string> = {
    'applicant.phone': '13612345678',
    'retirement.type': 'normal',
    'retirement.community': '沙头街道文昌社区',
  };
  for (let part = 1; ; part++) {
    for (const [key, value] of Object.entries(typed)) {
      const f = form.locator(`[id="field-${key}"]`);
      if (await f.isVisible()) await answerField(f, value);
    }
    // the keyboard a typed answer opened is put away first, as the citizen would
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-kbd'));
    const next = page.getByRole('button', { name: w('form.nextPart') });
    if (!(await next.isVisible())) break;
    await next.tap();
    await page.getByText(new RegExp(w('form.part', { n: part + 1, total: '\\d+' }))).waitFor();
  }
  await page.getByRole('button', { name: w('form.continue') }).tap();
  const summary = form.locator('.error-summary');
  await summary.waitFor({ timeout: STEP_MS });
  const problems = (await summary.locator('li').allTextContents()).join('\n');
  expect(problems).toMatch(/退休日期|retirement date/i);
  expect(problems).not.toMatch(/现居住地址|residential address/i);
}

describe.skipIf(!!skip)('addresses as a region cascade plus a detail line', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-ADDRESS' });

  it.each(VARIANTS)(
    '$name: the booth’s county preselected, province → city → county → street by touch, the detail on the on-screen keyboard',
    async (v) => {
      const w = words(v.lang);
      if (v.name === 'zh') rmSync(path.join(ARTIFACTS, SUITE), { recursive: true, force: true });
      // a touch screen: every choice below is a tap
      const context = await k.browser.newContext({ viewport: KIOSK_VIEWPORT, hasTouch: true });
      const page = await context.newPage();
      try {
        await page.goto(k.stack.kioskUrl);
        await onScreen(page, 'attract');
        await page.locator('.sim-panel').waitFor();
        if (v.elder) await page.getByRole('button', { name: w('form.elderStart') }).tap();
        else await page.getByRole('button', { name: words('zh-CN')('attract.start') }).tap();
        await onScreen(page, 'welcome');
        if (v.lang === 'en') await page.getByRole('radio', { name: 'English（英文）' }).tap();
        await page.getByRole('button', { name: w('welcome.continue') }).tap();
        await onScreen(page, 'identify');
        await simRequest(k.local, 'sim:placeCard', { personId: RETIREE_ID });
        await onScreen(page, 'chooseBundle');
        if (v.elder) {
          await page
            .locator('.event-grid')
            .getByRole('button', { name: /退休|retire/i })
            .tap();
        }
        await page.getByRole('button', { name: v.lang === 'en' ? 'Retiring' : '退休一件事' }).tap();
        await onScreen(page, 'notice');
        await page.getByRole('button', { name: w('notice.continue') }).tap();
        await onScreen(page, 'chooseItems');
        await page.getByRole('button', { name: w('items.continue') }).tap();
        await onScreen(page, 'form');
        const form = page.locator('section[data-screen="form"]');
        await form.locator('.form-section').first().waitFor();

        const field = form.locator(`[id="field-${RESIDENCE}"]`);
        await field.scrollIntoViewIfNeeded();
        const levels = field.locator('.address-level-value');
        // the booth is in 番禺 (440113): province, city and county chosen, its streets open
        await expect
          .poll(() => levels.allTextContents())
          .toEqual(['广东省', '广州市', '番禺区', w('address.notChosen')]);
        const panel = field.locator('.address-panel');
        await expect
          .poll(() => panel.locator('.address-choice').first().textContent(), { timeout: STEP_MS })
          .toBe('市桥街道');
        await expect(panel.getAttribute('aria-label')).resolves.toBe(w('address.level.township'));
        await shot(page, `${v.name}-1-streets-open`);
        expect(await smallTargets(field, v.minTargetPx)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);

        // the registered address came from the card: shown as region and detail, no code
        const household = form.locator('[id="field-applicant.householdAddress"]');
        await household.waitFor({ state: 'attached' });
        // prefilled values beside something to fill are folded: one tap shows them
        if (!(await household.isVisible())) await form.locator('details.prefilled > summary').tap();
        await household.waitFor();
        await expect
          .poll(() => household.locator('.field-value').textContent())
          .toBe('广东省广州市番禺区沙头街道文昌路12号2幢301室');

        // up to the province and down again, the booth's own first at every level
        const level = (n: number) => field.locator('.address-level').nth(n);
        await level(0).tap();
        await expect(level(0).getAttribute('aria-expanded')).resolves.toBe('true');
        const first = panel.locator('.address-choice').first();
        // in English the provinces carry their English names too
        const guangdong = v.lang === 'en' ? '广东省Guangdong' : '广东省';
        await expect.poll(() => first.textContent()).toBe(`${guangdong}${w('address.here')}`);
        expect(await panel.locator('.address-choice').count()).toBe(31);
        await field.scrollIntoViewIfNeeded();
        await shot(page, `${v.name}-2-provinces`);
        expect(await smallTargets(field, v.minTargetPx)).toEqual([]);
        if (v.elder) expect(await smallText(field, 24)).toEqual([]);
        for (const name of ['广东省', '广州市', '番禺区']) {
          await panel
            .locator('.address-choice')
            .filter({ hasText: new RegExp(`^${name}`) })
            .tap();
        }
        // each pick opened the next level; the street is chosen last
        await expect(level(3).getAttribute('aria-expanded')).resolves.toBe('true');
        await panel
          .locator('.address-choice')
          .filter({ hasText: /^沙头街道/ })
          .tap();
        await expect.poll(() => panel.count()).toBe(0);
        await expect
          .poll(() => levels.allTextContents())
          .toEqual(['广东省', '广州市', '番禺区', '沙头街道']);
        // the level buttons say what they hold to a screen reader
        await expect(level(3).getAttribute('aria-label')).resolves.toBe(
          w('address.chosen', {
            level: w('address.choose', { level: w('address.level.township') }),
            name: '沙头街道',
          }),
        );

        // the detail line on the on-screen keyboard: 东路8号 in pinyin and digits
        const detail = field.locator(`[id="field-${RESIDENCE}-detail"]`);
        await detail.tap();
        const kbd = page.locator('#kbd-root .kbd[data-pad="chinese"]');
        await kbd.waitFor({ timeout: STEP_MS });
        await page.locator('html[data-pinyin="ready"]').waitFor({ timeout: STEP_MS });
        const modes = kbd.getByRole('group', { name: w('kbd.modes') });
        const pinyin = async (letters: string, hanzi: string) => {
          for (const l of letters) await key(page, l).tap();
          await kbd.getByRole('button', { name: hanzi, exact: true }).first().tap();
        };
        await pinyin('dong', '东');
        await pinyin('lu', '路');
        await modes.getByRole('button', { name: w('kbd.mode.123') }).tap();
        await key(page, '8').tap();
        await modes.getByRole('button', { name: w('kbd.mode.pinyin') }).tap();
        await pinyin('hao', '号');
        await expect.poll(() => detail.inputValue()).toBe('东路8号');
        await shot(page, `${v.name}-3-detail-keyboard`);
        await page
          .locator('#kbd-root')
          .getByRole('button', { name: w('kbd.hide') })
          .tap();
        await expect.poll(() => page.locator('#kbd-root .kbd').count()).toBe(0);
        await shot(page, `${v.name}-4-chosen`);
        expect(await seriousA11yViolations(page)).toEqual([]);

        // the rest of the form as the scenario has it, then the server checks the whole form:
        // the picked address passes (the region code exists, the names are its own). Elder mode
        // checks each part before the next, so there it ends here.
        if (!v.elder) await checkRestOfForm(page, form, w);
      } catch (e) {
        // what the screen showed when it went wrong, for whoever reads the failure
        await shot(page, `${v.name}-zz-failure`).catch(() => undefined);
        throw e;
      } finally {
        await context.close();
      }
    },
  );
});
