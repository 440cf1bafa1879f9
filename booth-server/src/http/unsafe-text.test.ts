import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskSession } from '../testing/kiosk-client.ts';
import {
  connectSocket,
  login,
  readJson,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

/**
 * Issue #13, finding 11: a name or free text with NUL, another control character or a
 * bidirectional override is refused where it enters, with TEXT_UNSAFE (zh-CN/English in the
 * catalogue) and the field that holds it.
 */
let t: TestServer;
let admin: string;
let auditor: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
  auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
});
afterAll(async () => t?.close());

const createStaff = (displayName: string, username: string) =>
  fetch(`${t.url}/api/admin/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({
      username,
      displayName,
      password: 'a-long-password-2026',
      roles: ['supervisor'],
    }),
  });

describe('names and free text', () => {
  it.each([
    ['a right-to-left override', '张三\u202Egnp.exe', 'U+202E'],
    ['NUL', '张三\u0000admin', 'U+0000'],
    ['a line break', '张三\n李四', 'U+000A'],
    ['a directional isolate', '\u2067张三', 'U+2067'],
  ])('a staff name with %s is refused, naming the character', async (_what, name, char) => {
    const res = await createStaff(name, `bad.${char.slice(2).toLowerCase()}`);
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.error).toMatchObject({ code: 'TEXT_UNSAFE', path: ['displayName'] });
    expect(body.error.message).toContain(char);
  });

  it('each refusal of unsafe text is audited with its code and the caller', async () => {
    const res = await createStaff('李四\u202Egnp.exe', 'bad.audited');
    expect(res.status).toBe(400);
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=access.refused`, {
        headers: { cookie: auditor },
      }),
    );
    const entries = (audit.entries as { details: { code: string }; actorType: string }[]).filter(
      (e) => e.details.code === 'TEXT_UNSAFE',
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]?.actorType).toBe('staff');
  });

  it('an ordinary name, Chinese or with a middle dot, is accepted', async () => {
    expect((await createStaff('阿依古丽·买买提', 'ok.name')).status).toBe(201);
  });

  it('an applicant’s answer in a form is refused the same way', async () => {
    const kiosk = await kioskSession(t.url, admin, 'TEXT-1');
    const bundle = t.server.catalogues.current().bundle('YJSP001');
    const res = await kiosk.call('POST', '/forms/validate', {
      bundleCode: 'YJSP001',
      itemCodes: bundle?.items,
      answers: { 'child.name': '小明\u202E' },
    });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatchObject({
      code: 'TEXT_UNSAFE',
      path: ['answers', 'child.name'],
    });
  });

  it('a chat line from the kiosk with a control character is refused on the socket', async () => {
    const kiosk = await kioskSession(t.url, admin, 'TEXT-2');
    const socket = await connectSocket(t.url, '/kiosk', { auth: { token: kiosk.token } });
    try {
      const refused = await requestRefusal(socket, 'chat:send', {
        ticketId: 'any-ticket',
        text: '您好\u0007',
      });
      expect(refused.error).toMatchObject({ code: 'TEXT_UNSAFE', path: ['text'] });
    } finally {
      socket.close();
    }
  });
});
