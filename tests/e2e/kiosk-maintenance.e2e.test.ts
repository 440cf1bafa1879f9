import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyHeartbeat } from '../../booth-server/src/testing/heartbeat.ts';
import { enrolTerminal } from '../../booth-server/src/testing/terminals.ts';
import { connectSocket, login, request } from '../../booth-server/src/testing/test-server.ts';
import { ARTIFACTS, browserSkipReason, snapshot } from './support/browser.ts';
import {
  expectWiped,
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';

const skip = browserSkipReason();
const w = words('zh-CN');
const MOTHER_ID = '33990219940612022X';
const TERMINAL = 'E2E-KIOSK-MAINT';
/** The terminal in service next to it, where citizens are sent meanwhile. */
const NEIGHBOUR = { id: 'E2E-KIOSK-NEXT', name: '2号自助终端', site: '番禺区政务服务中心' };

describe.skipIf(!!skip)('maintenance and reload from the fleet dashboard reach the kiosk', () => {
  // The neighbour beats once, at set-up: it stays in service however long the tests take.
  const k = useKioskSuite(
    { HEARTBEAT_INTERVAL_MS: 300, FLEET_OFFLINE_AFTER_SECONDS: 3600 },
    { terminalId: TERMINAL },
  );
  let staff: Socket;
  let neighbour: Socket;

  beforeAll(async () => {
    neighbour = await connectSocket(k.stack.server.url, '/bridge', {
      auth: {
        credential: await enrolTerminal(k.stack.server.url, k.stack.adminCookie, NEIGHBOUR.id, {
          name: NEIGHBOUR.name,
          site: NEIGHBOUR.site,
        }),
      },
    });
    await request(neighbour, 'telemetry:heartbeat', healthyHeartbeat());
    staff = await connectSocket(k.stack.server.url, '/staff', {
      cookie: await login(k.stack.server.url, 'maint', 'demo-maint-2026'),
    });
  });
  afterAll(() => {
    staff?.close();
    neighbour?.close();
  });

  /** A maintenance action from the fleet; `request` fails the test if the server refuses it. */
  const act = async (action: 'maintenanceOn' | 'maintenanceOff' | 'reloadUi') => {
    await request(staff, 'fleet:action', { terminalId: TERMINAL, action });
  };

  /** A citizen part-way through an application, identified by card. */
  const citizenMidFlow = async (page: import('playwright-core').Page) => {
    await page.getByRole('button', { name: w('attract.start') }).click();
    await onScreen(page, 'welcome');
    await page.getByRole('button', { name: w('welcome.continue') }).click();
    await onScreen(page, 'identify');
    await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID });
    await onScreen(page, 'chooseBundle');
    await expect(page.locator('main').textContent()).resolves.toContain('林晓雯');
    await simRequest(k.local, 'sim:removeCard', {});
  };

  it('maintenance: out of service in both languages, naming the terminal to use; back when it ends', async () => {
    const suite = 'kiosk-maintenance';
    rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    const { context, page } = await openKiosk(k.browser, k.stack);
    const screen = page.locator('section[data-screen="outOfService"]');
    let inMaintenance = false;
    try {
      await citizenMidFlow(page);
      await act('maintenanceOn');
      inMaintenance = true;

      await onScreen(page, 'outOfService');
      const place = `${NEIGHBOUR.site} ${NEIGHBOUR.name}`;
      // The maintenance command itself names the terminal to use: no heartbeat to wait for.
      await screen.getByText(`请前往：${place}`).waitFor();
      await screen.getByText(`Please go to: ${place}`).waitFor();
      await expect(screen.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
        '本机暂停服务',
      );
      await expect(screen.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
        'This terminal is out of service',
      );
      // the citizen who was there is forgotten, on screen and in the page
      await expect(page.content()).resolves.not.toContain('林晓雯');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, suite, '01-out-of-service');

      // nothing starts while out of service, not even a card on the reader
      // (the bridge's broadcast of the read reaches the page with the test's own local socket)
      const read = new Promise((resolve) => k.local.once('card:inserted', resolve));
      await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID });
      await read;
      await onScreen(page, 'outOfService');
      await expect(page.content()).resolves.not.toContain('林晓雯');
      await simRequest(k.local, 'sim:removeCard', {});

      await act('maintenanceOff');
      inMaintenance = false;
      await expectWiped(page, ['林晓雯', MOTHER_ID]);
      await page.getByRole('button', { name: w('attract.start') }).waitFor();
      await snapshot(page, suite, '02-back-in-service');
    } finally {
      // A failure above must not leave the terminal out of service for the next test.
      if (inMaintenance) await act('maintenanceOff');
      await context.close();
    }
  });

  it('reload: the session is wiped and the page comes back, launched again with its bridge', async () => {
    const { context, page } = await openKiosk(k.browser, k.stack);
    try {
      await citizenMidFlow(page);
      // the token left the address bar at start-up
      expect(new URL(page.url()).hash).toBe('');
      await page.evaluate(() => {
        (window as unknown as { beforeReload?: boolean }).beforeReload = true;
      });
      const reloaded = page.waitForEvent('load');
      await act('reloadUi');
      await reloaded;
      await expect(
        page.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload),
      ).resolves.toBeUndefined();
      // launched again: the bridge answered (the demo controls are back), no token in the bar
      await onScreen(page, 'attract');
      await page.locator('.sim-panel').waitFor();
      expect(new URL(page.url()).hash).toBe('');
      await expectWiped(page, ['林晓雯', MOTHER_ID]);
      // and it works: a card starts a new application
      await simRequest(k.local, 'sim:placeCard', { personId: MOTHER_ID });
      await onScreen(page, 'welcome');
      await simRequest(k.local, 'sim:removeCard', {});
    } finally {
      await context.close();
    }
  });
});
