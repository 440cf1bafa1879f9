import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../booth-server/src/testing/test-server.ts';
import { loadConfig } from '../../kiosk/bridge/src/config.ts';
import { KioskBridge } from '../../kiosk/bridge/src/service/kiosk-bridge.ts';
import { createBridgeLogger } from '../../kiosk/bridge/src/service/logger.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { STEP_MS } from './support/timing.ts';

const skip = browserSkipReason();
/** Screens for people to look at, at the console's real size (outside the repository). */
const SHOTS = process.env.ADMIN_SHOTS_DIR ?? '/work/shots/admin';
const VIEWPORT = { width: 1440, height: 900 };
const WAIT = { timeout: STEP_MS };

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('body').analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Every screen: no axe violations, a screenshot for the report and one for the artifacts. */
async function screen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await snapshot(page, 'admin-console', name);
}

/**
 * 三员分立 in the console: the system administrator enrols a terminal (its code shown as text
 * and QR) whose real device bridge then connects, and creates an agent; security
 * administrators approve grants — a personal-data grant waits for a second one; the new agent
 * changes the temporary password and signs in; the auditor reads the log in words with the hash
 * chain intact.
 */
describe.skipIf(!!skip)('administration in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let bridge: KioskBridge | undefined;
  const bridgeDir = mkdtempSync(path.join(os.tmpdir(), 'onething-e2e-admin-bridge-'));

  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await bridge?.close();
    await browser?.close();
    await t?.close();
    rmSync(bridgeDir, { recursive: true, force: true });
  });

  /** The same screen in English (checked and shot), then back to Chinese. */
  async function inEnglish(page: Page, name: string, heading: string): Promise<void> {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await screen(page, name);
    await page.getByRole('button', { name: '中文' }).click();
  }

  async function signIn(username: string, password: string, english = false): Promise<Page> {
    // A context of its own (axe needs one; the session cookie stays with its person).
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await page.goto(`${t.url}/agent/`);
    if (english) await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel(english ? 'Username' : '用户名').fill(username);
    await page.getByLabel(english ? 'Password' : '密码').fill(password);
    await page.getByRole('button', { name: english ? 'Sign in' : '登录' }).click();
    return page;
  }

  it('the system administrator enrols a terminal whose bridge connects, and creates an agent', async () => {
    const page = await signIn('admin', 'demo-admin-2026');
    await page.getByRole('heading', { name: '工作人员账号' }).waitFor();
    // The system administrator has accounts and terminals, not the audit log.
    await expect(page.getByRole('button', { name: '审计日志' }).count()).resolves.toBe(0);
    await page.getByText('新建账号', { exact: true }).first().click();
    await screen(page, 'zh-01-accounts-sysadmin');
    await inEnglish(page, 'en-01-accounts-sysadmin', 'Staff accounts');

    await page.getByRole('button', { name: '终端管理' }).click();
    await page.getByRole('heading', { name: '终端', exact: true }).waitFor();
    await page.getByText('登记终端', { exact: true }).first().click();
    await page.getByLabel('终端编号').fill('E2E-ADMIN-01');
    await page.getByLabel('名称').fill('番禺区政务服务中心 一楼自助终端');
    await page.getByLabel('所在场所').fill('番禺区政务服务中心');
    await page.getByRole('button', { name: '登记终端' }).click();
    const code = page.getByTestId('enrolment-code');
    await code.waitFor();
    const enrolmentCode = (await code.textContent())?.trim() ?? '';
    expect(enrolmentCode.length).toBeGreaterThanOrEqual(8);
    await expect(page.getByRole('img', { name: '注册码二维码' }).count()).resolves.toBe(1);
    const row = page.locator('tr[data-terminal="E2E-ADMIN-01"]');
    await expect.poll(() => row.textContent(), WAIT).toContain('注册码待使用');
    await screen(page, 'zh-02-terminal-code');
    await inEnglish(page, 'en-02-terminal-code', 'Terminals');

    // A real device bridge enrols with the code the screen showed, and connects.
    bridge = await KioskBridge.start(
      loadConfig({
        BRIDGE_SERVER_URL: t.url,
        BRIDGE_DATA_DIR: bridgeDir,
        BRIDGE_HARDWARE: 'simulated',
        BRIDGE_LOCAL_PORT: '0',
        BRIDGE_TERMINAL_ID: 'E2E-ADMIN-01',
        BRIDGE_ENROLMENT_CODE: enrolmentCode,
        BRIDGE_KIOSK_URL: `${t.url}/kiosk/`,
      }),
      { logger: createBridgeLogger('silent') },
    );
    await expect
      .poll(async () => (await t.server.io.of('/bridge').fetchSockets()).length, {
        timeout: STEP_MS,
      })
      .toBe(1);
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.getByRole('button', { name: '账号管理' }).click();
    await page.getByRole('button', { name: '终端管理' }).click();
    await expect.poll(() => row.textContent(), WAIT).toContain('已注册');

    await page.getByRole('button', { name: '账号管理' }).click();
    await page.getByText('新建账号', { exact: true }).first().click();
    await page.getByLabel('用户名').fill('agent.e2e');
    await page.getByLabel('姓名').fill('钱坐席');
    await page.getByLabel('临时密码').fill('temporary-pass-1');
    await page.getByLabel('部门代码').fill('HRSS');
    await page.getByLabel('服务区域').fill('440113');
    await page.getByRole('checkbox', { name: '坐席' }).check();
    await page.getByRole('button', { name: '新建账号' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), WAIT)
      .toContain('账号 钱坐席 已创建');
    await expect
      .poll(() => page.locator('tr', { hasText: 'agent.e2e' }).textContent(), WAIT)
      .toContain('待改密码');
    await screen(page, 'zh-03-account-created');
    await page.close();
  });

  it('a personal-data grant waits for a second security administrator', async () => {
    const page = await signIn('security', 'demo-security-2026', true);
    await page.getByRole('heading', { name: 'Role grants awaiting approval' }).waitFor();
    // The new agent's roles were asked for by the system administrator: this one approves.
    await page.getByRole('button', { name: 'Approve 钱坐席（agent.e2e）' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), WAIT)
      .toContain('Approved');
    // Now this security administrator asks for a personal-data role: it waits.
    await page.getByRole('button', { name: 'Change roles maint' }).click();
    await page.getByRole('checkbox', { name: 'Supervisor' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), WAIT)
      .toContain('waiting for another security administrator');
    const waiting = page.locator('section[aria-labelledby="grants-title"]');
    await expect
      .poll(() => waiting.textContent(), WAIT)
      .toContain('Asked by you; someone else approves');
    await screen(page, 'en-04-grant-waiting');
    await page.close();

    const second = await signIn('security2', 'demo-security-2026');
    await second.getByRole('heading', { name: '待审批的角色授权' }).waitFor();
    await screen(second, 'zh-05-grant-second-approver');
    await second.getByRole('button', { name: '批准 运维小周（maint）' }).click();
    await expect
      .poll(() => second.locator('tr', { hasText: 'maint' }).first().textContent(), WAIT)
      .toContain('主管');
    await second.close();
  });

  it('the new agent changes the temporary password, then works', async () => {
    const page = await signIn('agent.e2e', 'temporary-pass-1');
    await page.getByRole('heading', { name: '请修改密码' }).waitFor();
    await screen(page, 'zh-06-change-password');
    await inEnglish(page, 'en-06-change-password', 'Change your password');
    await page.getByLabel('当前（临时）密码').fill('temporary-pass-1');
    await page.getByLabel('新密码（至少 10 个字符）').fill('qian-own-password');
    await page.getByLabel('再次输入新密码').fill('qian-own-password');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '坐席' }).waitFor();
    expect(await page.locator('.who').textContent()).toContain('钱坐席');
    await page.close();
  });

  it('the auditor reads the log in words, with the chain intact, in Chinese and English', async () => {
    const page = await signIn('auditor', 'demo-auditor-2026');
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    const chain = page.locator('[data-chain]');
    await expect.poll(() => chain.getAttribute('data-chain'), WAIT).toBe('intact');
    expect(await chain.textContent()).toContain('完好');
    const table = page.locator('table.audit');
    await expect.poll(() => table.textContent(), WAIT).toContain('批准角色授权');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('创建账号');
    expect(text).toContain('系统管理员（admin）');
    expect(text).toContain('钱坐席（agent.e2e）');
    expect(text).toContain('终端完成注册');
    expect(text).not.toContain('account.create');
    await screen(page, 'zh-07-audit');

    await page.getByLabel('操作类别').selectOption('role');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => table.textContent(), WAIT).not.toContain('创建账号');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('批准角色授权');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => chain.textContent(), WAIT).toContain('Intact');
    await expect.poll(() => table.textContent(), WAIT).toContain('Approved a role grant');
    await screen(page, 'en-08-audit');
    await page.close();
  });
});
