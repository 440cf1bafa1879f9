import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../kiosk/ui/src/flow/flow-state.ts';
import { browserSkipReason, snapshot } from './support/browser.ts';
import {
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';
import { STEP_MS } from './support/timing.ts';

const skip = browserSkipReason();
const MOTHER_ID = '33990219940612022X';
/** Where people look at the keyboard's screenshots (outside the repository). */
const SHOTS = process.env.KBD_SHOTS_DIR;

interface Variant {
  name: string;
  lang: Lang;
  elder: boolean;
  /** The smallest key height the mode promises. */
  minKeyPx: number;
}

const VARIANTS: Variant[] = [
  { name: 'zh', lang: 'zh-CN', elder: false, minKeyPx: 48 },
  { name: 'en', lang: 'en', elder: false, minKeyPx: 48 },
  { name: 'elder', lang: 'zh-CN', elder: true, minKeyPx: 60 },
];

async function shoot(page: Page, name: string): Promise<void> {
  const file = await snapshot(page, 'kiosk-keyboard', name);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    // the viewport as the citizen sees it, keyboard docked
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    copyFileSync(file, path.join(SHOTS, `${name}-full.png`));
  }
}

/** The keyboard's keys: a key is a button named by its face or its word. */
function key(page: Page, name: string): Locator {
  return page.locator('#kbd-root').getByRole('button', { name, exact: true });
}

/** The keyboard covers nothing of the field and its keys are as large as the mode promises. */
async function layoutProblems(page: Page, field: Locator, minKeyPx: number): Promise<string[]> {
  const box = await field.boundingBox();
  return page.evaluate(
    ({ box, minKeyPx }) => {
      const problems: string[] = [];
      const kbd = document.querySelector('#kbd-root .kbd');
      if (!kbd) return ['no keyboard'];
      const top = kbd.getBoundingClientRect().top;
      if (!box) problems.push('field not laid out');
      else if (box.y + box.height > top)
        problems.push(`field bottom ${box.y + box.height} > keyboard top ${top}`);
      const nav = document.querySelector('.nav-bar');
      if (nav && box && box.y + box.height > nav.getBoundingClientRect().top) {
        problems.push('field under the navigation bar');
      }
      for (const b of Array.from(kbd.querySelectorAll('button'))) {
        const r = b.getBoundingClientRect();
        if (r.height < minKeyPx) problems.push(`key ${b.textContent} ${Math.round(r.height)}px`);
        if (b.scrollWidth > b.clientWidth + 1) problems.push(`clipped: ${b.textContent}`);
      }
      return problems;
    },
    { box, minKeyPx },
  );
}

/** The first field on the form that takes free Chinese text (pinyin pad), going through parts. */
async function firstChineseField(page: Page, w: ReturnType<typeof words>): Promise<Locator> {
  const form = page.locator('section[data-screen="form"]');
  await form.locator('.form-section').first().waitFor();
  for (let part = 0; part < 10; part++) {
    const id = await form.evaluate((section) => {
      const fields = Array.from(section.querySelectorAll('input, textarea')) as (
        HTMLInputElement | HTMLTextAreaElement
      )[];
      const found = fields.find(
        (f) =>
          (f instanceof HTMLTextAreaElement || f.type === 'text') &&
          !f.readOnly &&
          (f.dataset.pad ?? 'chinese') === 'chinese' &&
          f.getBoundingClientRect().height > 0,
      );
      return found?.id ?? null;
    });
    if (id) return page.locator(`[id="${id}"]`);
    await page.getByRole('button', { name: w('form.nextPart') }).click();
  }
  throw new Error('no free-text field on the form');
}

describe.skipIf(!!skip)('the on-screen keyboard in real Chromium', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-KEYBOARD' });

  it.each(VARIANTS)(
    '$name: a form field opens the pinyin keyboard; zg on the keys, 中国 from the candidates',
    async (v) => {
      const w = words(v.lang);
      const { context, page } = await openKiosk(k.browser, k.stack);
      try {
        await page.getByRole('button', { name: words('zh-CN')('attract.start') }).click();
        await onScreen(page, 'welcome');
        if (v.lang === 'en') await page.getByRole('radio', { name: 'English（英文）' }).check();
        if (v.elder) await page.getByRole('radio', { name: w('welcome.elder') }).check();
        await page.getByRole('button', { name: w('welcome.continue') }).click();
        await onScreen(page, 'identify');
        await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID });
        await onScreen(page, 'chooseBundle');
        const bundleName = v.lang === 'en' ? 'A baby is born' : '新生儿出生一件事';
        if (v.elder) {
          await page
            .locator('.event-grid')
            .getByRole('button', { name: /出生|birth/i })
            .click();
        }
        await page.getByRole('button', { name: bundleName }).click();
        await onScreen(page, 'notice');
        await page.getByRole('button', { name: w('notice.continue') }).click();
        await onScreen(page, 'chooseItems');
        await page.getByRole('button', { name: w('items.continue') }).click();
        await onScreen(page, 'form');

        const field = await firstChineseField(page, w);
        const before = await field.inputValue();
        await field.click();
        const kbd = page.locator('#kbd-root .kbd[data-pad="chinese"]');
        await kbd.waitFor({ timeout: STEP_MS });
        await expect(kbd.getAttribute('data-mode')).resolves.toBe('pinyin');
        await page.locator('html[data-pinyin="ready"]').waitFor({ timeout: STEP_MS });

        await key(page, 'z').click();
        await key(page, 'g').click();
        await expect.poll(() => kbd.locator('.kbd-composition').textContent()).toBe("z'g");
        const zhongguo = kbd.getByRole('button', { name: '中国', exact: true });
        await zhongguo.waitFor();
        // the candidates are said, not only shown
        await expect
          .poll(() => kbd.locator('[aria-live="polite"]').textContent(), { timeout: STEP_MS })
          .toContain('中国');
        expect(await layoutProblems(page, field, v.minKeyPx)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await shoot(page, `form-pinyin-${v.name}`);

        await zhongguo.click();
        await expect.poll(() => field.inputValue()).toBe(`${before}中国`);
        // the field kept focus and the keyboard stayed open, composition done
        await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        await kbd.locator('.kbd-composition .kbd-hint').waitFor();

        // delete takes back what was typed, through the same input events
        await key(page, w('kbd.key.backspace')).click();
        await expect.poll(() => field.inputValue()).toBe(`${before}中`);

        // the other modes type letters and digits themselves
        const modes = kbd.getByRole('group', { name: w('kbd.modes') });
        await modes.getByRole('button', { name: w('kbd.mode.abc') }).click();
        await expect(kbd.getAttribute('data-mode')).resolves.toBe('abc');
        await key(page, w('kbd.key.shift')).click();
        await key(page, 'A').click();
        await modes.getByRole('button', { name: w('kbd.mode.123') }).click();
        await key(page, '1').click();
        await expect.poll(() => field.inputValue()).toBe(`${before}中A1`);
        await shoot(page, `form-123-${v.name}`);

        // hidden with its own key; the field is no longer covered by anything
        await page
          .locator('#kbd-root')
          .getByRole('button', { name: w('kbd.hide') })
          .click();
        await expect.poll(() => page.locator('#kbd-root .kbd').count()).toBe(0);
      } finally {
        await context.close();
      }
    },
  );

  it('the ID-number box opens the ID pad: digits and X only', async () => {
    const w = words('zh-CN');
    const { context, page } = await openKiosk(k.browser, k.stack);
    try {
      await page.getByRole('button', { name: w('attract.status') }).click();
      await onScreen(page, 'welcome');
      await page.getByRole('button', { name: w('welcome.continue') }).click();
      await onScreen(page, 'statusLookup');
      const last4 = page.getByLabel(w('status.idLast4'));
      await last4.click();
      const pad = page.locator('#kbd-root .kbd[data-pad="id-number"]');
      await pad.waitFor({ timeout: STEP_MS });
      for (const k of ['1', '2', '3', 'X']) await key(page, k).click();
      await expect.poll(() => last4.inputValue()).toBe('123X');
      // no letters but X, no pinyin, no mode switch
      await expect(key(page, 'a').count()).resolves.toBe(0);
      await expect(pad.locator('.kbd-modes').count()).resolves.toBe(0);
      expect(await layoutProblems(page, last4, 48)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shoot(page, 'status-id-pad');

      // the case number box is free text: focus moving there switches to the Chinese pad
      await page.getByLabel(w('status.caseNumber')).click();
      await page.locator('#kbd-root .kbd[data-pad="chinese"]').waitFor({ timeout: STEP_MS });
    } finally {
      await context.close();
    }
  });
});
