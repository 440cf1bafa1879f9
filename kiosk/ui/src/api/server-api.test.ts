import { describe, expect, it } from 'vitest';
import { caseView, catalogue, form } from '../testing/fixtures.ts';
import { KioskApiError } from './api-error.ts';
import { ServerApi } from './server-api.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(responses: (() => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body,
    });
    const next = responses.shift();
    if (!next) throw new TypeError('no more responses');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function api(responses: (() => Response | Promise<Response>)[], tokens = ['tok-1', 'tok-2']) {
  const f = fakeFetch(responses);
  const asked: boolean[] = [];
  const server = new ServerApi({
    fetch: f.fetch,
    getToken: async (refresh) => {
      asked.push(refresh);
      return (refresh ? tokens[1] : tokens[0]) as string;
    },
  });
  return { server, calls: f.calls, asked };
}

async function failure(p: Promise<unknown>): Promise<KioskApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KioskApiError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('ServerApi', () => {
  it('sends the bearer token and returns the validated catalogue', async () => {
    const { server, calls } = api([json(200, catalogue())]);
    const c = await server.catalogue();
    expect(c.bundles.map((b) => b.code)).toEqual(['birth', 'retire']);
    expect(calls[0]?.url).toBe('/api/kiosk/catalogue');
    expect(calls[0]?.headers.Authorization).toBe('Bearer tok-1');
  });

  it('maps an error body to its catalogue code and status', async () => {
    const { server } = api([
      json(403, { error: { code: 'SECOND_FACTOR_MISMATCH', message: 'no match' } }),
    ]);
    const e = await failure(
      server.lookupCase({ caseNumber: 'YJS-20250101-0001', idLast4: '123X' }),
    );
    expect(e.kind).toBe('server');
    expect(e.code).toBe('SECOND_FACTOR_MISMATCH');
    expect(e.status).toBe(403);
  });

  it('does not trust an unknown error code: no answer from the server, like a proxy’s page', async () => {
    const { server } = api([
      json(500, { error: { code: 'WHATEVER', message: 'x' } }),
      () => new Response('<html>502 Bad Gateway</html>', { status: 502 }),
    ]);
    expect(await failure(server.catalogue())).toMatchObject({ kind: 'unreachable' });
    expect(await failure(server.catalogue())).toMatchObject({ kind: 'unreachable' });
  });

  it('reports a network failure as unreachable', async () => {
    const { server } = api([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    const e = await failure(server.catalogue());
    expect(e.kind).toBe('unreachable');
  });

  it('rejects an answer that does not match the contract', async () => {
    const { server } = api([json(200, { ...form(), sections: 'nope' })]);
    const e = await failure(server.mergeForm({ bundleCode: 'birth', itemCodes: ['A'] }));
    expect(e.kind).toBe('badResponse');
    expect(e.message).toContain('sections');
  });

  it('retries once with a fresh token after a 401', async () => {
    const { server, calls, asked } = api([
      json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } }),
      json(200, catalogue()),
    ]);
    await server.catalogue();
    expect(asked).toEqual([false, true]);
    expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('checks requests before sending them', async () => {
    const { server, calls } = api([]);
    const e = await failure(
      server.submitCase({
        idempotencyKey: 'short',
        bundleCode: 'birth',
        itemCodes: ['A'],
        answers: {},
      }),
    );
    expect(e).toMatchObject({ kind: 'badRequest', code: 'VALIDATION_FAILED' });
    expect(e.message).toContain('idempotencyKey');
    expect(calls).toHaveLength(0);
  });

  it('posts a submission as JSON and returns the case', async () => {
    const { server, calls } = api([json(201, { case: caseView(), duplicate: false })]);
    const res = await server.submitCase({
      idempotencyKey: 'k'.repeat(32),
      bundleCode: 'birth',
      itemCodes: ['A', 'B'],
      answers: { 'applicant.phone': '13800138000' },
      uploads: { 'birth-cert': 'up-1' },
    });
    expect(res.case.caseNumber).toBe('YJS-20250101-0001');
    expect(calls[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.body))).toMatchObject({
      channel: 'terminal',
      uploads: { 'birth-cert': 'up-1' },
    });
  });

  it('uploads raw bytes with their media type and refuses empty or oversized files', async () => {
    const { server, calls } = api([
      json(201, { uploadId: 'up-1', sha256: 'ab', mediaType: 'image/jpeg', bytes: 3 }),
    ]);
    const res = await server.upload(new Blob([new Uint8Array([1, 2, 3])]), 'image/jpeg');
    expect(res.uploadId).toBe('up-1');
    expect(calls[0]?.headers['content-type']).toBe('image/jpeg');
    expect(calls[0]?.body).toBeInstanceOf(Blob);
    await expect(server.upload(new Blob([]), 'image/jpeg')).rejects.toMatchObject({
      kind: 'badRequest',
    });
    const small = new ServerApi({
      fetch: calls as never,
      getToken: async () => 't',
      maxUploadBytes: 2,
    });
    await expect(small.upload(new Blob([new Uint8Array(3)]), 'image/png')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('returns field errors from validation', async () => {
    const errors = [
      { key: 'applicant.phone', rule: 'phone', message: { zh: '手机号有误', en: 'Bad phone' } },
    ];
    const { server } = api([json(200, { errors })]);
    expect(
      await server.validateForm({
        bundleCode: 'birth',
        itemCodes: ['A'],
        answers: {},
      }),
    ).toEqual(errors);
  });

  it('a rating must be acknowledged with ok: true', async () => {
    const { server } = api([json(200, { ok: true }), json(200, { fine: true })]);
    const req = {
      caseNumber: 'YJS-20250101-0001',
      channel: 'onsite' as const,
      level: 'satisfied' as const,
    };
    await expect(server.rate(req)).resolves.toBeUndefined();
    await expect(server.rate(req)).rejects.toMatchObject({ kind: 'badResponse' });
  });

  it('names the bundle in the path, encoded', async () => {
    const { server, calls } = api([json(500, { error: { code: 'INTERNAL', message: 'x' } })]);
    const e = await failure(server.bundle('a b'));
    expect(calls[0]?.url).toBe('/api/kiosk/bundles/a%20b');
    expect(e).toMatchObject({ kind: 'server', code: 'INTERNAL', status: 500 });
    expect(e.message).toContain('GET /api/kiosk/bundles/:code');
  });

  it('is unreachable when the bridge cannot give a token', async () => {
    const server = new ServerApi({
      fetch: (() => {
        throw new Error('must not be called');
      }) as never,
      getToken: async () => {
        throw new Error('bridge down');
      },
    });
    await expect(server.catalogue()).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
