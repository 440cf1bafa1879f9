import type { Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINTER_STATUS_POLL_MS } from '../../kiosk/bridge/src/service/hardware.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { bridgeLocalSocket, simRequest } from './support/kiosk-page.ts';
import { type Stack, startStack } from './support/stack.ts';
import { STEP_MS } from './support/timing.ts';

const skip = browserSkipReason();
const HEARTBEAT_MS = 500;
/** A paper change reaches the dashboard after the printer's next status poll and heartbeat. */
const PAPER_SEEN_MS = DEFAULT_PRINTER_STATUS_POLL_MS + HEARTBEAT_MS + STEP_MS;

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
      {
        ALERT_OPEN_AFTER_SECONDS: 0,
        ALERT_CLEAR_AFTER_SECONDS: 0,
        HEARTBEAT_INTERVAL_MS: HEARTBEAT_MS,
      },
      { terminalId: 'PY-E2E-PAPER' },
    );
    browser = await launchBrowser();
    local = await bridgeLocalSocket(s);
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
    await expect
      .poll(() => row.textContent(), { timeout: HEARTBEAT_MS + STEP_MS })
      .toContain('正常');

    await simRequest(local, 'sim:paper', { paper: 'out' });
    await expect.poll(() => row.textContent(), { timeout: PAPER_SEEN_MS }).toContain('故障');
    expect(await row.textContent()).toContain('缺纸');
    await snapshot(page, 'fleet-bridge', '01-paper-out');

    await simRequest(local, 'sim:paper', { paper: 'ok' });
    await expect.poll(() => row.textContent(), { timeout: PAPER_SEEN_MS }).toContain('正常');
    await page.getByRole('button', { name: /测试机/ }).click();
    const past = page.getByRole('table', { name: '历史告警' });
    await expect.poll(() => past.textContent()).toContain('凭条缺纸');
    await snapshot(page, 'fleet-bridge', '02-paper-back');
    await page.close();
  });
});
