import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const sockets: Socket[] = [];
const HOUR_MS = 3_600_000;

/** A one-hour opening twelve hours from now (China time), so "now" is outside it. */
function hoursAwayFromNow(): { hours: string; opensAt: number } {
  const now = Date.now();
  const china = new Date(now + 8 * HOUR_MS);
  const hour = (china.getUTCHours() + 12) % 24;
  const pad = (n: number) => String(n).padStart(2, '0');
  const startOfHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  return { hours: `1-7 ${pad(hour)}:00-${pad(hour + 1)}:00`, opensAt: startOfHour + 12 * HOUR_MS };
}

async function kiosk(t: TestServer, admin: string, terminalId: string) {
  const session = await kioskSession(t.url, admin, terminalId);
  const socket = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });
  sockets.push(socket);
  return socket;
}

async function agent(t: TestServer, username: string) {
  const socket = await connectSocket(t.url, '/staff', {
    cookie: await login(t.url, username, 'demo-agent-2026'),
  });
  sockets.push(socket);
  return socket;
}

afterAll(() => {
  for (const s of sockets) s.close();
});

describe('video help outside its service hours', () => {
  let t: TestServer;
  let admin: string;
  const { hours, opensAt } = hoursAwayFromNow();
  beforeAll(async () => {
    t = await startTestServer({ HELP_SERVICE_HOURS: hours, SMS_DELIVERY_INTERVAL_MS: 60_000 });
    admin = await login(t.url, 'admin', 'demo-admin-2026');
  });
  afterAll(async () => t?.close());

  it('says it is closed and when it opens, refuses a queue, and books a call-back instead', async () => {
    const booth = await kiosk(t, admin, 'B-CB-1');
    const availability = await request<any>(booth, 'help:availability', { department: 'PSB' });
    expect(availability.data).toEqual({
      open: false,
      agentsOnline: 0,
      nextOpenAt: opensAt,
      hotline: '12345',
    });
    const refused = await requestRefusal(booth, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    expect(refused.error.code).toBe('HELP_CLOSED');

    expect(
      (await requestRefusal(booth, 'help:callBack', { phone: '1381234', language: 'zh-CN' })).error
        .code,
    ).toBe('VALIDATION_FAILED');
    const booked = await request<any>(booth, 'help:callBack', {
      phone: '13812345678',
      department: 'PSB',
      language: 'zh-CN',
    });
    expect(booked.data.phoneMasked).toBe('138****5678');

    // the confirmation SMS goes through the simulated gateway, in Chinese, with the hotline
    await t.server.sms.deliver();
    const sms = t.server.smsGateway.sent.at(-1);
    expect(sms?.to).toBe('13812345678');
    expect(sms?.text).toContain('回电已登记');
    expect(sms?.text).toContain('12345');
    const health = await readJson(await fetch(`${t.url}/healthz`));
    expect(health.simulated).toContain('sms');
  });

  it('is worked from the seat: one agent takes it, reveals the number (audited), marks it', async () => {
    const booth = await kiosk(t, admin, 'B-CB-2');
    const booked = await request<any>(booth, 'help:callBack', {
      phone: '13987654321',
      department: 'PSB',
      language: 'en',
    });
    const id: string = booked.data.callBackId;
    const police = await agent(t, 'agent.police');
    const remote = await agent(t, 'agent.remote');
    const health = await agent(t, 'agent.health');

    const listed = (await request<any>(police, 'callBack:list', {})).data.callBacks;
    const mine = listed.find((c: any) => c.id === id);
    expect(mine).toMatchObject({ phoneMasked: '139****4321', state: 'waiting', mine: false });
    expect(JSON.stringify(listed)).not.toContain('13987654321');
    // another department's agent does not see it
    const other = (await request<any>(health, 'callBack:list', {})).data.callBacks;
    expect(other.some((c: any) => c.id === id)).toBe(false);

    // nobody reveals a number they have not taken
    expect(
      (await requestRefusal(police, 'callBack:reveal', { id, reason: '回电' })).error.code,
    ).toBe('FORBIDDEN');
    const claimed = await request<any>(police, 'callBack:claim', { id });
    expect(claimed.data).toMatchObject({ state: 'claimed', mine: true });
    expect((await requestRefusal(remote, 'callBack:claim', { id })).error.code).toBe(
      'CALL_BACK_TAKEN',
    );
    expect(
      (await request<any>(remote, 'callBack:list', {})).data.callBacks.some(
        (c: any) => c.id === id,
      ),
    ).toBe(false);

    const revealed = await request<any>(police, 'callBack:reveal', { id, reason: '按预约回电' });
    expect(revealed.data.phone).toBe('13987654321');
    const audit = await t.server.audit.list({ targetType: 'callBack', targetId: id, limit: 50 });
    const reveal = audit.find((e) => e.action === 'callBack.phone.reveal');
    expect(reveal?.details).toMatchObject({ reason: '按预约回电' });
    expect(JSON.stringify(audit)).not.toContain('13987654321');

    const finished = await request<any>(police, 'callBack:finish', {
      id,
      outcome: 'unreachable',
      note: '无人接听',
    });
    expect(finished.data.state).toBe('unreachable');
    expect(
      (await request<any>(police, 'callBack:list', {})).data.callBacks.some(
        (c: any) => c.id === id,
      ),
    ).toBe(false);
    expect(
      (await requestRefusal(police, 'callBack:reveal', { id, reason: '再看' })).error.code,
    ).toBe('FORBIDDEN');
    const stored = await t.server.database.db
      .selectFrom('call_backs')
      .select('phone_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('13987654321');
  });
});

describe('video help inside its hours with nobody online', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await login(t.url, 'admin', 'demo-admin-2026');
  });
  afterAll(async () => t?.close());

  it('counts the agents of the errand’s queue who are signed in and not on a break', async () => {
    const booth = await kiosk(t, admin, 'B-CB-3');
    const before = await request<any>(booth, 'help:availability', { department: 'PSB' });
    expect(before.data).toMatchObject({ open: true, agentsOnline: 0, nextOpenAt: null });
    const police = await agent(t, 'agent.police');
    await request(police, 'agent:setState', { state: 'available' });
    expect(
      (await request<any>(booth, 'help:availability', { department: 'PSB' })).data.agentsOnline,
    ).toBe(1);
    expect(
      (await request<any>(booth, 'help:availability', { department: 'HEALTH' })).data.agentsOnline,
    ).toBe(0);
    await request(police, 'agent:setState', { state: 'break' });
    expect(
      (await request<any>(booth, 'help:availability', { department: 'PSB' })).data.agentsOnline,
    ).toBe(0);
  });
});
