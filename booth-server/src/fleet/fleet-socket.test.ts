import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyHeartbeat, withPaper } from '../testing/heartbeat.ts';
import { enrolTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  requestOutcome,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

let t: TestServer;
let admin: string;
let auditor: string;
let maint: Socket;
const seen: { event: string; payload: any }[] = [];

beforeAll(async () => {
  t = await startTestServer({ ALERT_OPEN_AFTER_SECONDS: 0, ALERT_CLEAR_AFTER_SECONDS: 0 });
  admin = await login(t.url, 'admin', 'demo-admin-2026');
  auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
  maint = await connectSocket(t.url, '/staff', {
    cookie: await login(t.url, 'maint', 'demo-maint-2026'),
  });
  maint.onAny((event, payload) => seen.push({ event, payload }));
});
afterAll(async () => {
  maint.close();
  await t.close();
});

const bridge = async (id: string) =>
  connectSocket(t.url, '/bridge', { auth: { credential: await enrolTerminal(t.url, admin, id) } });
const waitFor = async (pred: () => boolean) => {
  for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(pred()).toBe(true);
};

describe('fleet telemetry over the bridge namespace', () => {
  it('shows a terminal online with its paper state, live to maintenance staff', async () => {
    const b = await bridge('F-ONLINE');
    const ack = await request<any>(b, 'telemetry:heartbeat', healthyHeartbeat());
    expect(ack.ok).toBe(true);
    expect(Math.abs(ack.data.clockSkewMs)).toBeLessThan(5000);
    const list = await request<any>(maint, 'fleet:list', {});
    expect(list.data.terminals.find((x: any) => x.id === 'F-ONLINE')).toMatchObject({
      online: true,
      health: 'ok',
      paper: 'ok',
    });
    await waitFor(() =>
      seen.some((s) => s.event === 'fleet:terminal' && s.payload.id === 'F-ONLINE'),
    );
    b.close();
  });

  it('opens a paper-out alert, lets a named person acknowledge it, and resolves it when paper is back', async () => {
    const b = await bridge('F-PAPER');
    await request(b, 'telemetry:heartbeat', withPaper(healthyHeartbeat(), 'out'));
    await waitFor(() =>
      seen.some((s) => s.event === 'fleet:alert' && s.payload.terminalId === 'F-PAPER'),
    );
    const alert = seen.find(
      (s) => s.event === 'fleet:alert' && s.payload.terminalId === 'F-PAPER',
    )?.payload;
    expect(alert).toMatchObject({ rule: 'paperOut', severity: 'critical', resolvedAt: null });
    const summary = (await request<any>(maint, 'fleet:list', {})).data.terminals.find(
      (x: any) => x.id === 'F-PAPER',
    );
    expect(summary).toMatchObject({ health: 'critical', paper: 'out', faults: ['paperOut'] });

    const acked = await request<any>(maint, 'fleet:acknowledge', { alertId: alert.id });
    expect(acked.data.acknowledgedBy).toBe('运维小周');

    await request(b, 'telemetry:heartbeat', healthyHeartbeat());
    const detail = (await request<any>(maint, 'fleet:detail', { terminalId: 'F-PAPER' })).data;
    expect(detail.alerts[0]).toMatchObject({ rule: 'paperOut', acknowledgedBy: '运维小周' });
    expect(detail.alerts[0].resolvedAt).not.toBeNull();
    expect(detail.summary.health).toBe('ok');
    expect(detail.timeline.map((e: any) => e.kind)).toEqual(
      expect.arrayContaining(['alert.open', 'alert.acknowledge', 'alert.resolve']),
    );
    expect(detail.uptime.last24h).toBeGreaterThan(0.99);
    b.close();
  });

  it('refuses heartbeats with extra fields (no personal data can ride along) and keeps the connection', async () => {
    const b = await bridge('F-PRIVACY');
    const hb = { ...healthyHeartbeat(), card: { name: '张三', idNumber: '11010519491231002X' } };
    const res = await requestRefusal(b, 'telemetry:heartbeat', hb);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const bad = await requestRefusal(b, 'telemetry:heartbeat', { sentAt: 'yesterday' });
    expect(bad.error.path).toEqual(['sentAt']);
    expect(b.connected).toBe(true);
    const detail = JSON.stringify(
      (await request<any>(maint, 'fleet:detail', { terminalId: 'F-PRIVACY' })).data,
    );
    expect(detail).not.toContain('张三');
    b.close();
  });

  it('tells the bridge the interval and accepts every beat of a bridge that keeps to it, bursts of reconnects included', async () => {
    const b = await bridge('F-STEADY');
    // Thirteen at once: more than the old fixed limit of twelve a minute, well within twice the
    // configured rate (twenty per ten intervals).
    for (let i = 0; i < 13; i++) {
      const ack = await request(b, 'telemetry:heartbeat', healthyHeartbeat());
      expect(ack.data.intervalMs).toBe(15_000);
    }
    b.close();
  });

  it('rate-limits a terminal beating over twice the configured rate, without affecting another terminal', async () => {
    const flood = await bridge('F-FLOOD');
    const calm = await bridge('F-CALM');
    const results = [];
    for (let i = 0; i < 22; i++)
      results.push(await requestOutcome(flood, 'telemetry:heartbeat', healthyHeartbeat()));
    expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
    expect(results.slice(20).map((r) => (r.ok ? 'accepted' : r.error.code))).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect((await requestOutcome(calm, 'telemetry:heartbeat', healthyHeartbeat())).ok).toBe(true);
    flood.close();
    calm.close();
  });

  it('refuses a revoked terminal at the handshake', async () => {
    const credential = await enrolTerminal(t.url, admin, 'F-REVOKED');
    await fetch(`${t.url}/api/admin/terminals/F-REVOKED/revoke`, {
      method: 'POST',
      headers: { cookie: admin },
    });
    await expect(connectSocket(t.url, '/bridge', { auth: { credential } })).rejects.toThrow(
      /TERMINAL_REVOKED/,
    );
  });
});

describe('maintenance actions', () => {
  it('deliver a command to the bridge and show its result, audited', async () => {
    const b = await bridge('F-ACTION');
    await request(b, 'telemetry:heartbeat', healthyHeartbeat());
    const commands: any[] = [];
    b.on('command', (c) => commands.push(c));
    const res = await request<any>(maint, 'fleet:action', {
      terminalId: 'F-ACTION',
      action: 'printTestPage',
    });
    expect(res.data.delivered).toBe(true);
    await waitFor(() => commands.length === 1);
    expect(commands[0]).toMatchObject({ action: 'printTestPage', issuedBy: '运维小周' });
    await request(b, 'command:result', {
      commandId: commands[0].commandId,
      ok: true,
      outcome: 'testPagePrinted',
      detailCode: null,
    });
    await waitFor(() =>
      seen.some(
        (s) => s.event === 'fleet:commandResult' && s.payload.commandId === commands[0].commandId,
      ),
    );
    expect(seen.find((s) => s.event === 'fleet:commandResult')?.payload).toMatchObject({
      ok: true,
      outcome: 'testPagePrinted',
      detailCode: null,
    });
    const audit = await (
      await fetch(`${t.url}/api/admin/audit?action=fleet.action.printTestPage`, {
        headers: { cookie: auditor },
      })
    ).json();
    expect((audit as any).entries[0].targetId).toBe('F-ACTION');
    b.close();
  });

  it('put a terminal in maintenance mode, and ignore results claimed by another terminal', async () => {
    const b = await bridge('F-MAINT');
    const other = await bridge('F-OTHER');
    const cmds: any[] = [];
    b.on('command', (c) => cmds.push(c));
    await request(b, 'telemetry:heartbeat', healthyHeartbeat());
    await request(other, 'telemetry:heartbeat', healthyHeartbeat());
    const res = await request<any>(maint, 'fleet:action', {
      terminalId: 'F-MAINT',
      action: 'maintenanceOn',
    });
    expect(res.ok).toBe(true);
    const summary = (await request<any>(maint, 'fleet:list', {})).data.terminals.find(
      (x: any) => x.id === 'F-MAINT',
    );
    expect(summary).toMatchObject({ maintenance: true, health: 'maintenance' });
    const ack = await request<any>(b, 'telemetry:heartbeat', healthyHeartbeat());
    expect(ack.data.maintenance).toBe(true);
    // Citizens are sent to the nearest terminal still in service.
    expect(ack.data.alternative.site).toBe('番禺区政务服务中心');
    expect(ack.data.alternative.name).not.toBe('终端 F-MAINT');
    // The command itself names it, so the kiosk need not wait for its next heartbeat.
    await waitFor(() => cmds.length === 1);
    expect(cmds[0]).toMatchObject({ action: 'maintenanceOn', alternative: ack.data.alternative });
    const forged = await requestRefusal(other, 'command:result', {
      commandId: cmds[0].commandId,
      ok: false,
      outcome: 'failed',
      detailCode: null,
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    b.close();
    other.close();
  });

  it('are refused to other roles', async () => {
    const agent = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'agent.police', 'demo-agent-2026'),
    });
    const res = await requestRefusal(agent, 'fleet:list', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const adm = await connectSocket(t.url, '/staff', { cookie: admin });
    expect(
      (await requestRefusal(adm, 'fleet:action', { terminalId: 'F-MAINT', action: 'reloadUi' }))
        .error.code,
    ).toBe('FORBIDDEN');
    agent.close();
    adm.close();
  });
});
