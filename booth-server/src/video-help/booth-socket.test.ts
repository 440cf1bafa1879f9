import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import {
  connectSocket,
  login,
  readJson,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';
import { recordEvents } from '../testing/event-recorder.ts';

let t: TestServer;
let admin: string;
let auditor: string;
const dataset = await loadDemoDataset();
const citizen = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);
/** 孙德华, born 1942: the queue serves him as elderly. */
const elder = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990319420810015X') ?? dataset.people[0]!,
);
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestServer({ RECONNECT_GRACE_SECONDS: 1, WRAP_UP_SECONDS: 1 });
  admin = await login(t.url, 'admin', 'demo-admin-2026');
  auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

async function kiosk(terminalId: string) {
  const session = await kioskSession(t.url, admin, terminalId);
  const socket = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });
  sockets.push(socket);
  return { socket, rec: recordEvents(socket), session };
}

async function agent(username: string, password = 'demo-agent-2026') {
  const socket = await connectSocket(t.url, '/staff', {
    cookie: await login(t.url, username, password),
  });
  sockets.push(socket);
  return { socket, rec: recordEvents(socket) };
}

describe('video help from a booth to a department agent', () => {
  it('serves an attested citizen of 60 or more as elderly; the kiosk cannot raise its own priority', async () => {
    const police = await agent('agent.police');
    await request(police.socket, 'agent:setState', { state: 'available' });
    const young = await kiosk('B-PRIO-1');
    const asked = await request<any>(young.socket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
      priority: 'elderly',
    });
    expect((await police.rec.next('offer:new')).priority).toBe('normal');
    await request(young.socket, 'help:cancel', { ticketId: asked.data.ticketId });

    const old = await kiosk('B-PRIO-2');
    expect((await old.session.attest(elder)).ok).toBe(true);
    const helped = await request<any>(old.socket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    const offer = await police.rec.next('offer:new', (o) => o.ticketId === helped.data.ticketId);
    expect(offer.priority).toBe('elderly');
    await request(old.socket, 'help:cancel', { ticketId: helped.data.ticketId });
    await request(police.socket, 'agent:setState', { state: 'offline' });
  });

  it('routes, connects, chats, reads the card with consent, files the case and ends with wrap-up', async () => {
    const police = await agent('agent.police');
    expect(
      (await request<any>(police.socket, 'agent:setState', { state: 'available' })).data.state,
    ).toBe('available');
    const booth = await kiosk('B-FLOW');
    // The card reader read 林晓雯's card: her bridge attests it for this kiosk session.
    expect((await booth.session.attest(citizen)).ok).toBe(true);

    const help = await request<any>(booth.socket, 'help:request', {
      department: 'PSB',
      bundleCode: 'YJSP001',
      language: 'zh-CN',
      // The kiosk has no say in its priority: this is ignored, she is 32.
      priority: 'elderly',
    });
    expect(help.ok, JSON.stringify(help)).toBe(true);
    const offer = await police.rec.next('offer:new');
    expect(offer).toMatchObject({
      ticketId: help.data.ticketId,
      priority: 'normal',
      terminal: { id: 'B-FLOW' },
    });
    expect(JSON.stringify(offer)).not.toContain(citizen.idNumber);

    const accepted = await request<any>(police.socket, 'offer:accept', { offerId: offer.offerId });
    expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
    const twice = await requestRefusal(police.socket, 'offer:accept', { offerId: offer.offerId });
    expect(twice.ok).toBe(false);
    const connected = await booth.rec.next('help:connected');
    expect(connected.agent).toMatchObject({ name: '李警官', department: 'PSB' });

    await request(booth.socket, 'chat:send', {
      ticketId: help.data.ticketId,
      text: '您好，我想办出生登记',
    });
    expect((await police.rec.next('chat:message', (m) => m.from === 'citizen')).text).toBe(
      '您好，我想办出生登记',
    );

    const read = await request<any>(police.socket, 'remote:request', {
      ticketId: help.data.ticketId,
      action: { kind: 'readIdCard' },
    });
    expect(read.data.needsConsent).toBe(true);
    const ask = await booth.rec.next('remote:action');
    expect(ask).toMatchObject({
      needsConsent: true,
      agentName: '李警官',
      request: { kind: 'readIdCard' },
    });
    // The page cannot name whose card it is: the server takes the attested one.
    await request(booth.socket, 'remote:respond', {
      actionId: ask.actionId,
      consent: true,
      identity: elder,
    });
    expect((await police.rec.next('remote:result')).status).toBe('done');

    const ctx = await request<any>(police.socket, 'call:context', { ticketId: help.data.ticketId });
    // A reloaded console gets the call's chat back from the server.
    expect(ctx.data.chat.map((m: any) => m.text)).toContain('您好，我想办出生登记');
    expect(ctx.data.draft.identity).toMatchObject({ revealed: false });
    expect(ctx.data.draft.identity.idNumber).not.toBe(citizen.idNumber);
    const revealed = await request<any>(police.socket, 'call:revealIdentity', {
      ticketId: help.data.ticketId,
      reason: '核验身份',
    });
    expect(revealed.data.idNumber).toBe(citizen.idNumber);
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=booth.identity.reveal`, {
        headers: { cookie: auditor },
      }),
    );
    expect(audit.entries[0].details.reason).toBe('核验身份');

    const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP001');
    await request(booth.socket, 'draft:update', {
      ticketId: help.data.ticketId,
      draft: {
        bundleCode: 'YJSP001',
        itemCodes: [],
        answers: scenario?.typed ?? {},
        identity: citizen,
        step: 'form',
      },
    });
    await request(police.socket, 'remote:request', {
      ticketId: help.data.ticketId,
      action: { kind: 'acceptCase' },
    });
    const accept = await booth.rec.next('remote:action', (a) => a.request.kind === 'acceptCase');
    await request(booth.socket, 'remote:respond', { actionId: accept.actionId, consent: true });
    const filed = await police.rec.next('remote:result', (r) => r.kind === 'acceptCase');
    expect(filed.status, JSON.stringify(filed.problem)).toBe('done');
    expect(filed.caseNumber).toMatch(/^YJ/);
    expect((await booth.rec.next('case:updated')).caseNumber).toBe(filed.caseNumber);

    await request(police.socket, 'call:end', { ticketId: help.data.ticketId });
    const ended = await booth.rec.next('help:ended');
    expect(ended).toMatchObject({ endedBy: 'agent', caseNumber: filed.caseNumber });
    await police.rec.next('call:ended');
    // The citizen's rating of the call is tied to the agent who served (who sees only counts).
    const rated = await booth.session.call('POST', '/ratings', {
      caseNumber: filed.caseNumber,
      channel: 'online',
      level: 'satisfied',
      callId: help.data.ticketId,
    });
    expect(rated.status).toBe(201);
    const me = await request<any>(police.socket, 'session:whoami', {});
    expect((await t.server.ratings.ownSummary(me.data.id)).counts.satisfied).toBe(1);
    expect((await police.rec.next('agent:state', (s) => s.state === 'wrap_up')).state).toBe(
      'wrap_up',
    );
    const wrap = await request<any>(police.socket, 'call:wrapUp', {
      ticketId: help.data.ticketId,
      disposition: 'caseAccepted',
      note: '已受理',
    });
    expect(wrap.ok).toBe(true);
    const wrapAudit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=booth.wrap_up`, {
        headers: { cookie: auditor },
      }),
    );
    expect(wrapAudit.entries[0].details).toMatchObject({
      disposition: 'caseAccepted',
      caseNumber: filed.caseNumber,
    });
    await police.rec.next('agent:state', (s) => s.state === 'available');
    await request(police.socket, 'agent:setState', { state: 'offline' });
  });

  it('tells the citizen why when a declined action did not happen', async () => {
    const hrss = await agent('agent.hrss');
    await request(hrss.socket, 'agent:setState', { state: 'available' });
    const booth = await kiosk('B-DECLINE');
    const help = await request<any>(booth.socket, 'help:request', {
      department: 'HRSS',
      language: 'zh-CN',
    });
    const offer = await hrss.rec.next('offer:new');
    await request(hrss.socket, 'offer:accept', { offerId: offer.offerId });
    // A draft update cannot hand the agent the citizen's identity: only a consented card read can.
    await request(booth.socket, 'draft:update', {
      ticketId: help.data.ticketId,
      draft: { bundleCode: null, itemCodes: [], answers: {}, identity: citizen, step: 'help' },
    });
    const ctx = await request<any>(hrss.socket, 'call:context', { ticketId: help.data.ticketId });
    expect(ctx.data.draft.identity).toBeNull();
    const reveal = await requestRefusal(hrss.socket, 'call:revealIdentity', {
      ticketId: help.data.ticketId,
      reason: '核验',
    });
    expect(reveal.error.code).toBe('NOT_FOUND');
    await request(hrss.socket, 'remote:request', {
      ticketId: help.data.ticketId,
      action: { kind: 'captureDocument', material: '户口簿' },
    });
    const ask = await booth.rec.next('remote:action');
    // The booth answers a failure with a reason code, never words of its own.
    const worded = await requestRefusal(booth.socket, 'remote:respond', {
      actionId: ask.actionId,
      consent: true,
      failed: 'the document camera is not working',
    });
    expect(worded.error).toMatchObject({ code: 'VALIDATION_FAILED', path: ['failed'] });
    await request(booth.socket, 'remote:respond', { actionId: ask.actionId, consent: false });
    expect(await hrss.rec.next('remote:result')).toMatchObject({
      status: 'declined',
      outcome: null,
      problem: null,
    });
    // The action cannot be answered twice, nor by another terminal.
    const other = await kiosk('B-OTHER');
    const forged = await requestRefusal(other.socket, 'remote:respond', {
      actionId: ask.actionId,
      consent: true,
    });
    expect(forged.error.code).toBe('NOT_FOUND');
    await request(booth.socket, 'call:hangup', { ticketId: help.data.ticketId });
    expect((await hrss.rec.next('call:ended')).endedBy).toBe('citizen');
    await request(hrss.socket, 'agent:setState', { state: 'offline' }).catch(() => undefined);
  });
});

describe('bad and out-of-order events', () => {
  it('refuses another terminal’s ticket, the wrong role, and a call the sender is not in', async () => {
    const a = await kiosk('B-A');
    const b = await kiosk('B-B');
    const help = await request<any>(a.socket, 'help:request', {
      department: 'CIVIL',
      language: 'zh-CN',
    });
    const stolen = await requestRefusal(b.socket, 'help:cancel', { ticketId: help.data.ticketId });
    expect(stolen.error.code).toBe('TICKET_NOT_FOUND');
    const maint = await agent('maint', 'demo-maint-2026');
    const wrongRole = await requestRefusal(maint.socket, 'agent:setState', { state: 'available' });
    expect(wrongRole.error.code).toBe('FORBIDDEN');
    const police = await agent('agent.police');
    const notMine = await requestRefusal(police.socket, 'call:end', {
      ticketId: help.data.ticketId,
    });
    expect(notMine.error.code).toBe('NOT_IN_CALL');
    const media = await requestRefusal(police.socket, 'media:join', { callId: help.data.ticketId });
    expect(media.error.code).toBe('NOT_IN_CALL');
    const malformed = await requestRefusal(a.socket, 'help:request', {
      language: 'fr',
      priority: 'vip',
    });
    expect(malformed.error.code).toBe('VALIDATION_FAILED');
    expect((await request<any>(a.socket, 'help:cancel', { ticketId: help.data.ticketId })).ok).toBe(
      true,
    );
    expect((await a.rec.next('help:ended')).endedBy).toBe('cancelled');
  });

  it('puts the citizen back at the head of the queue, told why, when the agent disappears', async () => {
    const police = await agent('agent.police');
    await request(police.socket, 'agent:setState', { state: 'available' });
    const booth = await kiosk('B-LOST');
    const help = await request<any>(booth.socket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    const offer = await police.rec.next('offer:new');
    await request(police.socket, 'offer:accept', { offerId: offer.offerId });
    await booth.rec.next('help:connected');
    police.socket.disconnect();
    // After the reconnect grace (1 s here) the ticket goes back, keeping its place at the head.
    const back = await booth.rec.next('help:requeued');
    // The reason only: the kiosk words it for the citizen.
    expect(back).toEqual({ ticketId: help.data.ticketId, reason: 'agentLost' });
    expect((await booth.rec.next('help:position')).position).toBe(1);
    await request(booth.socket, 'help:cancel', { ticketId: help.data.ticketId });
  });

  it('ends the call for the agent, told why, when the kiosk disappears', async () => {
    const police = await agent('agent.police');
    await request(police.socket, 'agent:setState', { state: 'available' });
    const booth = await kiosk('B-GONE');
    await request<any>(booth.socket, 'help:request', { department: 'PSB', language: 'zh-CN' });
    const offer = await police.rec.next('offer:new');
    await request(police.socket, 'offer:accept', { offerId: offer.offerId });
    await booth.rec.next('help:connected');
    booth.socket.disconnect();
    // After the reconnect grace the call ends; the agent is not left in a dead call.
    expect((await police.rec.next('call:ended')).endedBy).toBe('kioskLost');
    expect((await police.rec.next('agent:state', (a) => a.state === 'wrap_up')).state).toBe(
      'wrap_up',
    );
    await request(police.socket, 'agent:setState', { state: 'offline' }).catch(() => undefined);
  });

  it('refuses help requests from a terminal in maintenance mode', async () => {
    const booth = await kiosk('B-MAINT');
    const maint = await agent('maint', 'demo-maint-2026');
    await request(maint.socket, 'fleet:action', { terminalId: 'B-MAINT', action: 'maintenanceOn' });
    const res = await requestRefusal(booth.socket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    expect(res.error.code).toBe('CONFLICT');
  });
});

describe('supervisor view', () => {
  it('shows queues with KPIs and agents by state, and is refused to agents', async () => {
    const sup = await agent('supervisor', 'demo-supervisor-2026');
    const snap = await request<any>(sup.socket, 'supervisor:snapshot', {});
    expect(snap.ok).toBe(true);
    const psb = snap.data.queues.find((q: any) => q.department === 'PSB');
    expect(psb.departmentName.zh).toContain('公安');
    expect(snap.data.agents.some((a: any) => a.name === '李警官')).toBe(true);
    const police = await agent('agent.police');
    expect((await requestRefusal(police.socket, 'supervisor:snapshot', {})).error.code).toBe(
      'FORBIDDEN',
    );
  });
});
