import { AuthRoutes } from '@onething/contract/rest/account-routes';
import { AuditRoutes } from '@onething/contract/rest/audit-routes';
import { RestClient } from '@onething/contract/wire/rest-client';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from './errors.ts';

const profile = {
  id: 's1',
  username: 'agent',
  displayName: '坐席一',
  roles: ['agent'],
  department: 'civil',
  regions: ['440113'],
  languages: ['zh-CN'],
};

function client(answer: () => Response | Promise<Response>) {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    urls.push(String(input));
    return answer();
  };
  return { rest: new RestClient({ fetch, errors: ConsoleError }), urls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(p: Promise<unknown>): Promise<ConsoleError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof ConsoleError)) throw new Error(`expected an ConsoleError, got ${String(e)}`);
  return e;
}

describe('the console’s REST calls', () => {
  it('returns the checked answer of a route', async () => {
    const { rest, urls } = client(() =>
      json(200, { profile, expiresAt: 1, mustChangePassword: false }),
    );
    await expect(rest.call(AuthRoutes.me, {})).resolves.toEqual({
      profile,
      expiresAt: 1,
      mustChangePassword: false,
    });
    expect(urls).toEqual(['/api/auth/me']);
  });

  it('sends the query the route declares', async () => {
    const { rest, urls } = client(() => json(200, { entries: [] }));
    await rest.call(AuditRoutes.list, { query: { limit: 200 } });
    expect(urls).toEqual(['/api/admin/audit?limit=200']);
  });

  it('maps a refusal to ConsoleError with its status and catalogue code', async () => {
    const { rest } = client(() =>
      json(429, {
        error: { code: 'LOGIN_THROTTLED', message: 'wait', details: { retryAfterMs: 5000 } },
      }),
    );
    const e = await failure(
      rest.call(AuthRoutes.login, { body: { username: 'agent', password: 'x' } }),
    );
    expect(e).toMatchObject({ kind: 'refused', status: 429 });
    expect(e.body).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterMs: 5000 } });
  });

  it('is unreachable when the network fails or a proxy answers with its own page', async () => {
    const down = client(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await failure(down.rest.call(AuthRoutes.me, {}))).toMatchObject({
      kind: 'unreachable',
      status: null,
    });
    const proxy = client(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    expect((await failure(proxy.rest.call(AuthRoutes.me, {}))).kind).toBe('unreachable');
  });

  it('refuses an answer that breaks the contract', async () => {
    const { rest } = client(() => json(200, { profile: { ...profile, roles: ['king'] } }));
    const e = await failure(rest.call(AuthRoutes.me, {}));
    expect(e.kind).toBe('badResponse');
    expect(e.body.code).toBe('INTERNAL');
  });

  it('does not send what breaks the contract', async () => {
    const { rest, urls } = client(() => json(200, {}));
    const e = await failure(
      rest.call(AuthRoutes.login, { body: { username: ' ', password: 'x' } }),
    );
    expect(e).toMatchObject({ kind: 'invalidRequest', body: { code: 'VALIDATION_FAILED' } });
    expect(urls).toEqual([]);
  });
});
