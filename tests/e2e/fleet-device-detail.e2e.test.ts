import type { Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyHeartbeat } from '../../booth-server/src/testing/heartbeat.ts';
import { enrolTerminal } from '../../booth-server/src/testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();
const LEAK = '读到 林晓雯 33990219940612022X';

describe.skipIf(!!skip)('device details in the fleet console, in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let bridge: Socket;

  beforeAll(async () => {
    t = await startTestServer({ ALERT_OPEN_AFTER_SECONDS: 0, FLEET_OFFLINE_AFTER_SECONDS: 3600 });
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const credential = await enrolTerminal(t.url, admin, 'PY-0002', { name: '番禺中心 2 号机' });
    bridge = await connectSocket(t.url, '/bridge', { auth: { credential } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    bridge?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows each device detail as words of the shared vocabulary in Chinese and English, never free text', async () => {
    const hb = healthyHeartbeat();
    // A tampered bridge tries free text first: refused, so nothing of it is stored.
    await requestRefusal(bridge, 'telemetry:heartbeat', {
      ...hb,
      devices: { ...hb.devices, idCardReader: { ...hb.devices.idCardReader, detail: LEAK } },
    });
    await request(bridge, 'telemetry:heartbeat', {
      ...hb,
      devices: {
        ...hb.devices,
        idCardReader: { status: 'fault', detail: 'SAM_SELF_TEST_FAILED', cardPresent: false },
        scanner: { status: 'absent', detail: 'NOT_CONNECTED' },
      },
    });

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('maint');
    await page.getByLabel('密码').fill('demo-maint-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '终端运维' }).waitFor();
    await page.getByRole('button', { name: /番禺中心 2 号机/ }).click();
    const devices = page.getByRole('table', { name: '设备状态（最近一次心跳）' });
    await expect.poll(() => devices.textContent()).toContain('安全模块自检失败');
    const zh = (await devices.textContent()) ?? '';
    expect(zh).toContain('未连接');
    expect(zh).not.toContain('SAM_SELF_TEST_FAILED');
    // The alert opens from the same heartbeat; its table may render a moment later.
    await expect
      .poll(() => page.getByRole('table', { name: '未恢复告警' }).textContent())
      .toContain('安全模块自检失败');
    expect(await page.content()).not.toContain('林晓雯');
    await snapshot(page, 'fleet', '06-device-detail-zh');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    const en = page.getByRole('table', { name: 'Devices (last heartbeat)' });
    await expect.poll(() => en.textContent()).toContain('SAM self-test failed');
    expect(await en.textContent()).toContain('not connected');
    // The alert the code opened reads in words too.
    const alerts = (await page.getByRole('table', { name: 'Open alerts' }).textContent()) ?? '';
    expect(alerts).toContain('SAM self-test failed');
    expect(alerts).not.toContain('SAM_SELF_TEST_FAILED');
    await snapshot(page, 'fleet', '07-device-detail-en');
    await context.close();
  });
});
