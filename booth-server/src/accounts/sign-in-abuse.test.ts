import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Finding 5 of issue #13, through the real server. The booth server trusts X-Forwarded-For from
 * loopback here (TRUSTED_PROXIES), so each test speaks from the addresses it names, as a
 * reverse proxy would report them; the clock is the server's injected one, so a delay is
 * waited out by moving it, not by sleeping.
 */
let clock = Date.now();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(
    { TRUSTED_PROXIES: '127.0.0.1,::1', LOGIN_DELAY_BASE_MS: 1000 },
    { now: () => clock },
  );
});
afterAll(async () => t?.close());

function signIn(from: string, username: string, password: string, url = t.url) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });
}

async function audited(action: string, ip: string, server = t) {
  return (await server.server.audit.list({ action, limit: 200 })).filter((e) => e.ip === ip);
}

describe('sign-in abuse limits', () => {
  it('five anonymous wrong passwords slow that address down but do not lock out the real user', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) {
      expect((await signIn(attacker, 'agent.hrss', 'guess-' + i)).status).toBe(401);
    }
    const held = await signIn(attacker, 'agent.hrss', 'demo-agent-2026');
    expect(held.status).toBe(429);
    const body = await readJson(held);
    expect(body.error.code).toBe('LOGIN_THROTTLED');
    expect(body.error.details.retryAfterMs).toBe(1000);
    // The real user, at another address, signs in at once.
    expect((await signIn('198.51.100.20', 'agent.hrss', 'demo-agent-2026')).status).toBe(200);
    const refusals = await audited('auth.login.throttled', attacker);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ targetId: 'agent.hrss', details: { limit: 'pair' } });
  });

  it('the delay doubles with each further failure and ends: the right password then works', async () => {
    const from = '203.0.113.8';
    for (let i = 0; i < 5; i++) await signIn(from, 'agent.health', 'wrong');
    clock += 1000;
    expect((await signIn(from, 'agent.health', 'wrong')).status).toBe(401);
    const doubled = await signIn(from, 'agent.health', 'demo-agent-2026');
    expect(doubled.status).toBe(429);
    expect((await readJson(doubled)).error.details.retryAfterMs).toBe(2000);
    clock += 2000;
    expect((await signIn(from, 'agent.health', 'demo-agent-2026')).status).toBe(200);
  });

  it('twenty parallel wrong passwords: only the free ones are checked, the rest refused', async () => {
    const from = '203.0.113.9';
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(from, 'supervisor', `parallel-${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(await audited('auth.login.failed', from)).toHaveLength(5);
    expect(await audited('auth.login.throttled', from)).toHaveLength(15);
  });

  it('one address spraying thirty usernames is held back at the per-address ceiling', async () => {
    const from = '203.0.113.10';
    const limit = t.server.config.LOGIN_ADDRESS_FREE_ATTEMPTS;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await signIn(from, `sprayed.${i}`, 'Summer2026!')).status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    const refusals = await audited('auth.login.throttled', from);
    expect(refusals.length).toBe(30 - limit);
    expect(refusals.every((r) => r.details?.limit === 'address')).toBe(true);
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = await startTestServer();
    try {
      for (let i = 0; i < 5; i++) {
        // A new made-up address each time: believed, it would reset the (address, account) limit.
        const res = await signIn(`192.0.2.${i + 1}`, 'maint', 'wrong', direct.url);
        expect(res.status).toBe(401);
      }
      const held = await signIn('192.0.2.99', 'maint', 'demo-maint-2026', direct.url);
      expect(held.status).toBe(429);
      const refusals = await direct.server.audit.list({ action: 'auth.login.throttled', limit: 5 });
      expect(refusals[0]?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
    } finally {
      await direct.close();
    }
  });
});

describe('password checks under a burst', () => {
  it('twenty concurrent sign-ins: at most the gate runs at once, the overflow gets LOGIN_BUSY at once', async () => {
    const busy = await startTestServer({
      TRUSTED_PROXIES: '127.0.0.1,::1',
      LOGIN_PAIR_FREE_ATTEMPTS: 1,
      LOGIN_SCRYPT_CONCURRENCY: 2,
      LOGIN_SCRYPT_QUEUE: 2,
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          signIn(`198.18.0.${i + 1}`, `burst.${i}`, 'wrong', busy.url).then(async (r) => ({
            i,
            status: r.status,
            code: (await readJson(r)).error?.code,
          })),
        ),
      );
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((a) => a.code === 'LOGIN_BUSY')).toBe(true);
      expect(answers.filter((a) => a.status === 401).length).toBe(20 - refused.length);
      const audit = await busy.server.audit.list({ action: 'auth.login.busy', limit: 50 });
      expect(audit).toHaveLength(refused.length);
      // A busy refusal was no guess: with the free attempts at 1, that address and account
      // would be held back had it counted; it is checked instead.
      const first = refused[0] as { i: number };
      const again = await signIn(`198.18.0.${first.i + 1}`, `burst.${first.i}`, 'wrong', busy.url);
      expect(again.status).toBe(401);
    } finally {
      await busy.close();
    }
  });
});
