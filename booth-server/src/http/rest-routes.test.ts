import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskSession } from '../testing/kiosk-client.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Every REST area binds its routes from the contract: a raw client that sends a malformed
 * body, path parameter or query is refused with 400 VALIDATION_FAILED naming the path.
 */
let t: TestServer;
const cookies: Record<'admin' | 'auditor' | 'agent' | 'supervisor', string> = {
  admin: '',
  auditor: '',
  agent: '',
  supervisor: '',
};
let kiosk: Awaited<ReturnType<typeof kioskSession>>;

beforeAll(async () => {
  t = await startTestServer();
  cookies.admin = await login(t.url, 'admin', 'demo-admin-2026');
  cookies.auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
  cookies.agent = await login(t.url, 'agent.police', 'demo-agent-2026');
  cookies.supervisor = await login(t.url, 'supervisor', 'demo-supervisor-2026');
  kiosk = await kioskSession(t.url, cookies.admin, 'REST-KIOSK-1');
});
afterAll(async () => t.close());

interface Malformed {
  method: string;
  path: string;
  as?: keyof typeof cookies;
  body?: unknown;
  /** The path the refusal names. */
  at: (string | number)[];
}

const cases: [string, Malformed][] = [
  [
    'auth',
    {
      method: 'POST',
      path: '/api/auth/login',
      body: { username: '', password: 'x' },
      at: ['username'],
    },
  ],
  [
    'accounts',
    {
      method: 'POST',
      path: '/api/admin/accounts/someone/disabled',
      as: 'admin',
      body: { disabled: 'yes' },
      at: ['disabled'],
    },
  ],
  ['audit', { method: 'GET', path: '/api/admin/audit?limit=9999', as: 'auditor', at: ['limit'] }],
  ['cases', { method: 'GET', path: '/api/cases?status=lost', as: 'agent', at: ['status'] }],
  [
    'ratings (query)',
    { method: 'GET', path: '/api/ratings?since=soon', as: 'supervisor', at: ['since'] },
  ],
  [
    'ratings (body)',
    {
      method: 'POST',
      path: '/api/ratings/follow-ups/F1/resolve',
      as: 'supervisor',
      body: { resolution: ' ' },
      at: ['resolution'],
    },
  ],
  [
    'terminals (admin)',
    {
      method: 'POST',
      path: '/api/admin/terminals',
      as: 'admin',
      body: { id: 'no spaces', name: 'x', site: 'y', region: '440113', kind: 'terminal' },
      at: ['id'],
    },
  ],
  [
    'terminals (bridge)',
    {
      method: 'POST',
      path: '/api/terminal/enrol',
      body: { terminalId: 'REST-KIOSK-1', code: 'x' },
      at: ['code'],
    },
  ],
  [
    'catalogue (param)',
    {
      method: 'PUT',
      path: '/api/admin/catalogue/drafts/widget/X1',
      as: 'admin',
      body: {},
      at: ['kind'],
    },
  ],
  [
    'catalogue (body)',
    {
      method: 'POST',
      path: '/api/admin/catalogue/publish',
      as: 'admin',
      body: { note: '' },
      at: ['note'],
    },
  ],
  [
    'public status',
    {
      method: 'POST',
      path: '/api/public/cases/lookup',
      body: { caseNumber: 'x', idLast4: '1234' },
      at: ['caseNumber'],
    },
  ],
];

describe('a malformed REST request', () => {
  it.each(cases)('%s: 400 VALIDATION_FAILED with the path', async (_area, m) => {
    const res = await fetch(`${t.url}${m.path}`, {
      method: m.method,
      headers: {
        ...(m.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(m.as ? { cookie: cookies[m.as] } : {}),
      },
      ...(m.body === undefined ? {} : { body: JSON.stringify(m.body) }),
    });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatchObject({ code: 'VALIDATION_FAILED', path: m.at });
  });

  it('kiosk: 400 with the path for a bad body, and for a query the route does not take', async () => {
    const bad = await kiosk.call('POST', '/cases/lookup', {
      caseNumber: 'YJS-20250101-0001',
      idLast4: '12',
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: ['idLast4'],
    });
    const stray = await kiosk.call('GET', '/catalogue?debug=1');
    expect(stray.status).toBe(400);
    expect((await readJson(stray)).error.code).toBe('VALIDATION_FAILED');
  });

  it('kiosk: a page naming an identity is refused as such before its body is parsed', async () => {
    const res = await kiosk.call('POST', '/forms', {
      identity: { idNumber: '440113199001011234' },
    });
    expect((await readJson(res)).error.code).toBe('IDENTITY_FROM_DEVICE_ONLY');
  });

  it('roles are checked before the request is parsed', async () => {
    const res = await fetch(`${t.url}/api/admin/audit?limit=9999`, {
      headers: { cookie: cookies.agent },
    });
    expect(res.status).toBe(403);
  });
});
