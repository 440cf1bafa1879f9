import https from 'node:https';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskSession } from '../testing/kiosk-client.ts';
import { registerTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';
import { hasOpenssl, selfSignedCertificate } from '../testing/tls.ts';

/** Finding 8 of issue #13: each protection tried with a real request against the real server. */
const EVIL = 'https://evil.example';
let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => t?.close());

const refusals = async (action: string) => t.server.audit.list({ action, limit: 50 });

describe('Origin on state-changing REST', () => {
  it('a foreign page cannot re-issue an enrolment code with the admin’s cookie; the admin’s own page can', async () => {
    await registerTerminal(t.url, admin, 'ORIGIN-1');
    const reissue = (origin: string) =>
      fetch(`${t.url}/api/admin/terminals/ORIGIN-1/enrolment-code`, {
        method: 'POST',
        headers: { cookie: admin, origin },
      });
    const before = (await refusals('http.origin.refused')).length;
    const foreign = await reissue(EVIL);
    expect(foreign.status).toBe(403);
    expect((await readJson(foreign)).error.code).toBe('ORIGIN_REFUSED');
    const entries = await refusals('http.origin.refused');
    expect(entries.length).toBe(before + 1);
    expect(entries[0]).toMatchObject({ targetId: EVIL, actorType: 'staff' });
    const own = await reissue(t.url);
    expect(own.status).toBe(200);
    expect((await readJson(own)).enrolmentCode).toEqual(expect.any(String));
  });

  it('a foreign page cannot sign the user out', async () => {
    const cookie = await login(t.url, 'supervisor', 'demo-supervisor-2026');
    const out = await fetch(`${t.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: EVIL },
    });
    expect(out.status).toBe(403);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('Origin on socket.io handshakes', () => {
  const attempt = (namespace: string, origin: string, opts: { cookie?: string; token?: string }) =>
    new Promise<'connected' | 'refused'>((resolve) => {
      const socket = io(`${t.url}${namespace}`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { origin, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
        auth: opts.token ? { token: opts.token } : {},
      });
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', () => {
        socket.close();
        resolve('refused');
      });
    });

  it('a foreign page cannot open /staff with the agent’s cookie, nor /kiosk with a token', async () => {
    const cookie = await login(t.url, 'agent.police', 'demo-agent-2026');
    const kiosk = await kioskSession(t.url, admin, 'ORIGIN-K');
    const before = (await refusals('http.origin.refused')).length;
    expect(await attempt('/staff', EVIL, { cookie })).toBe('refused');
    expect(await attempt('/kiosk', EVIL, { token: kiosk.token })).toBe('refused');
    const entries = (await refusals('http.origin.refused')).slice(0, 2);
    expect(entries.length + before).toBe((await refusals('http.origin.refused')).length);
    expect(entries.every((e) => e.details?.socket === true && e.targetId === EVIL)).toBe(true);
    expect(await attempt('/staff', t.url, { cookie })).toBe('connected');
    expect(await attempt('/kiosk', t.url, { token: kiosk.token })).toBe('connected');
  });

  it('the root namespace refuses every socket, and says so in the audit log', async () => {
    await expect(connectSocket(t.url, '/')).rejects.toThrow(/UNAUTHENTICATED/);
    const cookie = await login(t.url, 'maint', 'demo-maint-2026');
    await expect(connectSocket(t.url, '/', { cookie })).rejects.toThrow(/UNAUTHENTICATED/);
    expect((await refusals('socket.refused')).filter((e) => e.targetId === '/').length).toBe(2);
  });
});

describe('headers on every response', () => {
  it.each(['/healthz', '/status', '/status.js', '/api/auth/me', '/agent/', '/kiosk/', '/nowhere'])(
    '%s carries CSP, frame, nosniff and referrer protections',
    async (p) => {
      const res = await fetch(`${t.url}${p}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      // Only the kiosk UI may reach its device bridge on loopback.
      expect(csp.includes('127.0.0.1:*')).toBe(p.startsWith('/kiosk'));
    },
  );
});

describe('/metrics', () => {
  it('answers loopback by default, and not a request a trusted proxy forwarded from outside', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
    const proxied = await startTestServer({ TRUSTED_PROXIES: '127.0.0.1,::1' }, { seed: false });
    try {
      const res = await fetch(`${proxied.url}/metrics`, {
        headers: { 'x-forwarded-for': '203.0.113.50' },
      });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('onething_');
      const audit = await proxied.server.audit.list({ action: 'metrics.refused', limit: 5 });
      expect(audit[0]?.ip).toBe('203.0.113.50');
    } finally {
      await proxied.close();
    }
  });

  it('with loopback turned off, only the monitoring token reads it', async () => {
    const token = 'monitoring-token-0123456789abcdef';
    const s = await startTestServer(
      { METRICS_TOKEN: token, METRICS_ALLOW_LOOPBACK: false },
      { seed: false },
    );
    try {
      expect((await fetch(`${s.url}/metrics`)).status).toBe(403);
      const wrong = await fetch(`${s.url}/metrics`, {
        headers: { authorization: 'Bearer not-the-token' },
      });
      expect(wrong.status).toBe(403);
      const right = await fetch(`${s.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('onething_');
      expect(await s.server.audit.list({ action: 'metrics.refused', limit: 5 })).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});

if (!hasOpenssl)
  console.warn('[skip] Secure-cookie test: no openssl command to make a test certificate');

describe.skipIf(!hasOpenssl)('the session cookie under TLS', () => {
  it('is Secure when the server speaks HTTPS (and not over plain HTTP)', async () => {
    const { cert, key } = selfSignedCertificate();
    const tls = await startTestServer({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    try {
      const setCookie = await new Promise<string>((resolve, reject) => {
        const req = https.request(
          `${tls.url}/api/auth/login`,
          {
            method: 'POST',
            rejectUnauthorized: false,
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(String(res.headers['set-cookie'] ?? ''));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ username: 'agent.police', password: 'demo-agent-2026' }));
      });
      expect(setCookie).toMatch(/onething_session=/);
      expect(setCookie).toMatch(/;\s*Secure/i);
    } finally {
      await tls.close();
    }
    const plain = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent.police', password: 'demo-agent-2026' }),
    });
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});
