import type { Browser } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { type Stack, startStack } from './support/stack.ts';

const skip = browserSkipReason();

/**
 * The maintenance view of a real device bridge: its simulated receipt printer runs out of paper,
 * the bridge's heartbeat carries that to the booth server, and the dashboard shows the alert and
 * then its resolution once paper is back.
 */
describe.skipIf(!!skip)('fleet alert from a real bridge’s simulated printer', () => {
  let s: Stack;
  let browser: Browser;
  let local: Socket;

  beforeAll(async () => {
    s = await startStack(
      { ALERT_OPEN_AFTER_SECONDS: 0, ALERT_CLEAR_AFTER_SECONDS: 0, HEARTBEAT_INTERVAL_MS: 500 },
      { terminalId: 'PY-E2E-PAPER' },
    );
    browser = await launchBrowser();
    const fragment = new URL(s.kioskUrl).hash.slice(1);
    const params = new URLSearchParams(fragment);
    local = io(`${params.get('bridge')}/local`, {
      transports: ['websocket'],
      auth: { token: params.get('token') },
    });
    await new Promise<void>((resolve, reject) => {
      local.once('connect', () => resolve());
      local.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    local?.close();
    await browser?.close();
    await s?.close();
  });

  it('opens a paper-out alert and clears it when paper is replaced', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${s.server.url}/agent/`);
    await page.getByLabel('用户名').fill('maint');
    await page.getByLabel('密码').fill('demo-maint-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '终端运维' }).waitFor();
    const row = page.locator('tr[data-terminal="PY-E2E-PAPER"]');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('正常');

    const out = (await local.timeout(5000).emitWithAck('sim:paper', { paper: 'out' })) as {
      ok: boolean;
    };
    expect(out.ok).toBe(true);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('故障');
    expect(await row.textContent()).toContain('缺纸');
    await snapshot(page, 'fleet-bridge', '01-paper-out');

    const back = (await local.timeout(5000).emitWithAck('sim:paper', { paper: 'ok' })) as {
      ok: boolean;
    };
    expect(back.ok).toBe(true);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('正常');
    await page.getByRole('button', { name: /测试机/ }).click();
    const past = page.getByRole('table', { name: '历史告警' });
    await expect.poll(() => past.textContent(), { timeout: 10_000 }).toContain('凭条缺纸');
    await snapshot(page, 'fleet-bridge', '02-paper-back');
    await page.close();
  });
});
