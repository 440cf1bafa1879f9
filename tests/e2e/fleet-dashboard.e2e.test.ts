import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyHeartbeat, withPaper } from '../../booth-server/src/testing/heartbeat.ts';
import { enrolTerminal } from '../../booth-server/src/testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();

/** Accessibility violations inside the fleet dashboard, as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('.fleet').analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe.skipIf(!!skip)('fleet dashboard in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let bridge: Socket;
  const commands: { commandId: string; action: string }[] = [];

  beforeAll(async () => {
    // Alerts open and clear on the first heartbeat that shows them, so the test needs no waiting.
    // The test's bridge beats only when the test says so: it stays online however long a busy
    // machine makes the test take.
    t = await startTestServer({
      ALERT_OPEN_AFTER_SECONDS: 0,
      ALERT_CLEAR_AFTER_SECONDS: 0,
      FLEET_OFFLINE_AFTER_SECONDS: 3600,
    });
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const credential = await enrolTerminal(t.url, admin, 'PY-0001', { name: '番禺中心 1 号机' });
    // A second terminal, elsewhere, that never reports: it must show as offline, never seen.
    await enrolTerminal(t.url, admin, 'TH-0001', {
      name: '天河中心 1 号机',
      site: '天河区政务服务中心',
      region: '440106',
    });
    bridge = await connectSocket(t.url, '/bridge', { auth: { credential } });
    bridge.on('command', (c) => commands.push(c));
    const ack = await request<any>(bridge, 'telemetry:heartbeat', healthyHeartbeat());
    expect(ack.ok).toBe(true);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    bridge?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows a paper-out terminal live, lets maintenance acknowledge it, and shows it resolved', async () => {
    // axe needs a page that belongs to an explicit context.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('maint');
    await page.getByLabel('密码').fill('demo-maint-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '终端运维' }).waitFor();

    // Grouped by region then site; the reporting terminal is OK, the silent one offline.
    const py = page.locator('tr[data-terminal="PY-0001"]');
    const th = page.locator('tr[data-terminal="TH-0001"]');
    await expect.poll(() => py.textContent()).toContain('正常');
    expect(await py.textContent()).toContain('纸量正常');
    expect(await th.textContent()).toContain('离线');
    expect(await th.textContent()).toContain('从未上线');
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      '区域 广东省广州市天河区（440106）',
      '区域 广东省广州市番禺区（440113）',
    ]);
    const summary = page.getByRole('list', { name: '各状态终端数' });
    expect(await summary.textContent()).toMatch(/正常\s*1.*离线\s*1/);
    expect(await axeViolations(page)).toEqual([]);
    await snapshot(page, 'fleet', '01-list-ok');

    // Paper runs out at the terminal: the row turns critical without a reload.
    await request(bridge, 'telemetry:heartbeat', withPaper(healthyHeartbeat(), 'out'));
    await expect.poll(() => py.textContent()).toContain('故障');
    expect(await py.textContent()).toContain('凭条缺纸');
    expect(await py.textContent()).toMatch(/缺纸/);
    await expect
      .poll(() => page.locator('.fleet-news [aria-live="polite"]').textContent())
      .toContain('新告警：番禺中心 1 号机，凭条缺纸');
    await snapshot(page, 'fleet', '02-list-paper-out');

    // Filters: with alerts shows only this terminal; offline only the silent one.
    await page.getByRole('button', { name: '有告警' }).click();
    await expect.poll(() => page.locator('tr[data-terminal]').count()).toBe(1);
    expect(await py.isVisible()).toBe(true);
    await page.getByRole('button', { name: '离线' }).click();
    await expect.poll(() => th.isVisible()).toBe(true);
    expect(await py.count()).toBe(0);
    await page.getByLabel('按设备故障').selectOption({ label: '凭条缺纸' });
    await expect.poll(() => py.isVisible()).toBe(true);
    expect(await th.count()).toBe(0);
    await page.getByRole('button', { name: '全部' }).click();
    await page.getByLabel('搜索编号、名称或网点').fill('天河');
    await expect.poll(() => py.count()).toBe(0);
    expect(await th.isVisible()).toBe(true);
    await page.getByLabel('搜索编号、名称或网点').fill('');

    // Detail: the alert in words, acknowledged by the signed-in person.
    await page.getByRole('button', { name: /番禺中心 1 号机/ }).click();
    const detailHeading = page.getByRole('heading', { level: 3, name: /番禺中心 1 号机/ });
    await detailHeading.waitFor();
    await expect.poll(() => detailHeading.evaluate((h) => h === document.activeElement)).toBe(true);
    const openAlerts = page.getByRole('table', { name: '未恢复告警' });
    await expect.poll(() => openAlerts.textContent()).toContain('凭条缺纸');
    expect(await openAlerts.textContent()).toContain('严重');
    const devices = await page
      .getByRole('table', { name: '设备状态（最近一次心跳）' })
      .textContent();
    expect(devices).toContain('凭条打印机');
    expect(devices).toContain('缺纸');
    expect(await page.locator('.fleet-cards').textContent()).toMatch(/近 24 小时\s*\d+\.\d%/);
    await page.getByRole('button', { name: '确认告警：凭条缺纸' }).click();
    await expect.poll(() => openAlerts.textContent()).toContain('已由 运维小周 确认');
    await snapshot(page, 'fleet', '03-detail-acknowledged');

    // A remote action: confirmed inline, delivered, then the terminal's own result.
    await page.getByRole('button', { name: '打印测试页' }).click();
    await page
      .getByRole('group', { name: /确定要对 番禺中心 1 号机 执行“打印测试页”吗/ })
      .waitFor();
    await snapshot(page, 'fleet', '04-action-confirm');
    await page.getByRole('button', { name: '确认执行' }).click();
    const status = page.locator('#fleet-action-printTestPage ~ [role="status"]');
    await expect.poll(() => status.textContent()).toContain('打印测试页：已送达');
    await expect.poll(() => commands.length).toBe(1);
    expect(commands[0]?.action).toBe('printTestPage');
    // The bridge reports a code; the console words it (the bridge's English never shows).
    await request(bridge, 'command:result', {
      commandId: commands[0]?.commandId,
      ok: true,
      outcome: 'testPagePrinted',
      detailCode: null,
    });
    await expect.poll(() => status.textContent()).toContain('执行成功：测试页已打印');

    // Paper is back: the alert resolves by itself and the terminal is OK again.
    await request(bridge, 'telemetry:heartbeat', healthyHeartbeat());
    const pastAlerts = page.getByRole('table', { name: '历史告警' });
    await expect.poll(() => pastAlerts.textContent()).toContain('已恢复');
    expect(await pastAlerts.textContent()).toContain('凭条缺纸');
    expect(await pastAlerts.textContent()).toContain('已由 运维小周 确认');
    expect(await page.getByText('没有未恢复的告警。').isVisible()).toBe(true);
    expect(await page.locator('.fleet-detail-head').textContent()).toContain('正常');
    await expect.poll(() => page.locator('.fleet-timeline').textContent()).toContain('告警恢复');
    expect(await page.locator('.fleet-news [aria-live="polite"]').textContent()).toContain(
      '告警已恢复',
    );
    expect(await axeViolations(page)).toEqual([]);
    await snapshot(page, 'fleet', '05-detail-resolved');

    // Back to the list, focus on the terminal that was open, now OK.
    await page.getByRole('button', { name: '返回终端列表' }).click();
    await expect.poll(() => py.textContent()).toContain('正常');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('fleet-open-PY-0001');

    // An action on a terminal that is not connected says so plainly.
    await page.getByRole('button', { name: /天河中心 1 号机/ }).click();
    await page.getByRole('button', { name: '重新加载界面' }).click();
    await page.getByRole('button', { name: '确认执行' }).click();
    await expect
      .poll(() => page.locator('#fleet-action-reloadUi ~ [role="status"]').textContent())
      .toContain('终端离线，未送达');
    expect(await page.getByText('无数据').count()).toBe(2);
    await snapshot(page, 'fleet', '06-offline-terminal');

    // The same list in English.
    await page.getByRole('button', { name: '返回终端列表' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => py.textContent()).toContain('OK');
    expect(await th.textContent()).toContain('Offline');
    await snapshot(page, 'fleet', '07-list-english');
    // A tablet held upright: the same list must stay readable without sideways scrolling.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    await snapshot(page, 'fleet', '08-list-tablet');
    await context.close();
  });
});
