import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { recordEvents } from '../testing/event-recorder.ts';
import { healthyHeartbeat } from '../testing/heartbeat.ts';
import { kioskSession, newVisitId } from '../testing/kiosk-client.ts';
import {
  connectSocket,
  login,
  readJson,
  request,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

let t: TestServer;
const dataset = await loadDemoDataset();
const citizen = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);
const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP001');

beforeAll(async () => {
  t = await startTestServer({ ALERT_OPEN_AFTER_SECONDS: 0 });
});
afterAll(async () => t.close());

/** Everything personal about the citizen that must never reach maintenance staff. */
const secrets = [citizen.name, citizen.idNumber, citizen.address, citizen.idNumber.slice(-8)];

describe('maintenance staff never receive personal data', () => {
  it('across every fleet event and API while citizens are served at the same terminal', async () => {
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const maintCookie = await login(t.url, 'maint', 'demo-maint-2026');
    const maint = await connectSocket(t.url, '/staff', { cookie: maintCookie });
    const received: unknown[] = [];
    maint.onAny((event, payload) => received.push({ event, payload }));

    // A citizen is served at terminal PRIV-1: a card read in a video call, a case filed.
    const kiosk = await kioskSession(t.url, admin, 'PRIV-1');
    const bridge = await connectSocket(t.url, '/bridge', {
      auth: { credential: kiosk.credential },
    });
    const hb = healthyHeartbeat();
    hb.devices.idCardReader.cardPresent = true;
    await request(bridge, 'telemetry:heartbeat', hb);
    // The bridge attests the card it read, over the same link as its heartbeats.
    await request(bridge, 'identity:attest', {
      sessionId: kiosk.sessionId,
      visitId: newVisitId(),
      method: 'idCard',
      card: citizen,
    });
    const bundle = t.server.catalogues.current().bundle('YJSP001');
    const filed = await kiosk.call('POST', '/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes: bundle?.items,
      answers: scenario?.typed,
    });
    expect(filed.status).toBe(201);
    const agent = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'agent.police', 'demo-agent-2026'),
    });
    await request(agent, 'agent:setState', { state: 'available' });
    const agentEvents = recordEvents(agent);
    const kioskSocket = await connectSocket(t.url, '/kiosk', { auth: { token: kiosk.token } });
    const kioskEvents = recordEvents(kioskSocket);
    const help = await request<any>(kioskSocket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    const offer = await agentEvents.next('offer:new');
    await request(agent, 'offer:accept', { offerId: offer.offerId });
    await kioskEvents.next('help:connected');
    // In the call the agent reads the card, with the citizen's consent at the kiosk.
    await request(agent, 'remote:request', {
      ticketId: help.data.ticketId,
      action: { kind: 'readIdCard' },
    });
    const ask = await kioskEvents.next('remote:action');
    await request(kioskSocket, 'remote:respond', { actionId: ask.actionId, consent: true });
    expect((await agentEvents.next('remote:result')).status).toBe('done');
    await request(kioskSocket, 'draft:update', {
      ticketId: help.data.ticketId,
      draft: { bundleCode: 'YJSP001', itemCodes: [], answers: {}, identity: null, step: 'form' },
    });
    await request(agent, 'call:end', { ticketId: help.data.ticketId });
    // A maintenance action, and the heartbeat after it.
    await request(maint, 'fleet:action', { terminalId: 'PRIV-1', action: 'readerSelfTest' });
    await request(bridge, 'telemetry:heartbeat', healthyHeartbeat());

    // Everything maintenance can read.
    const list = await request<any>(maint, 'fleet:list', {});
    const details = await Promise.all(
      list.data.terminals.map((x: any) =>
        request<any>(maint, 'fleet:detail', { terminalId: x.id }),
      ),
    );
    const rest = await Promise.all(
      ['/api/auth/me', '/api/cases', '/api/ratings', '/api/admin/audit', '/api/admin/accounts'].map(
        async (p) => {
          const res = await fetch(`${t.url}${p}`, { headers: { cookie: maintCookie } });
          return { p, status: res.status, body: await res.text() };
        },
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    const everything = JSON.stringify({ received, list, details, rest });
    expect(received.length).toBeGreaterThan(0);
    expect(details.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // Case, rating, audit and account APIs are closed to maintenance, not merely filtered.
    for (const r of rest.filter((x) => x.p !== '/api/auth/me')) expect(r.status).toBe(403);
    for (const s of [maint, bridge, agent, kioskSocket]) s.close();
    expect((await readJson(await fetch(`${t.url}/healthz`))).status).toBe('ok');
  });
});
