import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityCardOf,
  loadDemoDataset,
} from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { anotherChild } from '../../booth-server/src/testing/cases.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import { connectSocket, request } from '../../booth-server/src/testing/test-server.ts';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();
const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);
/** Accessibility violations inside a part of the console, as "rule: target" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Where people look at the screens (outside the repository), when set. */
const SHOTS = process.env.SHOTS_DIR;

/**
 * Issue 15, supervisors: a 差评 filed at a kiosk is opened from the dashboard, called back and
 * put right within its deadlines, the citizen rates once more; the KPI wallboard shows the case.
 */
describe.skipIf(!!skip)('差评 follow-up and 一件事 KPIs in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let kiosk: Awaited<ReturnType<typeof kioskSession>>;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    kiosk = await kioskSession(t.url, await login(t.url, 'admin', 'demo-admin-2026'), 'SUP-E2E-1');
  });
  afterAll(async () => {
    kiosk?.close();
    await browser?.close();
    await t?.close();
  });

  /** A birth case filed and rated at the kiosk, through the kiosk API the kiosk UI uses. */
  async function fileAndRate(level: string, comment: string): Promise<string> {
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const res = await readJson(
      await kiosk.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: t.server.catalogues.current().bundle('YJSP001')?.items,
        // a child of its own per filing: one open case per newborn
        answers: {
          ...dataset.scenarios.find((s) => s.bundle === 'YJSP001')?.typed,
          ...anotherChild(),
        },
      }),
    );
    const caseNumber: string = res.case.caseNumber;
    const rated = await kiosk.call('POST', '/ratings', {
      caseNumber,
      channel: 'onsite',
      level,
      comment,
    });
    expect(rated.status).toBe(201);
    return caseNumber;
  }

  async function shot(page: Page, name: string) {
    const file = await snapshot(page, 'supervisor-follow-up', name);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      copyFileSync(file, path.join(SHOTS, path.basename(file)));
    }
  }

  it('follows a kiosk 差评 up to closure within its deadlines, and the wallboard shows the case', async () => {
    const caseNumber = await fileAndRate('very_unsatisfied', '材料清单没说清楚，跑了两趟');
    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 } })
    ).newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('supervisor');
    await page.getByLabel('密码').fill('demo-supervisor-2026');
    await page.getByRole('button', { name: '登录' }).click();

    // The dashboard's 待跟进差评 opens the list.
    const tile = page.getByRole('button', { name: /待跟进差评 1/ });
    await tile.waitFor();
    // Another 差评 whose call-back day has passed raises a live alert on the dashboard.
    const late = await fileAndRate('unsatisfied', '窗口无人');
    await t.server.database.db
      .updateTable('follow_ups')
      .set({ call_back_due_at: Date.now() - 1 })
      .where('case_number', '=', late)
      .execute();
    await t.server.followUpWatcher.check();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain(`差评 ${late} 的待回访已逾期`);
    expect(await axeViolations(page, '.sup')).toEqual([]);
    await shot(page, '01-dashboard-alert.zh');
    await page.getByRole('button', { name: /待跟进差评/ }).click();
    await page.getByRole('heading', { name: '差评跟进' }).waitFor();
    const list = page.getByRole('table');
    await expect.poll(() => list.textContent()).toContain(caseNumber);
    expect(await list.textContent()).toContain('已逾期');
    expect(await axeViolations(page, '.fu')).toEqual([]);
    await shot(page, '02-follow-up-list.zh');

    await page.getByRole('button', { name: `处理差评：${caseNumber}` }).click();
    await page.getByRole('heading', { name: `差评 ${caseNumber}` }).waitFor();
    // The comment, decrypted for the supervisor.
    await page.getByText('材料清单没说清楚，跑了两趟').waitFor();
    expect(await page.getByText('请先记录回访，再记录整改。').count()).toBe(1);
    expect(await axeViolations(page, '.fu')).toEqual([]);
    await shot(page, '03-follow-up-detail.zh');
    await page.getByLabel('回访情况').fill('已电话回访群众，致歉并一次性告知材料清单');
    await page.getByRole('button', { name: '记录回访' }).click();
    await page.getByLabel('整改措施').waitFor();
    await page.getByLabel('整改措施').fill('更新自助终端的材料说明，窗口增加一次性告知单');
    await page.getByRole('button', { name: '记录整改并办结' }).click();
    await page.getByRole('heading', { name: '3. 群众再评价' }).waitFor();
    expect(await axeViolations(page, '.fu')).toEqual([]);
    await shot(page, '04-follow-up-closed.zh');

    const [closed] = (await t.server.followUps.list('closed')).filter(
      (f) => f.caseNumber === caseNumber,
    );
    expect(closed?.stage).toBe('closed');
    expect(closed!.calledBack!.at).toBeLessThanOrEqual(closed!.callBackDueAt);
    expect(closed!.fixed!.at).toBeLessThanOrEqual(closed!.fixDueAt);
    const audit = await t.server.audit.list({ targetId: closed!.id, limit: 10 });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'rating.follow_up.call_back',
      'rating.follow_up.resolve',
    ]);

    // The citizen rates once more on the status page; then never again.
    const status = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await status.goto(`${t.url}/status?case=${caseNumber}`);
    await status.getByLabel(/后四位/).fill(mother.idNumber.slice(-4));
    await status.getByRole('button', { name: /查询/ }).click();
    await status.getByRole('radio', { name: /^满意/ }).check();
    await status.getByRole('button', { name: /提交评价/ }).click();
    await expect
      .poll(() => status.getByRole('status').last().textContent())
      .toContain('感谢您的评价');
    await status.close();
    expect(await t.server.ratings.canRate(caseNumber)).toBe(false);
    expect((await t.server.followUps.get(closed!.id)).reRating?.level).toBe('satisfied');

    // The KPI wallboard shows the case.
    await page.getByRole('button', { name: '一件事指标', exact: true }).click();
    await page.getByRole('heading', { name: '一件事指标' }).waitFor();
    expect(await axeViolations(page, '.kpi')).toEqual([]);
    await shot(page, '05-kpis.zh');
    await page.getByRole('button', { name: '大屏展示' }).click();
    const wall = page.getByRole('dialog', { name: '一件事指标' });
    await wall.waitFor();
    const birth = t.server.catalogues.current().bundle('YJSP001')!.name.zh;
    await expect
      .poll(() => wall.getByRole('row', { name: new RegExp(birth) }).textContent())
      .toMatch(/2/);
    expect(await wall.textContent()).toContain('自助终端');
    expect(await axeViolations(page, '.kpi-wall')).toEqual([]);
    await shot(page, '06-wallboard.zh');
    // A new case reaches the wallboard live.
    await fileAndRate('satisfied', '很好');
    await expect
      .poll(() => wall.getByRole('row', { name: new RegExp(birth) }).textContent(), {
        timeout: 15_000,
      })
      .toMatch(/3/);
    await page.getByRole('button', { name: '退出大屏' }).click();

    // The same screens in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'One-thing KPIs' }).waitFor();
    await shot(page, '05-kpis.en');
    await page.getByRole('button', { name: 'Wallboard' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, '06-wallboard.en');
    await page.getByRole('button', { name: 'Leave the wallboard' }).click();
    await page.getByRole('button', { name: 'Follow-ups', exact: true }).click();
    await page.getByRole('heading', { name: 'Follow-up of poor ratings' }).waitFor();
    await shot(page, '02-follow-up-list.en');
    await page.getByRole('button', { name: `Open the follow-up of ${late}` }).click();
    await page.getByRole('heading', { name: `Poor rating ${late}` }).waitFor();
    await shot(page, '03-follow-up-detail.en');
    await page.getByRole('button', { name: /Back to the list/ }).click();
    await page.getByRole('radio', { name: 'Closed' }).check();
    await page.getByRole('button', { name: `Open the follow-up of ${caseNumber}` }).click();
    await page.getByRole('heading', { name: '3. Second rating' }).waitFor();
    await shot(page, '04-follow-up-closed.en');
    await page.getByRole('button', { name: 'Queues', exact: true }).click();
    await page.getByRole('button', { name: /Open follow-ups/ }).waitFor();
    await shot(page, '01-dashboard.en');
    await page.context().close();
  });

  it('shows the rated agent only counts per level, never the comment or the case', async () => {
    const agentCookie = await login(t.url, 'agent.police', 'demo-agent-2026');
    const me = await readJson(
      await fetch(`${t.url}/api/auth/me`, { headers: { cookie: agentCookie } }),
    );
    const caseNumber = await fileAndRate('satisfied', '很好');
    // A video call's rating names who served; set up here without the call itself.
    await t.server.ratings.rate(
      { caseNumber, channel: 'online', level: 'very_unsatisfied', comment: '态度冷淡' },
      { staffId: me.profile.id, department: 'PSB' },
      { type: 'citizen', id: null },
    );
    const page = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 } })
    ).newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('agent.police');
    await page.getByLabel('密码').fill('demo-agent-2026');
    await page.getByRole('button', { name: '登录' }).click();
    const own = page.getByRole('region', { name: '我收到的评价' });
    await expect.poll(() => own.textContent()).toContain('非常不满意 1');
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain('态度冷淡');
    expect(text).not.toContain(caseNumber);
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await shot(page, '07-seat-own-ratings.zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('region', { name: 'My ratings' }).waitFor();
    await shot(page, '07-seat-own-ratings.en');
    await page.context().close();
  });

  it('picks colleagues for transfer and invitation from the directory, not by typed id', async () => {
    const signIn = async (username: string) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/agent/`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill('demo-agent-2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { level: 2, name: '坐席工作台' }).waitFor();
      await page.getByRole('button', { name: '空闲', exact: true }).click();
      return { page, context };
    };
    const colleague = await signIn('agent.health');
    const { page, context } = await signIn('agent.police');
    const session = await kioskSession(
      t.url,
      await login(t.url, 'admin', 'demo-admin-2026'),
      'SUP-E2E-BOOTH',
    );
    const socket = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });
    expect((await session.attest(mother)).ok).toBe(true);
    await request(socket, 'help:request', { department: 'PSB', language: 'zh-CN' });
    await page.getByRole('button', { name: '接听' }).click();
    await page.getByTestId('call-view').waitFor();

    await page.getByRole('radio', { name: '指定坐席' }).check();
    const transfer = page.getByRole('group', { name: '转给哪位坐席' });
    await transfer.getByLabel('按姓名查找同事').fill('周');
    const option = transfer.getByRole('radio', { name: /周医生（卫健）/ });
    await option.waitFor();
    expect(await transfer.textContent()).toContain('空闲');
    await option.check();
    expect(await transfer.textContent()).toContain('已选择：周医生（卫健）');
    const invite = page.getByRole('group', { name: '邀请哪位同事' });
    await invite.getByRole('radio', { name: /周医生（卫健）/ }).check();
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await invite.evaluate((e) => e.scrollIntoView());
    await shot(page, '08-transfer-picker.zh');
    await page.getByRole('button', { name: '邀请', exact: true }).click();
    await expect.poll(() => page.getByText('已邀请。').count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('group', { name: 'Which agent' }).waitFor();
    await page.getByRole('group', { name: 'Which colleague' }).evaluate((e) => e.scrollIntoView());
    await shot(page, '08-transfer-picker.en');
    socket.close();
    await context.close();
    await colleague.context.close();
  });
});
