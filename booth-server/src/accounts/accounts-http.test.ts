import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectSocket,
  login,
  readJson,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ LOGIN_PAIR_FREE_ATTEMPTS: 3 });
});
afterAll(async () => t.close());

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const get = (path: string, cookie?: string) =>
  fetch(`${t.url}${path}`, { headers: cookie ? { cookie } : {} });

describe('staff sign-in', () => {
  it('sets an httpOnly SameSite session cookie and knows who is signed in', async () => {
    const res = await post('/api/auth/login', {
      username: 'agent.police',
      password: 'demo-agent-2026',
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/onething_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] as string;
    const me = await readJson(await get('/api/auth/me', cookie));
    expect(me.profile).toMatchObject({
      username: 'agent.police',
      roles: ['agent'],
      department: 'PSB',
    });
    const out = await post('/api/auth/logout', {}, cookie);
    expect(out.status).toBe(204);
    expect((await get('/api/auth/me', cookie)).status).toBe(401);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await post('/api/auth/login', { username: 'nobody', password: 'x' });
    const b = await post('/api/auth/login', { username: 'supervisor', password: 'wrong' });
    expect(a.status).toBe(401);
    expect((await readJson(a)).error.code).toBe('BAD_CREDENTIALS');
    expect((await readJson(b)).error.code).toBe('BAD_CREDENTIALS');
  });

  it('holds back an address after repeated failures at one account, with the wait it needs', async () => {
    for (let i = 0; i < 3; i++)
      await post('/api/auth/login', { username: 'maint', password: 'nope' });
    const res = await post('/api/auth/login', { username: 'maint', password: 'demo-maint-2026' });
    expect(res.status).toBe(429);
    const body = await readJson(res);
    expect(body.error.code).toBe('LOGIN_THROTTLED');
    expect(body.error.details.retryAfterMs).toBeGreaterThan(0);
  });

  it('rejects malformed login bodies with the failing field', async () => {
    const res = await post('/api/auth/login', { username: '', password: 'x' });
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: ['username'] });
  });
});

describe('role checks on REST', () => {
  const routes: [string, string, string, string][] = [
    ['GET', '/api/admin/accounts', 'admin', 'demo-admin-2026'],
    ['GET', '/api/admin/audit', 'auditor', 'demo-auditor-2026'],
  ];
  it.each(routes)(
    '%s %s: 401 signed out, 403 for others, 200 for %s',
    async (_m, path, user, pw) => {
      expect((await get(path)).status).toBe(401);
      for (const [user, pw] of [
        ['agent.police', 'demo-agent-2026'],
        ['supervisor', 'demo-supervisor-2026'],
      ] as const) {
        const cookie = await login(t.url, user, pw);
        const res = await get(path, cookie);
        expect(res.status).toBe(403);
        expect((await readJson(res)).error.code).toBe('FORBIDDEN');
      }
      expect((await get(path, await login(t.url, user, pw))).status).toBe(200);
    },
  );

  it('lets an admin create an account, audited with who and from where', async () => {
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const res = await post(
      '/api/admin/accounts',
      {
        username: 'agent.new',
        displayName: '新坐席',
        password: 'a-long-password',
        roles: ['agent'],
        department: 'RS',
        regions: ['440113'],
      },
      admin,
    );
    expect(res.status).toBe(201);
    const auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
    const audit = await readJson(
      await get('/api/admin/audit?action=account.create&limit=1', auditor),
    );
    expect(audit.entries[0]).toMatchObject({
      action: 'account.create',
      actorType: 'staff',
      ip: expect.stringContaining('127.0.0.1'),
    });
    expect(audit.entries[0].details.username).toBe('agent.new');
    const dup = await post(
      '/api/admin/accounts',
      {
        username: 'agent.new',
        displayName: 'x',
        password: 'a-long-password',
        roles: ['agent'],
        department: 'RS',
      },
      admin,
    );
    expect(dup.status).toBe(409);
  });
});

describe('staff sockets', () => {
  it('refuses a handshake without a session', async () => {
    await expect(connectSocket(t.url, '/staff')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('authenticates the handshake with the same session cookie', async () => {
    const cookie = await login(t.url, 'supervisor', 'demo-supervisor-2026');
    const s = await connectSocket(t.url, '/staff', { cookie });
    const res = await request<{ ok: boolean; data: { username: string } }>(s, 'session:whoami', {});
    expect(res).toMatchObject({ ok: true, data: { username: 'supervisor' } });
    s.close();
  });

  it('answers bad events with a code and path and keeps the connection', async () => {
    const cookie = await login(t.url, 'supervisor', 'demo-supervisor-2026');
    const s = await connectSocket(t.url, '/staff', { cookie });
    const unknown = await requestRefusal(s, 'no:such:event', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    const bad = await requestRefusal(s, 'session:whoami', { extra: 1 });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('VALIDATION_FAILED');
    expect(s.connected).toBe(true);
    const fine = await request<{ ok: boolean }>(s, 'session:whoami', {});
    expect(fine.ok).toBe(true);
    s.close();
  });
});

describe('HTTP boundaries', () => {
  it('refuses oversize bodies and malformed JSON with specific codes', async () => {
    const big = await post('/api/auth/login', { username: 'x', password: 'y'.repeat(300_000) });
    expect(big.status).toBe(413);
    expect((await readJson(big)).error.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.code).toBe('VALIDATION_FAILED');
  });

  it('answers unknown API routes with JSON 404', async () => {
    const res = await get('/api/nothing/here');
    expect(res.status).toBe(404);
    expect((await readJson(res)).error.code).toBe('NOT_FOUND');
  });

  it('reports database and media state in /healthz and serves Prometheus metrics', async () => {
    const health = await readJson(await get('/healthz'));
    expect(health.database).toMatchObject({ dialect: 'sqlite', ok: true });
    expect(health.media).toMatchObject({ available: false });
    expect(health.media.reason).toMatch(/disabled/);
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toMatch(/onething_http_requests_total/);
    expect(metrics).toMatch(/onething_media_available 0/);
  });
});
