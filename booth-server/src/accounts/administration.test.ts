import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

/** 三员分立 over the real REST API and a real SQLite database. */
let t: TestServer;
let admin: string;
let security: string;
let security2: string;
let auditor: string;
beforeAll(async () => {
  t = await startTestServer();
  [admin, security, security2, auditor] = await Promise.all([
    login(t.url, 'admin', 'demo-admin-2026'),
    login(t.url, 'security', 'demo-security-2026'),
    login(t.url, 'security2', 'demo-security-2026'),
    login(t.url, 'auditor', 'demo-auditor-2026'),
  ]);
});
afterAll(async () => t.close());

const call = (method: string, path: string, cookie: string, body?: unknown) =>
  fetch(`${t.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function idOf(username: string): Promise<string> {
  const { accounts } = await readJson(await call('GET', '/api/admin/accounts', admin));
  return (accounts as { id: string; username: string }[]).find((a) => a.username === username)
    ?.id as string;
}

async function codeOf(res: Response): Promise<string> {
  return (await readJson(res)).error.code;
}

describe('separation of duties (三员分立)', () => {
  it('each duty reaches only its own routes', async () => {
    expect((await call('GET', '/api/admin/audit', admin)).status).toBe(403);
    expect((await call('GET', '/api/admin/audit', security)).status).toBe(403);
    expect((await call('GET', '/api/admin/audit', auditor)).status).toBe(200);
    expect((await call('GET', '/api/admin/terminals', auditor)).status).toBe(403);
    expect((await call('GET', '/api/admin/terminals', security)).status).toBe(403);
    expect((await call('GET', '/api/admin/terminals', admin)).status).toBe(200);
    expect((await call('GET', '/api/admin/grants', admin)).status).toBe(403);
    expect((await call('GET', '/api/admin/accounts', auditor)).status).toBe(403);
    const id = await idOf('maint');
    // the system administrator does not grant roles; the security administrator does not disable
    expect(
      (await call('POST', `/api/admin/accounts/${id}/roles`, admin, { roles: ['agent'] })).status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/admin/accounts/${id}/disabled`, security, { disabled: true }))
        .status,
    ).toBe(403);
  });

  it('refuses two administrator duties on one account with DUTIES_CONFLICT', async () => {
    const id = await idOf('maint');
    const res = await call('POST', `/api/admin/accounts/${id}/roles`, security, {
      roles: ['sysadmin', 'auditor'],
    });
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('DUTIES_CONFLICT');
    const created = await call('POST', '/api/admin/accounts', admin, {
      username: 'two.hats',
      displayName: '兼任',
      password: 'a-long-password',
      roles: ['secadmin', 'auditor'],
    });
    expect(await codeOf(created)).toBe('DUTIES_CONFLICT');
  });

  it('nobody grants themselves anything', async () => {
    const own = await idOf('security');
    const res = await call('POST', `/api/admin/accounts/${own}/roles`, security, {
      roles: ['secadmin', 'maintenance'],
    });
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('SELF_GRANT');
    const mine = await idOf('admin');
    const edit = await call('POST', `/api/admin/accounts/${mine}/profile`, admin, {
      displayName: '我',
      regions: ['440113', '510104'],
      languages: ['zh-CN'],
    });
    expect(await codeOf(edit)).toBe('SELF_GRANT');
  });

  it('a role without personal data takes effect at once when a security administrator grants it', async () => {
    const id = await idOf('maint');
    const res = await call('POST', `/api/admin/accounts/${id}/roles`, security, {
      roles: ['maintenance', 'supervisor'],
    });
    expect((await readJson(res)).pending).not.toBeNull();
    await call(
      'POST',
      `/api/admin/grants/${(await readJson(await call('GET', '/api/admin/grants', security))).grants[0].id}/reject`,
      security2,
      {},
    );
    const plain = await readJson(
      await call('POST', `/api/admin/accounts/${id}/roles`, security, { roles: ['maintenance'] }),
    );
    expect(plain.pending).toBeNull();
    expect(plain.profile.roles).toEqual(['maintenance']);
  });
});

describe('an account from creation to its first day', () => {
  it('created by the system administrator, approved by a security administrator, password changed', async () => {
    const created = await call('POST', '/api/admin/accounts', admin, {
      username: 'agent.fresh',
      displayName: '新来的坐席',
      password: 'first-password-1',
      roles: ['agent'],
      department: 'HRSS',
      regions: ['440113'],
    });
    expect(created.status).toBe(201);
    const { profile, pending } = await readJson(created);
    expect(profile).toMatchObject({ roles: [], mustChangePassword: true });
    expect(pending).toMatchObject({ status: 'pending', roles: ['agent'], department: 'HRSS' });

    // Before approval the account has no roles; the password must be changed first anyway.
    const signIn = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent.fresh', password: 'first-password-1' }),
    });
    expect((await readJson(signIn)).mustChangePassword).toBe(true);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(await codeOf(await call('GET', '/api/cases', cookie))).toBe('PASSWORD_CHANGE_REQUIRED');
    await expect(connectSocket(t.url, '/staff', { cookie })).rejects.toThrow(
      /PASSWORD_CHANGE_REQUIRED/,
    );

    const grants = (await readJson(await call('GET', '/api/admin/grants', security))).grants;
    const grant = grants.find((g: { accountId: string }) => g.accountId === profile.id);
    expect(grant).toMatchObject({
      accountName: '新来的坐席（agent.fresh）',
      requestedByName: '系统管理员（admin）',
    });
    expect((await call('POST', `/api/admin/grants/${grant.id}/approve`, security, {})).status).toBe(
      200,
    );
    expect(
      (await call('POST', `/api/admin/grants/${grant.id}/approve`, security2, {})).status,
    ).toBe(409);

    const wrong = await call(
      'POST',
      '/api/auth/password',
      await login(t.url, 'agent.fresh', 'first-password-1'),
      {
        current: 'not-it-at-all',
        next: 'my-own-password-2',
      },
    );
    expect(await codeOf(wrong)).toBe('BAD_CREDENTIALS');
    const fresh = await login(t.url, 'agent.fresh', 'first-password-1');
    const changed = await readJson(
      await call('POST', '/api/auth/password', fresh, {
        current: 'first-password-1',
        next: 'my-own-password-2',
      }),
    );
    expect(changed).toMatchObject({ mustChangePassword: false, profile: { roles: ['agent'] } });
    expect((await call('GET', '/api/cases', fresh)).status).toBe(200);
  });

  it('a personal-data grant by one security administrator waits for a second; the asker cannot approve', async () => {
    const id = await idOf('agent.remote');
    const asked = await readJson(
      await call('POST', `/api/admin/accounts/${id}/roles`, security, {
        roles: ['agent', 'supervisor'],
        department: 'PSB',
      }),
    );
    expect(asked.pending).toMatchObject({
      status: 'pending',
      requestedByName: '安全管理员（security）',
    });
    expect(asked.profile.roles).toEqual(['agent']);
    const again = await call('POST', `/api/admin/accounts/${id}/roles`, security2, {
      roles: ['agent', 'auditor'],
      department: 'PSB',
    });
    expect(again.status).toBe(409);
    const self = await call('POST', `/api/admin/grants/${asked.pending.id}/approve`, security, {});
    expect(await codeOf(self)).toBe('SECOND_APPROVER_REQUIRED');
    const cookie = await login(t.url, 'agent.remote', 'demo-agent-2026');
    const s = await connectSocket(t.url, '/staff', { cookie });
    const ended = new Promise((resolve) => s.once('session:ended', resolve));
    const approved = await readJson(
      await call('POST', `/api/admin/grants/${asked.pending.id}/approve`, security2, {}),
    );
    expect(approved.profile.roles).toEqual(['agent', 'supervisor']);
    // The role change still ends the account's sockets.
    expect(await ended).toEqual({ reason: 'roleChanged' });
    s.close();
  });

  it('a password reset forces a change at the next sign-in and ends the sessions', async () => {
    const id = await idOf('agent.health');
    const cookie = await login(t.url, 'agent.health', 'demo-agent-2026');
    const s = await connectSocket(t.url, '/staff', { cookie });
    const ended = new Promise((resolve) => s.once('session:ended', resolve));
    const res = await call('POST', `/api/admin/accounts/${id}/password`, admin, {
      password: 'temporary-pass-9',
    });
    expect(res.status).toBe(204);
    expect(await ended).toEqual({ reason: 'passwordReset' });
    s.close();
    const again = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent.health', password: 'temporary-pass-9' }),
    });
    expect((await readJson(again)).mustChangePassword).toBe(true);
  });

  it('edits and disables are audited, in names, and a disable still ends the sockets', async () => {
    const id = await idOf('agent.police');
    const edited = await readJson(
      await call('POST', `/api/admin/accounts/${id}/profile`, admin, {
        displayName: '李警官',
        regions: ['440113'],
        languages: ['zh-CN', 'en', 'yue'],
      }),
    );
    expect(edited.profile.languages).toEqual(['zh-CN', 'en', 'yue']);
    const cookie = await login(t.url, 'agent.police', 'demo-agent-2026');
    const s = await connectSocket(t.url, '/staff', { cookie });
    const ended = new Promise((resolve) => s.once('session:ended', resolve));
    await call('POST', `/api/admin/accounts/${id}/disabled`, admin, { disabled: true });
    expect(await ended).toEqual({ reason: 'disabled' });
    s.close();
    await call('POST', `/api/admin/accounts/${id}/disabled`, admin, { disabled: false });
    const { entries } = await readJson(
      await call('GET', `/api/admin/audit?actionPrefix=account.&targetId=${id}`, auditor),
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'account.enable',
      'account.disable',
      'account.edit',
      'account.create',
    ]);
    expect(entries[0]).toMatchObject({
      actorName: '系统管理员（admin）',
      targetName: '李警官（agent.police）',
    });
  });
});

describe('terminals and the audit chain', () => {
  it('shows the enrolment state, renames and moves a terminal', async () => {
    const code = await registerTerminal(t.url, admin, 'ADM-T-1');
    const list = async () =>
      (await readJson(await call('GET', '/api/admin/terminals', admin))).terminals.find(
        (x: { id: string }) => x.id === 'ADM-T-1',
      );
    expect(await list()).toMatchObject({ enrolment: 'codeIssued', enrolledAt: null });
    await fetch(`${t.url}/api/terminal/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ terminalId: 'ADM-T-1', code }),
    });
    expect(await list()).toMatchObject({ enrolment: 'enrolled', codeExpiresAt: null });
    const moved = await readJson(
      await call('POST', '/api/admin/terminals/ADM-T-1/profile', admin, {
        name: '二楼自助终端',
        site: '成华区政务服务中心',
        region: '510104',
      }),
    );
    expect(moved.terminal).toMatchObject({ name: '二楼自助终端', region: '510104' });
    await call('POST', '/api/admin/terminals/ADM-T-1/revoke', admin, {});
    expect((await list()).enrolment).toBe('revoked');
    const { entries } = await readJson(
      await call('GET', '/api/admin/audit?action=terminal.edit', auditor),
    );
    expect(entries[0]).toMatchObject({ targetName: '二楼自助终端（ADM-T-1）' });
  });

  it('the auditor sees the chain intact, then broken after a row is changed behind the log', async () => {
    const ok = await readJson(await call('GET', '/api/admin/audit/verify', auditor));
    expect(ok).toMatchObject({ ok: true, problems: [], firstSeq: 1 });
    expect(ok.checked).toBeGreaterThan(10);
    await t.server.database.db
      .updateTable('audit_log')
      .set({ ip: '10.9.9.9' })
      .where('action', '=', 'terminal.edit')
      .execute();
    const broken = await readJson(await call('GET', '/api/admin/audit/verify', auditor));
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({ kind: 'changed' });
    expect((await call('GET', '/api/admin/audit/verify', admin)).status).toBe(403);
  });
});

describe('databases from before 三员分立', () => {
  it('turn the admin role into the system administrator at start, audited', async () => {
    const first = await startTestServer({}, { seed: false });
    const dataDir = first.dataDir;
    await first.server.database.db
      .insertInto('staff_accounts')
      .values({
        id: 'legacy-1',
        username: 'oldadmin',
        display_name: '老管理员',
        password_hash: 'x',
        roles: JSON.stringify(['admin', 'maintenance']),
        department: null,
        regions: '[]',
        languages: '["zh-CN"]',
        disabled: 0,
        is_demo: 0,
        must_change_password: 0,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    await first.server.close();
    const second = await startTestServer({}, { seed: false, keepDataDir: dataDir });
    try {
      expect((await second.server.accounts.get('legacy-1'))?.roles).toEqual([
        'sysadmin',
        'maintenance',
      ]);
      const [entry] = await second.server.audit.list({
        action: 'account.roles.migrated',
        limit: 5,
      });
      expect(entry?.details).toEqual({
        from: ['admin', 'maintenance'],
        to: ['sysadmin', 'maintenance'],
      });
    } finally {
      await second.close();
      (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
