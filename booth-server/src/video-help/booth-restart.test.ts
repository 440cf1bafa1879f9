import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { probeWorkerBinary } from '../media/worker-binary.ts';
import { createPgTestDatabase } from '../testing/postgres.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { enrolTerminal } from '../testing/terminals.ts';
import {
  login,
  readJson,
  request,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';
import { recordEvents } from '../testing/event-recorder.ts';

/**
 * A booth server stopped and started again on the same database, with real socket.io clients:
 * every ticket that was waiting, offered or connected is served afterwards, or ended with a
 * reason each side is told.
 */

const GRACE_SECONDS = 2;
const WRAP_UP_SECONDS = 1;
const settings = {
  RECONNECT_GRACE_SECONDS: GRACE_SECONDS,
  WRAP_UP_SECONDS,
  // Long enough that the offer made before the restart is still open after it.
  OFFER_TIMEOUT_SECONDS: 60,
  ESCALATE_AFTER_SECONDS: 600,
};
/** Waits for a timer-driven outcome: the grace, then the wrap-up, plus a second of slack. */
const OUTCOME_MS = (GRACE_SECONDS + WRAP_UP_SECONDS + 1) * 1000;

const dataDirs: string[] = [];
const sockets: Socket[] = [];
const servers: TestServer[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const t of servers) await t.close();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  for (const c of cleanups) await c();
});

/** Both storage engines: SQLite always, PostgreSQL when a server answers. */
const pgProbe = await createPgTestDatabase();
if ('skip' in pgProbe) console.warn(`[skip] PostgreSQL restart variant: ${pgProbe.skip}`);
else await pgProbe.drop();
const engines = [
  { name: 'sqlite', skip: null },
  { name: 'postgres', skip: 'skip' in pgProbe ? pgProbe.skip : null },
] as const;

/** A data directory and, on PostgreSQL, a fresh database, both kept across the restart. */
async function storage(engine: (typeof engines)[number]['name']) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-restart-'));
  dataDirs.push(dataDir);
  if (engine === 'sqlite') return { dataDir, extra: {} };
  const db = await createPgTestDatabase();
  if ('skip' in db) throw new Error(db.skip);
  cleanups.push(() => db.drop());
  return { dataDir, extra: { DATABASE_URL: db.url } };
}

async function start(dataDir: string, extra: Record<string, unknown>) {
  const t = await startTestServer({ ...settings, ...extra }, { keepDataDir: dataDir });
  servers.push(t);
  return t;
}

async function stop(t: TestServer, clients: Socket[]) {
  for (const s of clients) s.close();
  await t.close();
  servers.splice(servers.indexOf(t), 1);
}

/**
 * A real socket.io client that records from before it connects: what the server says at
 * connection (a rejoin, an ending it missed) can arrive in the same read as the handshake.
 */
async function recordedSocket(
  url: string,
  opts: { cookie?: string; auth?: Record<string, unknown> },
) {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.auth ?? {},
  });
  const rec = recordEvents(socket);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.connect();
  });
  return { socket, rec };
}

const staffSocket = (t: TestServer, cookie: string) => recordedSocket(`${t.url}/staff`, { cookie });
const kioskSocket = (t: TestServer, token: string) =>
  recordedSocket(`${t.url}/kiosk`, { auth: { token } });

// Two server starts, five sign-ins (scrypt), three kiosks and their grace timers: 15–21 s on a
// quiet 2-core machine and past vitest's 30 s when other processes take both cores. The limit
// catches a hang; every wait inside comes from the server's timers.
const RESTART_TEST_LIMIT_MS = 180_000;

describe.each(engines)(
  'tickets across a booth-server restart ($name)',
  { timeout: RESTART_TEST_LIMIT_MS },
  ({ name, skip }) => {
    it.skipIf(!!skip)(
      'serves the waiting, offered and connected citizens again, and ends those who do not return with a reason',
      async () => {
        const { dataDir, extra } = await storage(name);
        let t = await start(dataDir, extra);
        const admin = await login(t.url, 'admin', 'demo-admin-2026');
        const cookies = {
          police: await login(t.url, 'agent.police', 'demo-agent-2026'),
          health: await login(t.url, 'agent.health', 'demo-agent-2026'),
          hrss: await login(t.url, 'agent.hrss', 'demo-agent-2026'),
        };
        const tokens = {
          connected: (await kioskSession(t.url, admin, 'R-CONN')).token,
          offered: (await kioskSession(t.url, admin, 'R-OFFER')).token,
          waiting: (await kioskSession(t.url, admin, 'R-WAIT')).token,
          gone: (await kioskSession(t.url, admin, 'R-GONE')).token,
        };

        // Before: police in a call with R-CONN; hrss in a call with R-GONE; R-WAIT queued behind
        // it for HRSS; health offered R-OFFER's ticket and not yet answering.
        const before = {
          police: await staffSocket(t, cookies.police),
          health: await staffSocket(t, cookies.health),
          hrss: await staffSocket(t, cookies.hrss),
          connected: await kioskSocket(t, tokens.connected),
          offered: await kioskSocket(t, tokens.offered),
          waiting: await kioskSocket(t, tokens.waiting),
          gone: await kioskSocket(t, tokens.gone),
        };
        for (const a of [before.police, before.health, before.hrss])
          await request(a.socket, 'agent:setState', { state: 'available' });
        const help = async (k: { socket: Socket }, department: string) =>
          (await request<any>(k.socket, 'help:request', { department, language: 'zh-CN' })).data
            .ticketId as string;

        const connTicket = await help(before.connected, 'PSB');
        const connOffer = await before.police.rec.next('offer:new');
        await request(before.police.socket, 'offer:accept', { offerId: connOffer.offerId });
        await before.connected.rec.next('help:connected');
        await request(before.connected.socket, 'chat:send', {
          ticketId: connTicket,
          text: '重启前的留言',
        });
        await before.police.rec.next('chat:message', (m) => m.text === '重启前的留言');
        await request(before.connected.socket, 'draft:update', {
          ticketId: connTicket,
          draft: {
            bundleCode: 'YJSP001',
            itemCodes: [],
            answers: { 'child.name': '林小宝' },
            identity: null,
            step: 'form',
          },
        });

        const goneTicket = await help(before.gone, 'HRSS');
        const goneOffer = await before.hrss.rec.next('offer:new');
        await request(before.hrss.socket, 'offer:accept', { offerId: goneOffer.offerId });
        await before.gone.rec.next('help:connected');
        const waitTicket = await help(before.waiting, 'HRSS');

        const offerTicket = await help(before.offered, 'HEALTH');
        const pendingOffer = await before.health.rec.next('offer:new');

        await stop(
          t,
          Object.values(before).map((c) => c.socket),
        );
        t = await start(dataDir, extra);

        // After: everyone but R-GONE comes back within the grace, with the same session and token.
        const after = {
          police: await staffSocket(t, cookies.police),
          health: await staffSocket(t, cookies.health),
          hrss: await staffSocket(t, cookies.hrss),
          connected: await kioskSocket(t, tokens.connected),
          offered: await kioskSocket(t, tokens.offered),
          waiting: await kioskSocket(t, tokens.waiting),
        };

        // Offered: accepting the offer made before the restart connects both sides.
        const accepted = await request<any>(after.health.socket, 'offer:accept', {
          offerId: pendingOffer.offerId,
        });
        expect(accepted.data.ticketId).toBe(offerTicket);
        expect((await after.offered.rec.next('help:connected')).ticketId).toBe(offerTicket);

        // Connected: the call goes on — its context and chat are there, chat flows both ways.
        const ctx = await request<any>(after.police.socket, 'call:context', {
          ticketId: connTicket,
        });
        expect(ctx.data.chat.map((m: any) => m.text)).toContain('重启前的留言');
        expect(ctx.data.draft).toMatchObject({ bundleCode: 'YJSP001', answeredFields: 1 });
        await request(after.connected.socket, 'chat:send', {
          ticketId: connTicket,
          text: '还在吗',
        });
        expect(
          (await after.police.rec.next('chat:message', (m) => m.from === 'citizen')).text,
        ).toBe('还在吗');
        await request(after.police.socket, 'chat:send', { ticketId: connTicket, text: '在的' });
        expect(
          (await after.connected.rec.next('chat:message', (m) => m.from === 'agent')).text,
        ).toBe('在的');

        // Connected, kiosk never back: after the re-armed grace the agent is told and wraps up;
        // the waiting citizen behind it is then served by that agent.
        expect(
          (await after.hrss.rec.next('call:ended', (e) => e.ticketId === goneTicket, OUTCOME_MS))
            .endedBy,
        ).toBe('kioskLost');
        const nextOffer = await after.hrss.rec.next(
          'offer:new',
          (o) => o.ticketId === waitTicket,
          OUTCOME_MS,
        );
        await request(after.hrss.socket, 'offer:accept', { offerId: nextOffer.offerId });
        expect((await after.waiting.rec.next('help:connected')).ticketId).toBe(waitTicket);

        // The connected call ends normally and is rated against the agent who served it.
        await request(after.police.socket, 'call:end', { ticketId: connTicket });
        expect((await after.connected.rec.next('help:ended')).endedBy).toBe('agent');

        // Nothing is left behind: R-GONE's ticket is over, the others are connected.
        const sup = await staffSocket(t, await login(t.url, 'supervisor', 'demo-supervisor-2026'));
        const snap = await request<any>(sup.socket, 'supervisor:snapshot', {});
        const calls = snap.data.calls.map((c: any) => c.ticketId).sort();
        expect(calls).toEqual([offerTicket, waitTicket].sort());
      },
    );

    it.skipIf(!!skip)(
      'ends a waiting ticket whose kiosk never returns when the grace it started before the stop runs out',
      async () => {
        const { dataDir, extra } = await storage(name);
        let t = await start(dataDir, extra);
        const admin = await login(t.url, 'admin', 'demo-admin-2026');
        const { token } = await kioskSession(t.url, admin, 'R-LEFT');
        const kiosk = await kioskSocket(t, token);
        const ticketId = (
          await request<any>(kiosk.socket, 'help:request', {
            department: 'CIVIL',
            language: 'zh-CN',
          })
        ).data.ticketId as string;
        // The kiosk vanishes; its grace starts, and the server stops part-way through it.
        kiosk.socket.close();
        const lostAt = Date.now();
        await new Promise((r) => setTimeout(r, (GRACE_SECONDS * 1000) / 2));
        await stop(t, []);
        t = await start(dataDir, extra);
        const restartedAt = Date.now();
        const sup = await staffSocket(t, await login(t.url, 'supervisor', 'demo-supervisor-2026'));
        const waiting = async () =>
          (await request<any>(sup.socket, 'supervisor:snapshot', {})).data.queues.find(
            (q: any) => q.queueId === 'CIVIL',
          ).waiting as number;
        while ((await waiting()) > 0) {
          expect(Date.now() - lostAt).toBeLessThan(OUTCOME_MS);
          await new Promise((r) => setTimeout(r, 50));
        }
        // Ended at the stored deadline: not before it, and not a whole new grace after the restart.
        expect(Date.now() - lostAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
        expect(Date.now() - restartedAt).toBeLessThan(GRACE_SECONDS * 1000);
        // The kiosk that comes back later is told its ticket ended and why, once.
        const back = await kioskSocket(t, token);
        expect(await back.rec.next('help:ended')).toEqual({
          ticketId,
          callId: null,
          endedBy: 'kioskLost',
          caseNumber: null,
        });
        const again = await kioskSocket(t, token);
        await request(again.socket, 'session:start', { language: 'zh-CN', elderMode: false });
        expect(again.rec.events.filter((e) => e.event === 'help:ended')).toEqual([]);
      },
    );

    it.skipIf(!!skip)(
      'puts the citizen back at the head of the queue when their agent does not return, and tells the agent once they do',
      async () => {
        const { dataDir, extra } = await storage(name);
        let t = await start(dataDir, extra);
        const admin = await login(t.url, 'admin', 'demo-admin-2026');
        const cookie = await login(t.url, 'agent.remote', 'demo-agent-2026');
        // A booth in 成都锦江 (510104), the region agent.remote serves.
        const credential = await enrolTerminal(t.url, admin, 'R-CHENGDU', { region: '510104' });
        const { token } = await readJson(
          await fetch(`${t.url}/api/terminal/kiosk-session`, {
            method: 'POST',
            headers: { authorization: `Bearer ${credential}` },
          }),
        );
        const agent = await staffSocket(t, cookie);
        const kiosk = await kioskSocket(t, token);
        await request(agent.socket, 'agent:setState', { state: 'available' });
        const ticketId = (
          await request<any>(kiosk.socket, 'help:request', { department: 'PSB', language: 'zh-CN' })
        ).data.ticketId as string;
        const offer = await agent.rec.next('offer:new');
        await request(agent.socket, 'offer:accept', { offerId: offer.offerId });
        await kiosk.rec.next('help:connected');
        await stop(t, [agent.socket, kiosk.socket]);
        t = await start(dataDir, extra);

        const kioskBack = await kioskSocket(t, token);
        const requeued = await kioskBack.rec.next('help:requeued', () => true, OUTCOME_MS);
        // The reason only: the kiosk words it for the citizen.
        expect(requeued).toEqual({ ticketId, reason: 'agentLost' });

        const agentBack = await staffSocket(t, cookie);
        expect(await agentBack.rec.next('call:ended')).toEqual({
          ticketId,
          callId: ticketId,
          endedBy: 'agentLost',
        });
        expect((await request<any>(agentBack.socket, 'agent:self', {})).data.state).toBe('offline');
        const again = await staffSocket(t, cookie);
        await request(again.socket, 'agent:self', {});
        expect(again.rec.events.filter((e) => e.event === 'call:ended')).toEqual([]);
        await request(kioskBack.socket, 'help:cancel', { ticketId });
      },
    );
  },
);

const worker = probeWorkerBinary();
const mediaSkip = worker.found ? null : `no mediasoup worker: ${worker.reason}`;
if (mediaSkip) console.warn(`[skip] media across a restart: ${mediaSkip}`);

describe.skipIf(!!mediaSkip)('media across a restart (real mediasoup worker)', () => {
  it('reopens the call room and asks both sides to rejoin it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-restart-'));
    dataDirs.push(dataDir);
    const media = { MEDIA_DISABLED: false };
    let t = await start(dataDir, media);
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const cookie = await login(t.url, 'agent.police', 'demo-agent-2026');
    const token = (await kioskSession(t.url, admin, 'R-MEDIA')).token;
    const agent = await staffSocket(t, cookie);
    const kiosk = await kioskSocket(t, token);
    await request(agent.socket, 'agent:setState', { state: 'available' });
    const { ticketId } = (
      await request<any>(kiosk.socket, 'help:request', { department: 'PSB', language: 'zh-CN' })
    ).data;
    const offer = await agent.rec.next('offer:new');
    await request(agent.socket, 'offer:accept', { offerId: offer.offerId });
    await kiosk.rec.next('help:connected');
    await request(kiosk.socket, 'media:join', { callId: ticketId });
    await stop(t, [agent.socket, kiosk.socket]);
    t = await start(dataDir, media);
    const agent2 = await staffSocket(t, cookie);
    const kiosk2 = await kioskSocket(t, token);
    for (const side of [agent2, kiosk2]) {
      expect(await side.rec.next('media:rejoin')).toEqual({
        callId: ticketId,
        reason: 'serverRestarted',
      });
      const joined = await request<any>(side.socket, 'media:join', { callId: ticketId });
      expect(joined.data.peerId).toBe(side === kiosk2 ? 'terminal:R-MEDIA' : joined.data.peerId);
    }
  });
});
