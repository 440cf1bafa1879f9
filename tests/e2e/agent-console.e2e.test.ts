import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();

describe.skipIf(!!skip)('agent console in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs the system administrator in to accounts; the auditor reads the audit trail of that sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.url}/agent/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('坐席工作台');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await snapshot(page, 'agent-console', '01-login-error');

    await page.getByLabel('密码').fill('demo-admin-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作人员账号' }).waitFor();
    const table = await page.getByRole('table').textContent();
    expect(table).toContain('agent.police');
    expect(table).toContain('李警官');
    await snapshot(page, 'agent-console', '02-accounts');

    // 三员分立: the audit trail of that sign-in is the auditor's to read, in words.
    expect(await page.getByRole('navigation').getByRole('button').allTextContents()).not.toContain(
      '审计日志',
    );
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').fill('auditor');
    await page.getByLabel('密码').fill('demo-auditor-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('登录失败');
    const audit = await page.getByRole('table').textContent();
    expect(audit).toContain('系统管理员（admin）');
    expect(audit).toContain('用户名 admin');
    await snapshot(page, 'agent-console', '03-audit');
    await page.close();
  });

  it('shows an agent only the agent pages, in English on request', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('agent.police');
    await page.getByLabel('密码').fill('demo-agent-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('李警官').waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('button').allTextContents()).not.toContain('账号管理');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });
});
