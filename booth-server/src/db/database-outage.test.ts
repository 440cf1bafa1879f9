import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { recordEvents } from '../testing/event-recorder.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import {
  connectSocket,
  login,
  readJson,
  request,
  requestOutcome,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

/**
 * PostgreSQL lost under a running server, for real: the test's own database stops accepting
 * connections and its sessions are terminated (the shared server keeps running), then it is
 * allowed again.
 */
const pgDb = await createPgTestDatabase();
if ('skip' in pgDb) console.warn(`skipping the database outage test: ${pgDb.skip}`);
const run = 'skip' in pgDb ? describe.skip : describe;
// The timers that write on their own run every 100 ms here, so the outage meets them too.
const TIMER_MS = 100;

let t: TestServer;
let database: PgTestDatabase;
const sockets: Socket[] = [];
const dataset = await loadDemoDataset();
const citizen = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);

async function admin(sqlText: string): Promise<void> {
  const c = new pg.Client({
    connectionString:
      process.env.PG_TEST_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

const dbName = () => new URL(database.url).pathname.slice(1);

async function loseDatabase(): Promise<void> {
  await admin(`alter database ${dbName()} allow_connections false`);
  await admin(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${dbName()}' and pid <> pg_backend_pid()`,
  );
}

async function restoreDatabase(): Promise<void> {
  await admin(`alter database ${dbName()} allow_connections true`);
}

beforeAll(async () => {
  if ('skip' in pgDb) return;
  database = pgDb;
  t = await startTestServer({
    DATABASE_URL: database.url,
    FOLLOW_UP_CHECK_INTERVAL_MS: TIMER_MS,
    RATING_REPORT_INTERVAL_MS: TIMER_MS,
    RECONNECT_GRACE_SECONDS: 1,
  });
});
afterAll(async () => {
  if ('skip' in pgDb) return;
  for (const s of sockets) s.close();
  await restoreDatabase().catch(() => undefined);
  await t?.close();
  await database.drop();
});

async function staffSocket(username: string, password: string) {
  const socket = await connectSocket(t.url, '/staff', {
    cookie: await login(t.url, username, password),
  });
  sockets.push(socket);
  return { socket, rec: recordEvents(socket) };
}

run('PostgreSQL lost and back', () => {
  it('refuses new work with DATABASE_UNAVAILABLE, keeps the call and the process, and recovers by itself', async () => {
    const adminCookie = await login(t.url, 'admin', 'demo-admin-2026');
    const police = await staffSocket('agent.police', 'demo-agent-2026');
    await request(police.socket, 'agent:setState', { state: 'available' });
    const session = await kioskSession(t.url, adminCookie, 'B-OUTAGE');
    const kiosk = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });
    sockets.push(kiosk);
    const booth = recordEvents(kiosk);
    expect((await session.attest(citizen)).ok).toBe(true);
    const help = await request<any>(kiosk, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    const ticketId: string = help.data.ticketId;
    const offer = await police.rec.next('offer:new');
    await request(police.socket, 'offer:accept', { offerId: offer.offerId });
    await booth.next('help:connected');
    // The agent asks to read the card; the citizen answers only once the database is gone.
    await request(police.socket, 'remote:request', { ticketId, action: { kind: 'readIdCard' } });
    const pending = await booth.next('remote:action');
    // Media signalling, as this server has it (no mediasoup worker in unit tests), before...
    const mediaBefore = await requestOutcome(kiosk, 'media:join', { callId: ticketId });
    const secondSignIn = await login(t.url, 'agent.police', 'demo-agent-2026');

    await loseDatabase();

    // New work: a sign-in (REST) and a new kiosk session are refused with the catalogue's code.
    const signIn = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo-admin-2026' }),
    });
    expect(signIn.status).toBe(503);
    expect((await readJson(signIn)).error.code).toBe('DATABASE_UNAVAILABLE');
    const cases = await fetch(`${t.url}/api/cases`, { headers: { cookie: adminCookie } });
    expect(cases.status).toBe(503);
    expect((await readJson(cases)).error.code).toBe('DATABASE_UNAVAILABLE');

    // In the call: what must be audited is refused with the same code...
    const ask = await requestOutcome(police.socket, 'remote:request', {
      ticketId,
      action: { kind: 'readIdCard' },
    });
    expect(ask).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
    const reveal = await requestOutcome(police.socket, 'call:revealIdentity', {
      ticketId,
      reason: '核验身份',
    });
    expect(reveal).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
    const consent = await requestOutcome(kiosk, 'remote:respond', {
      actionId: pending.actionId,
      consent: true,
    });
    expect(consent).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
    const chat = await requestOutcome(kiosk, 'chat:send', { ticketId, text: '还在吗' });
    expect(chat).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });

    // ...while media signalling answers as before: nothing on the media path needs the database.
    expect(await requestOutcome(kiosk, 'media:join', { callId: ticketId })).toEqual(mediaBefore);

    // A console whose socket drops meanwhile is told the database is away, not to sign in again.
    const refused = await connectSocket(t.url, '/staff', {
      cookie: secondSignIn,
    }).catch((e: Error) => e.message);
    expect(refused).toBe('DATABASE_UNAVAILABLE');

    // /healthz says the database is down, and since when.
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(503);
    const body = await readJson(health);
    expect(body.database).toMatchObject({ ok: false, dialect: 'postgres' });
    expect(typeof body.database.unavailableSince).toBe('string');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^onething_database_available 0$/m);

    // The timers that write on their own meet the outage several times without ending the process.
    await new Promise((r) => setTimeout(r, 5 * TIMER_MS));

    await restoreDatabase();

    // Back by itself: no restart, the same call still connected, sign-in works again.
    await expect
      .poll(async () => (await fetch(`${t.url}/healthz`)).status, { timeout: 10_000 })
      .toBe(200);
    expect((await login(t.url, 'admin', 'demo-admin-2026')).length).toBeGreaterThan(0);
    expect(booth.events.map((e) => e.event)).not.toContain('help:ended');
    expect(police.rec.events.map((e) => e.event)).not.toContain('call:ended');
    // The refused answer left the action pending: the citizen answers again and it is done.
    expect(police.rec.events.map((e) => e.event)).not.toContain('remote:result');
    await request(kiosk, 'remote:respond', { actionId: pending.actionId, consent: true });
    expect((await police.rec.next('remote:result')).status).toBe('done');
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=booth.remote.readIdCard.done`, {
        headers: { cookie: await login(t.url, 'auditor', 'demo-auditor-2026') },
      }),
    );
    expect(audit.entries.map((e: any) => e.targetId)).toEqual([ticketId]);
    await request(police.socket, 'call:end', { ticketId });
    await booth.next('help:ended');
  });
});
