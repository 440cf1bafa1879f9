import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserSkipReason, snapshot } from './support/browser.ts';
import {
  expectWiped,
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';
import { STEP_MS } from './support/timing.ts';

const skip = browserSkipReason();
const w = words('zh-CN');
const MOTHER_ID = '33990219940612022X';

/** The inactivity the launcher asks for, and the warning the kiosk gives at least. */
const IDLE_S = 5;
const WARNING_S = 20;

describe.skipIf(!!skip)('the inactivity wipe at the kiosk', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-IDLE' });

  it('warns with a countdown of at least 20 s, continues on one tap, then wipes', async () => {
    const suite = 'kiosk-idle';
    rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    // 5 s of inactivity; the launcher asks for a 5 s warning, which the kiosk raises to 20 s
    const { context, page } = await openKiosk(k.browser, k.stack, `&idle=${IDLE_S}&warn=5`);
    const warning = page.locator('[data-notice="idle"]');
    const main = page.locator('main');
    try {
      await page.getByRole('button', { name: w('attract.start') }).click();
      await onScreen(page, 'welcome');
      await page.getByRole('button', { name: w('welcome.continue') }).click();
      await onScreen(page, 'identify');
      await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID });
      await onScreen(page, 'chooseBundle');
      await page.getByLabel(w('bundles.search')).fill('出生');

      // nobody touches the screen: the warning comes, with a visible countdown from 20
      await warning.waitFor({ timeout: IDLE_S * 1000 + STEP_MS });
      const firstCount = Number(await warning.locator('.countdown').textContent());
      expect(firstCount).toBeGreaterThanOrEqual(WARNING_S - 1);
      expect(firstCount).toBeLessThanOrEqual(WARNING_S);
      await expect(warning.textContent()).resolves.toContain(w('idle.title'));
      // the one button takes focus, so Enter or a switch answers it at once
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe(w('idle.continue'));
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, suite, '01-warning');

      // one tap: the warning goes and nothing is lost
      await warning.getByRole('button', { name: w('idle.continue') }).click();
      await expect(warning.count()).resolves.toBe(0);
      await onScreen(page, 'chooseBundle');
      await expect(main.textContent()).resolves.toContain('林晓雯');
      await expect(page.getByLabel(w('bundles.search')).inputValue()).resolves.toBe('出生');
      await snapshot(page, suite, '02-continued');

      // and again, now unanswered: the countdown runs out and the terminal forgets everything
      await warning.waitFor({ timeout: IDLE_S * 1000 + STEP_MS });
      const warnedAt = Date.now();
      await expect
        .poll(() => warning.locator('.countdown').textContent())
        .not.toBe(String(firstCount));
      await onScreen(page, 'attract', WARNING_S * 1000 + STEP_MS);
      // the citizen had the whole countdown (less a tick of timer slack)
      expect(Date.now() - warnedAt).toBeGreaterThanOrEqual((WARNING_S - 1) * 1000);
      await expectWiped(page, ['林晓雯', MOTHER_ID]);
      await snapshot(page, suite, '03-wiped');
    } finally {
      await context.close();
    }
  });
});
