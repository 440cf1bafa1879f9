import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { ARTIFACTS, browserSkipReason, snapshot } from './support/browser.ts';
import {
  answerField,
  expectAnswered,
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
const dataset = await loadDemoDataset();
const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP001' && s.person === MOTHER_ID);
if (!scenario) throw new Error('the demo dataset has no 新生儿出生 scenario for 林晓雯');
const typed = scenario.typed as Record<string, string | number | boolean>;

describe.skipIf(!!skip)('bad input at the kiosk: calm, specific, nothing lost', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-BAD' });

  it('bad cards, a field that fails its check and a double tap on submit', async () => {
    const suite = 'kiosk-bad-input';
    rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    const { context, page } = await openKiosk(k.browser, k.stack);
    const identify = page.locator('section[data-screen="identify"]');
    const casesFiled = async () =>
      (
        await k.stack.server.server.database.db
          .selectFrom('cases')
          .select('case_number')
          .where('terminal_id', '=', k.stack.terminalId)
          .execute()
      ).length;
    try {
      await page.getByRole('button', { name: w('attract.start') }).click();
      await onScreen(page, 'welcome');
      await page.getByRole('button', { name: w('welcome.continue') }).click();
      await onScreen(page, 'identify');

      // each damaged card: its own calm message naming the next step, and no identity taken
      const faults = [
        ['unreadable', w('identify.problem.unreadable'), '擦拭干净'],
        ['expired', w('identify.problem.expired'), '服务窗口'],
        ['badChecksum', w('identify.problem.badChecksum'), '视频帮办'],
      ] as const;
      for (const [fault, message, nextStep] of faults) {
        await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID, fault });
        const shown = identify.getByText(message);
        await shown.waitFor();
        expect(message).toContain(nextStep);
        // a warning, not an alarm
        await expect(identify.locator('.message-warning').count()).resolves.toBe(1);
        await expect(identify.locator('.message-error').count()).resolves.toBe(0);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await snapshot(page, suite, `01-card-${fault}`);
        await simRequest(k.local, 'sim:removeCard', {});
        // nobody was identified by a card that could not be used
        await expect(page.locator('section[data-screen="identify"]').count()).resolves.toBe(1);
      }

      // the good card after the bad ones
      await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID });
      await onScreen(page, 'chooseBundle');
      await page.getByRole('button', { name: '新生儿出生一件事' }).click();
      await onScreen(page, 'notice');
      await page.getByRole('button', { name: w('notice.continue') }).click();
      await onScreen(page, 'chooseItems');
      await page.getByRole('button', { name: w('items.continue') }).click();
      await onScreen(page, 'form');

      // everything typed, but a mobile number that cannot be one
      const form = page.locator('section[data-screen="form"]');
      await form.locator('[id="field-applicant.phone"]').waitFor();
      const answers = { ...typed, 'applicant.phone': '12345' };
      /** The form shows one section per page: runs `onPage` on each, first to last. */
      const eachFormPage = async (onPage: () => Promise<void>) => {
        const prev = form.getByRole('button', { name: w('form.prevPart') });
        while (await prev.isVisible()) await prev.click();
        for (;;) {
          await onPage();
          const next = form.getByRole('button', { name: w('form.nextPart') });
          if (!(await next.isVisible())) return;
          await next.click();
        }
      };
      /** The answers whose field is on the page now (the rest are on other pages). */
      const onThisPage = async () => {
        const here: [string, string | number | boolean][] = [];
        for (const [key, value] of Object.entries(answers)) {
          if (await form.locator(`[id="field-${key}"]`).isVisible()) here.push([key, value]);
        }
        return here;
      };
      await eachFormPage(async () => {
        // one at a time: an answer can bring up the next field (邮寄 → the postal address)
        for (const [key, value] of Object.entries(answers)) {
          const field = form.locator(`[id="field-${key}"]`);
          if (!(await field.isVisible())) continue;
          await answerField(field, value);
        }
      });
      await page.getByRole('button', { name: w('form.continue') }).click();

      // the summary and the field itself name the field; focus goes to the summary
      const summary = form.locator('.error-summary');
      await summary.waitFor();
      await expect(summary.textContent()).resolves.toContain('申请人手机号码');
      // Focus moves to the summary after it renders; poll rather than race the move.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('.error-summary') !== null))
        .toBe(true);
      const phone = form.locator('[id="field-applicant.phone"]');
      await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(
        form.locator('[id="field-applicant.phone-error"]').textContent(),
      ).resolves.toContain('申请人手机号码');
      await onScreen(page, 'form');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, suite, '02-field-error');

      // nothing typed is lost: every answer is still in its box
      const seen = new Set<string>();
      await eachFormPage(async () => {
        for (const [key, value] of await onThisPage()) {
          seen.add(key);
          await expectAnswered(form.locator(`[id="field-${key}"]`), value);
        }
      });
      expect([...seen].sort()).toEqual(Object.keys(answers).sort());

      // the summary's link takes the citizen to the field
      await summary.getByRole('button', { name: /申请人手机号码/ }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('field-applicant.phone');
      await phone.fill(String(typed['applicant.phone']));
      // on to the last page, whose button checks the form
      await eachFormPage(async () => undefined);
      await page.getByRole('button', { name: w('form.continue') }).click();

      await onScreen(page, 'materials');
      await page.getByRole('button', { name: /^暂不提供“/ }).click();
      await page.getByRole('button', { name: w('materials.continue') }).click();
      await onScreen(page, 'review');

      // a double tap on the guardian's agreement files one case and prints one receipt
      const receiptsBefore = k.stack.bridge.hardware.simulators?.printer.receipts.length ?? 0;
      await page.getByRole('button', { name: w('review.submit'), exact: true }).click();
      await page.getByRole('button', { name: w('consent.minor.agree') }).dblclick();
      await onScreen(page, 'receipt');
      await page.locator('[data-print-state="done"]').waitFor({ timeout: STEP_MS });
      // a second submission, were there one, would be a request still in flight or done now
      await page.waitForLoadState('networkidle');
      expect(await casesFiled()).toBe(1);
      expect(k.stack.bridge.hardware.simulators?.printer.receipts.length).toBe(receiptsBefore + 1);
      await snapshot(page, suite, '03-one-case');

      await page.getByRole('button', { name: w('nav.finish') }).click();
      // ending asks first
      await page.getByRole('button', { name: w('form.end.confirm') }).click();
      await expectWiped(page, ['林晓雯', MOTHER_ID, String(typed['applicant.phone'])]);
    } catch (e) {
      await snapshot(page, suite, 'zz-failure').catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});
