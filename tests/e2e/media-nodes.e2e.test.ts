import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../booth-server/src/config/config.ts';
import { probeWorkerBinary } from '../../booth-server/src/media/worker-binary.ts';
import { MediaNodeProcess } from '../../booth-server/src/media-node/media-node-process.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import {
  createPgTestDatabase,
  type PgTestDatabase,
} from '../../booth-server/src/testing/postgres.ts';
import {
  connectSocket,
  login,
  request,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { buildMediaHarness } from './media-harness/build.ts';
import { browserSkipReason, launchBrowser } from './support/browser.ts';

const worker = probeWorkerBinary();
const before =
  browserSkipReason() ?? (worker.found ? null : `no mediasoup worker: ${worker.reason}`);
// A database only when the test can run: a skipped describe never reaches its afterAll.
const pg = before ? { skip: before } : await createPgTestDatabase();
const skip = 'skip' in pg ? pg.skip : null;
if (skip) console.warn(`[skip] media piped between two media nodes: ${skip}`);

const SECRET = 'media-node-secret-for-the-e2e-test-0123456789';
const HEARTBEAT_MS = 500;
const DEAD_AFTER_MS = 2_000;

/** Waits until every inbound stream of a page has decoded frames (video) and received audio. */
async function mediaFlows(page: Page): Promise<{ video: number; audio: number }> {
  const read = async () => {
    const stats = await page.evaluate(() => window.callStats());
    const most = (kind: string, key: 'framesDecoded' | 'packetsReceived') =>
      Math.max(0, ...stats.filter((s) => s.kind === kind).map((s) => s[key] ?? 0));
    return { video: most('video', 'framesDecoded'), audio: most('audio', 'packetsReceived') };
  };
  const first = await read();
  for (let i = 0; i < 80; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await read();
    if (now.video > first.video + 10 && now.audio > first.audio + 10) return now;
  }
  return read();
}

/**
 * 跨省通办 across two media nodes: the booth in 广东 (440113) is served by the booth server's
 * own node for region 44, the agent in 四川 (510104) by a separate media node for region 51;
 * the call's two routers are joined by PipeTransports, and each browser decodes the other.
 * Then the 四川 node goes away and its half of the call moves to the live node.
 */
describe.skipIf(!!skip)('a call piped between two media nodes', () => {
  let t: TestServer;
  let remote: MediaNodeProcess;
  let browser: Browser;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'media-node-e2e-'));
  const shared = {
    ONETHING_MODE: 'test',
    DATABASE_URL: (pg as PgTestDatabase).url,
    MEDIA_DISABLED: false,
    MEDIA_WORKERS: 1,
    MEDIA_NODES: 'registry',
    MEDIA_NODE_SECRET: SECRET,
    MEDIA_NODE_HEARTBEAT_MS: HEARTBEAT_MS,
    MEDIA_NODE_DEAD_AFTER_MS: DEAD_AFTER_MS,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };

  beforeAll(async () => {
    remote = await MediaNodeProcess.create(
      loadConfig(
        {},
        {
          ...shared,
          PORT: 0,
          DATA_DIR: dataDir,
          MEDIA_NODE_ID: 'node-sc',
          MEDIA_NODE_REGION: '51',
          MEDIA_PORT: 44210,
        },
      ),
    );
    await remote.listen();
    t = await startTestServer({
      ...shared,
      MEDIA_NODE_ID: 'node-gd',
      MEDIA_NODE_REGION: '44',
      MEDIA_PORT: 44110,
      ESCALATE_AFTER_SECONDS: 5,
      STATIC_DIR_KIOSK: await buildMediaHarness(),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await remote?.close().catch(() => undefined);
    if (!('skip' in pg)) await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('routes a 广东 booth to a 四川 agent, pipes their routers, and each decodes the other', async () => {
    await expect
      .poll(() =>
        t.server.calls
          .nodes()
          .map((n) => n.id)
          .sort(),
      )
      .toEqual(['node-gd', 'node-sc']);
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const kiosk = await kioskSession(t.url, admin, 'PIPE-BOOTH');
    const agentCookie = await login(t.url, 'agent.remote', 'demo-agent-2026');
    const boothSocket = await connectSocket(t.url, '/kiosk', { auth: { token: kiosk.token } });
    const agentSocket = await connectSocket(t.url, '/staff', { cookie: agentCookie });
    const offers: any[] = [];
    agentSocket.on('offer:new', (o) => offers.push(o));
    await request(agentSocket, 'agent:setState', { state: 'available' });
    const help = await request<any>(boothSocket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    // No 广东 agent is on duty: the ticket escalates to any region after ESCALATE_AFTER_SECONDS.
    await expect.poll(() => offers.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const accepted = await request<any>(agentSocket, 'offer:accept', {
      offerId: offers[0].offerId,
    });
    expect(accepted.ok).toBe(true);
    const callId = help.data.ticketId;
    // Each party's half of the call is on its own region's node.
    const legs = await t.server.database.db
      .selectFrom('media_call_legs')
      .select(['peer_id', 'node_id'])
      .where('call_id', '=', callId)
      .execute();
    expect(Object.fromEntries(legs.map((l) => [l.peer_id.split(':')[0], l.node_id]))).toEqual({
      terminal: 'node-gd',
      staff: 'node-sc',
    });

    const boothPage = await browser.newPage();
    const agentContext = await browser.newContext();
    const [name, value] = agentCookie.split('=') as [string, string];
    await agentContext.addCookies([{ name, value, url: t.url }]);
    const agentPage = await agentContext.newPage();
    await boothPage.goto(`${t.url}/kiosk/`);
    await agentPage.goto(`${t.url}/kiosk/`);
    const start = Date.now();
    const [boothPeers, agentPeers] = await Promise.all([
      boothPage.evaluate((o) => window.startCall(o), {
        namespace: '/kiosk',
        auth: { token: kiosk.token },
        callId,
      }),
      agentPage.evaluate((o) => window.startCall(o), { namespace: '/staff', auth: {}, callId }),
    ]);
    expect(boothPeers).toEqual(expect.arrayContaining(['citizen', 'agent']));
    expect(agentPeers).toEqual(expect.arrayContaining(['citizen', 'agent']));
    const atBooth = await mediaFlows(boothPage);
    const atAgent = await mediaFlows(agentPage);
    process.stdout.write(
      `piped media flowing after ${Date.now() - start} ms: booth ${JSON.stringify(atBooth)}, agent ${JSON.stringify(atAgent)}\n`,
    );
    expect(atBooth.video).toBeGreaterThan(10);
    expect(atAgent.video).toBeGreaterThan(10);
    expect(atBooth.audio).toBeGreaterThan(10);
    expect(atAgent.audio).toBeGreaterThan(10);

    // The 四川 node goes away: its half of the call moves to the live node, both pages rejoin.
    const lostAt = Date.now();
    await remote.close();
    await expect
      .poll(
        async () =>
          (
            await t.server.database.db
              .selectFrom('media_call_legs')
              .select('node_id')
              .where('call_id', '=', callId)
              .where('peer_id', 'like', 'staff:%')
              .executeTakeFirst()
          )?.node_id,
        { timeout: DEAD_AFTER_MS + 4 * HEARTBEAT_MS },
      )
      .toBe('node-gd');
    const afterBooth = await mediaFlows(boothPage);
    const afterAgent = await mediaFlows(agentPage);
    process.stdout.write(
      `media flowing again ${Date.now() - lostAt} ms after the node was lost: booth ${JSON.stringify(afterBooth)}, agent ${JSON.stringify(afterAgent)}\n`,
    );
    expect(afterBooth.video).toBeGreaterThan(10);
    expect(afterAgent.video).toBeGreaterThan(10);

    await request(agentSocket, 'call:end', { ticketId: callId });
    expect(t.server.calls.roomCount()).toBe(0);
    boothSocket.close();
    agentSocket.close();
  });
});
