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

const skip = browserSkipReason();
const w = words('zh-CN');
const MOTHER_ID = '33990219940612022X';

describe.skipIf(!!skip)('the inactivity wipe at the kiosk', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-IDLE' });

  it('warns with a countdown of at least 20 s, continues on one tap, then wipes', async () => {
    const suite = 'kiosk-idle';
    rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    // 5 s of inactivity; the launcher asks for a 5 s warning, which the kiosk raises to 20 s
    const { context, page } = await openKiosk(k.browser, k.stack, '&idle=5&warn=5');
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
      await warning.waitFor({ timeout: 15_000 });
      const firstCount = Number(await warning.locator('.countdown').textContent());
      expect(firstCount).toBeGreaterThanOrEqual(19);
      expect(firstCount).toBeLessThanOrEqual(20);
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
      await warning.waitFor({ timeout: 15_000 });
      const warnedAt = Date.now();
      await expect
        .poll(() => warning.locator('.countdown').textContent(), { timeout: 5_000 })
        .not.toBe(String(firstCount));
      await onScreen(page, 'attract', 30_000);
      // the citizen had the whole countdown (less a tick of timer slack)
      expect(Date.now() - warnedAt).toBeGreaterThanOrEqual(19_000);
      await expectWiped(page, ['林晓雯', MOTHER_ID]);
      await snapshot(page, suite, '03-wiped');
    } finally {
      await context.close();
    }
  }, 90_000);
});
