import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeWorkerBinary } from '../../booth-server/src/media/worker-binary.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
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
const skip = browserSkipReason() ?? (worker.found ? null : `no mediasoup worker: ${worker.reason}`);
if (skip) console.warn(`[skip] real-media call test: ${skip}`);

/** Waits until every inbound stream of a page has decoded frames (video) or received packets. */
async function mediaFlows(page: Page): Promise<{ video: number; audio: number }> {
  const read = async () => {
    const stats = await page.evaluate(() => window.callStats());
    return {
      video: Math.max(
        0,
        ...stats.filter((s) => s.kind === 'video').map((s) => s.framesDecoded ?? 0),
      ),
      audio: Math.max(
        0,
        ...stats.filter((s) => s.kind === 'audio').map((s) => s.packetsReceived ?? 0),
      ),
    };
  };
  const first = await read();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await read();
    if (now.video > first.video + 10 && now.audio > first.audio + 10) return now;
  }
  return read();
}

describe.skipIf(!!skip)('a real call through the SFU between a booth and an agent', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer({
      MEDIA_DISABLED: false,
      MEDIA_WORKERS: 1,
      MEDIA_PORT: 41000 + Math.floor(Math.random() * 2000),
      STATIC_DIR_KIOSK: await buildMediaHarness(),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('routes the ticket, opens a call room, and both sides decode the other’s video and hear audio', async () => {
    expect(t.server.pool.availability.available).toBe(true);
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const kiosk = await kioskSession(t.url, admin, 'MEDIA-BOOTH');
    const agentCookie = await login(t.url, 'agent.police', 'demo-agent-2026');

    // Signalling for the ticket runs over real sockets; the media over the pages.
    const boothSocket = await connectSocket(t.url, '/kiosk', { auth: { token: kiosk.token } });
    const agentSocket = await connectSocket(t.url, '/staff', { cookie: agentCookie });
    const offers: any[] = [];
    agentSocket.on('offer:new', (o) => offers.push(o));
    await request(agentSocket, 'agent:setState', { state: 'available' });
    const help = await request<any>(boothSocket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    for (let i = 0; i < 100 && offers.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    const accepted = await request<any>(agentSocket, 'offer:accept', {
      offerId: offers[0].offerId,
    });
    expect(accepted.ok).toBe(true);
    const callId = help.data.ticketId;

    const boothPage = await browser.newPage();
    const agentContext = await browser.newContext();
    const [name, value] = agentCookie.split('=') as [string, string];
    await agentContext.addCookies([{ name, value, url: t.url }]);
    const agentPage = await agentContext.newPage();
    await boothPage.goto(`${t.url}/kiosk/`);
    await agentPage.goto(`${t.url}/kiosk/`);
    const start = Date.now();
    const boothPeers = await boothPage.evaluate((o) => window.startCall(o), {
      namespace: '/kiosk',
      auth: { token: kiosk.token },
      callId,
    });
    const agentPeers = await agentPage.evaluate((o) => window.startCall(o), {
      namespace: '/staff',
      auth: {},
      callId,
    });
    expect(boothPeers).toEqual(expect.arrayContaining(['citizen', 'agent']));
    expect(agentPeers).toEqual(expect.arrayContaining(['citizen', 'agent']));

    const atBooth = await mediaFlows(boothPage);
    const atAgent = await mediaFlows(agentPage);
    process.stdout.write(
      `media flowing after ${Date.now() - start} ms: booth ${JSON.stringify(atBooth)}, agent ${JSON.stringify(atAgent)}\n`,
    );
    expect(atBooth.video).toBeGreaterThan(10);
    expect(atAgent.video).toBeGreaterThan(10);
    expect(atBooth.audio).toBeGreaterThan(10);
    expect(atAgent.audio).toBeGreaterThan(10);

    // The media worker dies mid-call: the server stays up, moves the call to a new worker and
    // both browsers rejoin by themselves.
    const dead = t.server.pool.workers()[0]?.worker.pid as number;
    process.kill(dead, 'SIGKILL');
    for (let i = 0; i < 100 && t.server.pool.workers()[0]?.worker.pid === dead; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(t.server.pool.workers()[0]?.worker.pid).not.toBe(dead);
    const health = await fetch(`${t.url}/healthz`);
    expect((await health.json()).media.available).toBe(true);
    const afterBooth = await mediaFlows(boothPage);
    const afterAgent = await mediaFlows(agentPage);
    process.stdout.write(
      `media flowing again after worker death: booth ${JSON.stringify(afterBooth)}, agent ${JSON.stringify(afterAgent)}\n`,
    );
    expect(afterBooth.video).toBeGreaterThan(10);
    expect(afterAgent.video).toBeGreaterThan(10);

    await request(agentSocket, 'call:end', { ticketId: callId });
    expect(t.server.calls.roomCount()).toBe(0);
    boothSocket.close();
    agentSocket.close();
  });
});
