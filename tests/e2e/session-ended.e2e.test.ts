import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();

/**
 * Issue 13, finding 1, as the person at the console sees it: an administrator disables a
 * signed-in agent; the console's socket is ended by the server and the console says why, in
 * the agent's language, back at sign-in.
 */
describe.skipIf(!!skip)('a disabled agent’s console in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let admin: string;
  let agentId: string;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
    admin = await login(t.url, 'admin', 'demo-admin-2026');
    const { accounts } = await readJson(
      await fetch(`${t.url}/api/admin/accounts`, { headers: { cookie: admin } }),
    );
    agentId = (accounts as { id: string; username: string }[]).find(
      (a) => a.username === 'agent.hrss',
    )?.id as string;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const setDisabled = (disabled: boolean) =>
    fetch(`${t.url}/api/admin/accounts/${agentId}/disabled`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ disabled }),
    });

  /** Signs agent.hrss in and waits until the console's /staff socket is open on the server. */
  async function signedInAgent(english: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('agent.hrss');
    await page.getByLabel('密码').fill('demo-agent-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('王社保').waitFor();
    if (english) {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    }
    await expect
      .poll(
        async () => (await t.server.io.of('/staff').in(`staff:${agentId}`).fetchSockets()).length,
      )
      .toBeGreaterThan(0);
    return page;
  }

  async function expectNoInternals(page: Page): Promise<void> {
    const text = (await page.locator('body').textContent()) ?? '';
    for (const internal of [
      'UNAUTHENTICATED',
      'session:ended',
      'io server disconnect',
      'loggedOut',
    ])
      expect(text).not.toContain(internal);
  }

  it('shows the agent, in Chinese, that the account was disabled, back at sign-in', async () => {
    const page = await signedInAgent(false);
    expect((await setDisabled(true)).status).toBe(204);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('您的账号已被管理员停用');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByLabel('密码').waitFor();
    await expectNoInternals(page);
    await snapshot(page, 'session-ended', '01-disabled-zh-CN');
    expect((await setDisabled(false)).status).toBe(204);
    await page.context().close();
  });

  it('and in English when the agent reads English', async () => {
    const page = await signedInAgent(true);
    expect((await setDisabled(true)).status).toBe(204);
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('An administrator has disabled your account');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoInternals(page);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await snapshot(page, 'session-ended', '02-disabled-en');
    expect((await setDisabled(false)).status).toBe(204);
    await page.context().close();
  });
});
