import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();

/** What Chromium reports when the Content-Security-Policy blocks something on the page. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/**
 * Issue #13, findings 5 and 8 in the browser: the console's sign-in says how long a held-back
 * person must wait, in zh-CN and English, and the console works under the CSP.
 */
describe.skipIf(!!skip)('agent console sign-in under the limits and the CSP', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    // A first delay long enough to still hold when the browser signs in.
    t = await startTestServer({ LOGIN_DELAY_BASE_MS: 120_000 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const wrongFromHere = async (username: string, times: number) => {
    for (let i = 0; i < times; i++) {
      await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: `wrong-${i}` }),
      });
    }
  };

  it('after repeated failures from this computer it says how long to wait (zh-CN), audited', async () => {
    await wrongFromHere('agent.hrss', t.server.config.LOGIN_PAIR_FREE_ATTEMPTS);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const violations = cspViolations(page);
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('agent.hrss');
    await page.getByLabel('密码').fill('demo-agent-2026');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('请在');
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/请在 (1 分 5\d 秒|2 分 00 秒) 后再试/);
    expect(text).toContain('其他电脑上的正常登录不受影响');
    expect(text).not.toMatch(/LOGIN_THROTTLED|retryAfter/);
    await snapshot(page, 'sign-in-limits', '01-console-throttled-zh');
    const audit = await t.server.audit.list({ action: 'auth.login.throttled', limit: 5 });
    expect(audit[0]?.targetId).toBe('agent.hrss');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('says the same in English', async () => {
    await wrongFromHere('agent.health', t.server.config.LOGIN_PAIR_FREE_ATTEMPTS);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${t.url}/agent/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Username').fill('agent.health');
    await page.getByLabel('Password').fill('demo-agent-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('try again in');
    expect(await alert.textContent()).toMatch(
      /try again in (1 min 5\d s|2 min 00 s); sign-ins from other computers/,
    );
    await snapshot(page, 'sign-in-limits', '02-console-throttled-en');
    await page.close();
  });

  it('the signed-in console connects its socket and renders under the CSP, with no violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const violations = cspViolations(page);
    const response = await page.goto(`${t.url}/agent/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('用户名').fill('agent.police');
    await page.getByLabel('密码').fill('demo-agent-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('李警官').waitFor();
    // The seat's state switch answers only over the /staff socket.
    const current = page.locator('.seat-current');
    await expect.poll(() => current.textContent()).not.toContain('空闲');
    await page.getByRole('button', { name: /空闲/ }).first().click();
    await expect.poll(() => current.textContent()).toContain('空闲');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('a foreign page cannot frame the console', async () => {
    const page = await browser.newPage();
    const violations = cspViolations(page);
    await page.setContent(`<iframe src="${t.url}/agent/" width="600" height="400"></iframe>`);
    await expect.poll(() => violations.join('\n')).toMatch(/frame-ancestors/);
    const frame = page.frames().find((f) => f.url().startsWith(t.url));
    expect(await frame?.$('#app').catch(() => null)).toBeFalsy();
    await page.close();
  });
});
