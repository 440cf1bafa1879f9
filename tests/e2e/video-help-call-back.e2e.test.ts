import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, snapshot } from './support/browser.ts';
import { onScreen, openKiosk, seriousA11yViolations, words } from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';
import { elderSizeProblems } from './support/elder-sizes.ts';

const skip = browserSkipReason();
const HOUR_MS = 3_600_000;

/** A one-hour opening twelve hours from now (China time): the kiosk runs outside it. */
function closedNow(): string {
  const hour = (new Date(Date.now() + 8 * HOUR_MS).getUTCHours() + 12) % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `1-7 ${pad(hour)}:00-${pad(hour + 1)}:00`;
}

const VARIANTS = [
  { name: 'zh', lang: 'zh-CN', elder: false, phone: '13812345678' },
  { name: 'en', lang: 'en', elder: false, phone: '13900001111' },
  { name: 'elder', lang: 'zh-CN', elder: true, phone: '15822223333' },
] as const;

const masked = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;

/** Types digits on the kiosk's on-screen phone pad, as a citizen would. */
async function tapDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) {
    await page.locator('#kbd-root').getByRole('button', { name: d, exact: true }).click();
  }
}

describe.skipIf(!!skip)(
  'video help outside its hours: call-back at the kiosk, worked from the seat',
  () => {
    const k = useKioskSuite(
      { HELP_SERVICE_HOURS: closedNow(), SMS_DELIVERY_INTERVAL_MS: 200 },
      { terminalId: 'E2E-CALL-BACK' },
    );

    it.each(VARIANTS)(
      '$name: says it is closed (no wait estimate), books a call-back typed on the phone pad, names 12345',
      async (v) => {
        const w = words(v.lang);
        const suite = `call-back-kiosk-${v.name}`;
        const { context, page } = await openKiosk(k.browser, k.stack);
        try {
          await page
            .getByRole('button', {
              name: v.elder ? w('form.elderStart') : words('zh-CN')('attract.start'),
            })
            .click();
          await onScreen(page, 'welcome');
          if (v.lang === 'en') await page.getByRole('radio', { name: 'English（英文）' }).check();
          await page.getByRole('button', { name: w('video.button') }).click();

          const panel = page.locator('.video-help-panel');
          await panel.getByRole('heading', { name: w('help.closed.title') }).waitFor();
          const text = (await panel.textContent()) ?? '';
          expect(text).toContain(w('help.closed.body'));
          expect(text).toContain(v.lang === 'en' ? 'opens again on' : '下次服务时间从');
          expect(text).toContain(w('help.hotline', { hotline: '12345' }));
          // honest: no queue, no estimate
          expect(text).not.toMatch(/分钟|minute/);
          expect(await page.getByTestId('help-position').count()).toBe(0);
          // every button the panel's words name is on it
          await panel.getByRole('button', { name: w('help.callBack.submit') }).waitFor();
          expect(await seriousA11yViolations(page), 'axe on the closed panel').toEqual([]);
          if (v.elder) expect(await elderSizeProblems(page), 'elder sizes').toEqual([]);
          await snapshot(page, suite, '01-closed');

          const field = panel.getByLabel(w('help.callBack.phoneLabel'));
          await field.click();
          await page.locator('#kbd-root [data-pad="phone"]').waitFor();
          if (v.name === 'zh') {
            // ten digits is not a mobile number: said in words, nothing sent
            await tapDigits(page, v.phone.slice(0, 10));
            await panel.getByRole('button', { name: w('help.callBack.submit') }).click();
            await panel.getByText(w('help.callBack.invalid')).waitFor();
            await snapshot(page, suite, '02-invalid');
            await field.evaluate((el: HTMLInputElement) => {
              el.focus();
              el.setSelectionRange(el.value.length, el.value.length);
            });
            await tapDigits(page, v.phone.slice(10));
          } else {
            await tapDigits(page, v.phone);
          }
          expect(await field.inputValue()).toBe(v.phone);
          await snapshot(page, suite, '03-typed');
          await panel.getByRole('button', { name: w('help.callBack.submit') }).click();
          await panel.getByRole('heading', { name: w('help.callBack.bookedTitle') }).waitFor();
          expect(await panel.textContent()).toContain(masked(v.phone));
          expect(await panel.textContent()).not.toContain(v.phone);
          expect(await seriousA11yViolations(page), 'axe on the booked panel').toEqual([]);
          if (v.elder) expect(await elderSizeProblems(page), 'elder sizes').toEqual([]);
          await snapshot(page, suite, '04-booked');

          // the confirming SMS went through the simulated gateway, in Chinese
          await expect
            .poll(
              () => k.stack.server.server.smsGateway.sent.filter((m) => m.to === v.phone).length,
            )
            .toBe(1);
          const sms = k.stack.server.server.smsGateway.sent.find((m) => m.to === v.phone);
          expect(sms?.text).toMatch(/^【一件事一次办】.*回电已登记.*12345/);
        } finally {
          await context.close();
        }
      },
    );

    describe('the agent works the call-backs from the seat', () => {
      let page: Page;
      beforeAll(async () => {
        const context = await k.browser.newContext({ viewport: { width: 1440, height: 900 } });
        page = await context.newPage();
        await page.goto(`${k.stack.server.url}/agent/`);
        await page.getByLabel('用户名').fill('agent.police');
        await page.getByLabel('密码').fill('demo-agent-2026');
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByRole('heading', { level: 2, name: '坐席工作台' }).waitFor();
      });
      afterAll(async () => {
        await page?.context().close();
      });

      it('lists them masked, takes one, reveals the number (audited), records the outcome', async () => {
        const panel = page.getByRole('region', { name: '预约回电' });
        const rows = panel.getByTestId('call-back');
        await expect.poll(() => rows.count()).toBe(3);
        const listed = (await panel.textContent()) ?? '';
        for (const v of VARIANTS) {
          expect(listed).toContain(masked(v.phone));
          expect(listed).not.toContain(v.phone);
        }
        expect(await seriousA11yViolations(page), 'axe on the seat').toEqual([]);
        await snapshot(page, 'call-back-seat', '01-zh-list');

        // the oldest first: the zh citizen's
        await rows
          .first()
          .getByRole('button', { name: `接手回电 ${masked(VARIANTS[0].phone)}` })
          .click();
        const work = panel.getByTestId('call-back-work');
        await work.waitFor();
        await work.getByRole('button', { name: '查看号码' }).click();
        await work.getByRole('alert').waitFor();
        await work.getByLabel('查看原因（必填）').fill('按市民预约回电');
        await work.getByRole('button', { name: '查看号码' }).click();
        await expect
          .poll(() => work.getByTestId('call-back-phone').textContent())
          .toContain(VARIANTS[0].phone);
        await snapshot(page, 'call-back-seat', '02-zh-revealed');

        const audit = await k.stack.server.server.audit.list({
          action: 'callBack.phone.reveal',
          limit: 10,
        });
        expect(audit).toHaveLength(1);
        expect(audit[0]?.details).toMatchObject({ reason: '按市民预约回电' });

        await work.getByLabel('备注（可不填）').fill('已电话说明材料');
        await work.getByRole('button', { name: '已回电' }).click();
        await panel.getByText('已记录：已回电。').waitFor();
        await expect.poll(() => rows.count()).toBe(2);

        // in English, the next one could not be reached
        await page.getByRole('button', { name: 'English' }).click();
        const en = page.getByRole('region', { name: 'Call-backs' });
        await en
          .getByTestId('call-back')
          .first()
          .getByRole('button', { name: /^Take it/ })
          .click();
        const enWork = en.getByTestId('call-back-work');
        await enWork.getByLabel('Reason (required)').fill('booked call-back');
        await enWork.getByRole('button', { name: 'Show the number' }).click();
        await expect
          .poll(() => enWork.getByTestId('call-back-phone').textContent())
          .toContain(VARIANTS[1].phone);
        expect(await seriousA11yViolations(page), 'axe on the seat in English').toEqual([]);
        await snapshot(page, 'call-back-seat', '03-en-revealed');
        await enWork.getByRole('button', { name: 'Could not reach' }).click();
        await en.getByText('Recorded: could not reach.').waitFor();
        await expect.poll(() => en.getByTestId('call-back').count()).toBe(1);
        await snapshot(page, 'call-back-seat', '04-en-after');
        const states = await k.stack.server.server.database.db
          .selectFrom('call_backs')
          .select(['phone_masked', 'state'])
          .orderBy('created_at')
          .execute();
        expect(states.map((s) => s.state)).toEqual(['done', 'unreachable', 'waiting']);
      });
    });
  },
);
