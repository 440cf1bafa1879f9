import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectSocket,
  login,
  readJson,
  request,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => t.close());

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  });

async function registerAndEnrol(id: string): Promise<string> {
  const reg = await readJson(
    await call(
      'POST',
      '/api/admin/terminals',
      { id, name: `终端 ${id}`, site: '番禺区政务服务中心', region: '440113', kind: 'terminal' },
      { cookie: admin },
    ),
  );
  const enrol = await readJson(
    await call('POST', '/api/terminal/enrol', { terminalId: id, code: reg.enrolmentCode }),
  );
  return enrol.credential;
}

describe('terminal enrolment', () => {
  it('exchanges a one-time code for a credential, and refuses the same code again', async () => {
    const reg = await call(
      'POST',
      '/api/admin/terminals',
      { id: 'T-ENROL-1', name: '一号机', site: '大厅', region: '440113', kind: 'terminal' },
      { cookie: admin },
    );
    expect(reg.status).toBe(201);
    const { enrolmentCode, terminal } = await readJson(reg);
    expect(terminal).toMatchObject({ id: 'T-ENROL-1', enrolled: false });
    const first = await call('POST', '/api/terminal/enrol', {
      terminalId: 'T-ENROL-1',
      code: enrolmentCode,
    });
    expect(first.status).toBe(200);
    expect((await readJson(first)).credential).toMatch(/^T-ENROL-1\./);
    const replay = await call('POST', '/api/terminal/enrol', {
      terminalId: 'T-ENROL-1',
      code: enrolmentCode,
    });
    expect(replay.status).toBe(401);
    expect((await readJson(replay)).error.code).toBe('ENROLMENT_CODE_INVALID');
  });

  it('refuses a forged code and a code for another terminal', async () => {
    const a = await readJson(
      await call(
        'POST',
        '/api/admin/terminals',
        { id: 'T-A', name: 'A', site: 's', region: '440113', kind: 'terminal' },
        { cookie: admin },
      ),
    );
    await call(
      'POST',
      '/api/admin/terminals',
      { id: 'T-B', name: 'B', site: 's', region: '440113', kind: 'terminal' },
      { cookie: admin },
    );
    const forged = await call('POST', '/api/terminal/enrol', {
      terminalId: 'T-A',
      code: 'AAAAAAAAAAAAAAAA',
    });
    expect((await readJson(forged)).error.code).toBe('ENROLMENT_CODE_INVALID');
    const crossed = await call('POST', '/api/terminal/enrol', {
      terminalId: 'T-B',
      code: a.enrolmentCode,
    });
    expect((await readJson(crossed)).error.code).toBe('ENROLMENT_CODE_INVALID');
  });

  it('only lets admins register terminals', async () => {
    const maint = await login(t.url, 'maint', 'demo-maint-2026');
    const res = await call(
      'POST',
      '/api/admin/terminals',
      { id: 'T-NO', name: 'x', site: 's', region: '440113', kind: 'terminal' },
      { cookie: maint },
    );
    expect(res.status).toBe(403);
  });
});

describe('terminal credentials', () => {
  it('mint kiosk sessions that authenticate the kiosk namespace', async () => {
    const credential = await registerAndEnrol('T-KIOSK-1');
    const res = await call(
      'POST',
      '/api/terminal/kiosk-session',
      {},
      { authorization: `Bearer ${credential}` },
    );
    expect(res.status).toBe(200);
    const { token, terminalId } = await readJson(res);
    expect(terminalId).toBe('T-KIOSK-1');
    const socket = await connectSocket(t.url, '/kiosk', { auth: { token } });
    const started = await request<{ ok: boolean; data: { terminalId: string } }>(
      socket,
      'session:start',
      { language: 'zh-CN', elderMode: false },
    );
    expect(started).toMatchObject({ ok: true, data: { terminalId: 'T-KIOSK-1' } });
    socket.close();
    await expect(connectSocket(t.url, '/kiosk', { auth: { token: 'made-up' } })).rejects.toThrow(
      /UNAUTHENTICATED/,
    );
  });

  it('cannot act as staff', async () => {
    const credential = await registerAndEnrol('T-NOSTAFF');
    const res = await call('GET', '/api/admin/accounts', undefined, {
      authorization: `Bearer ${credential}`,
    });
    expect(res.status).toBe(401);
    await expect(connectSocket(t.url, '/staff', { auth: { token: credential } })).rejects.toThrow(
      /UNAUTHENTICATED/,
    );
  });

  it('stop working once revoked, including kiosk sessions already minted', async () => {
    const credential = await registerAndEnrol('T-REVOKE');
    const { token } = await readJson(
      await call(
        'POST',
        '/api/terminal/kiosk-session',
        {},
        { authorization: `Bearer ${credential}` },
      ),
    );
    const revoke = await call(
      'POST',
      '/api/admin/terminals/T-REVOKE/revoke',
      {},
      { cookie: admin },
    );
    expect(revoke.status).toBe(204);
    const after = await call(
      'POST',
      '/api/terminal/kiosk-session',
      {},
      { authorization: `Bearer ${credential}` },
    );
    expect(after.status).toBe(401);
    expect((await readJson(after)).error.code).toBe('TERMINAL_REVOKED');
    await expect(connectSocket(t.url, '/kiosk', { auth: { token } })).rejects.toThrow(
      /UNAUTHENTICATED/,
    );
  });

  it("cannot be used with another terminal's id", async () => {
    const credential = await registerAndEnrol('T-HONEST');
    await registerAndEnrol('T-OTHER');
    const secret = credential.split('.')[1];
    const res = await call(
      'POST',
      '/api/terminal/kiosk-session',
      {},
      { authorization: `Bearer T-OTHER.${secret}` },
    );
    expect(res.status).toBe(401);
  });
});
