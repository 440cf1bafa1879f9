import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ErrorBody } from '@onething/contract/errors';
import type { WireErrors } from '@onething/contract/wire/ack';
import { RestClient } from '@onething/contract/wire/rest-client';
import { defineRoute } from '@onething/contract/wire/rest-route';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler } from './errors.ts';
import { RestRouter } from './rest-router.ts';

const Echo = defineRoute({
  method: 'POST',
  path: '/api/test/echo/:id',
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  body: z.object({ text: z.string().min(1) }),
  response: z.object({ id: z.string(), text: z.string() }),
});
const Broken = defineRoute({
  method: 'GET',
  path: '/api/test/broken',
  response: z.object({ count: z.number() }),
});
const Gone = defineRoute({
  method: 'DELETE',
  path: '/api/test/gone',
  response: z.undefined(),
  status: 204,
});
const Create = defineRoute({
  method: 'POST',
  path: '/api/test',
  body: z.object({ repeat: z.boolean() }),
  response: z.object({ created: z.boolean() }),
  status: 201,
});
/** Bound as a plain express route (a raw body); the client sends a Blob as it is. */
const Upload = defineRoute({
  method: 'POST',
  path: '/api/test/upload',
  body: z.instanceof(Blob),
  response: z.object({ bytes: z.number(), type: z.string() }),
  status: 201,
});

class ClientError extends Error {
  constructor(
    readonly kind: string,
    readonly status: number | null = null,
    readonly body: ErrorBody | null = null,
  ) {
    super(kind);
  }
}
const errors: WireErrors<ClientError> = {
  invalidRequest: (_w, detail) => new ClientError(`invalid ${detail}`),
  unreachable: () => new ClientError('unreachable'),
  badResponse: (_w, detail) => new ClientError(`bad ${detail}`),
  refused: (_w, status, body) => new ClientError('refused', status, body),
};

let server: Server;
let client: RestClient<ClientError>;
let base: string;

beforeAll(async () => {
  const api = new RestRouter('/api/test')
    .bind(Echo, ({ params, body }) => ({ id: params.id, text: body.text, secret: 'never sent' }))
    .bind(Broken, () => ({ count: 'many' }) as never)
    .bind(Gone, () => undefined)
    .bind(Create, ({ body }, _req, res) => {
      if (body.repeat) res.status(200);
      return { created: !body.repeat };
    });
  const app = express();
  app.post('/api/test/upload', express.raw({ type: () => true }), (req, res) => {
    res.status(201).json({ bytes: Buffer.byteLength(req.body), type: req.get('content-type') });
  });
  app.use(express.json());
  app.use('/api/test', api.router);
  app.use(errorHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new RestClient({ baseUrl: base, errors });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('a route defined once in the contract', () => {
  it('answers a valid call with exactly the contract’s fields', async () => {
    await expect(
      client.call(Echo, { params: { id: '7' }, body: { text: '你好' } }),
    ).resolves.toEqual({
      id: '7',
      text: '你好',
    });
  });

  it('refuses a malformed body from a raw client with 400 VALIDATION_FAILED and its path', async () => {
    const res = await fetch(`${base}/api/test/echo/7`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 5 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', path: ['text'] },
    });
  });

  it('refuses a malformed path parameter', async () => {
    const res = await fetch(`${base}/api/test/echo/abc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x' }),
    });
    expect(res.status).toBe(400);
  });

  it('does not let the typed client send what breaks the contract', async () => {
    await expect(client.call(Echo, { params: { id: '7' }, body: { text: '' } })).rejects.toThrow(
      /invalid body text/,
    );
  });

  it('sends 500 INTERNAL, not broken data, when the server’s answer breaks the contract', async () => {
    const err = await client.call(Broken, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).status).toBe(500);
    expect((err as ClientError).body?.code).toBe('INTERNAL');
  });

  it('answers 204 with no body', async () => {
    await expect(client.call(Gone, {})).resolves.toBeUndefined();
  });

  it('reports a server that cannot be reached as unreachable', async () => {
    const away = new RestClient({ baseUrl: 'http://127.0.0.1:1', errors });
    await expect(away.call(Gone, {})).rejects.toThrow('unreachable');
  });

  it('binds the prefix itself and answers with the route’s status unless the handler chose another success status', async () => {
    const post = (repeat: boolean) =>
      fetch(`${base}/api/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ repeat }),
      });
    expect((await post(false)).status).toBe(201);
    expect((await post(true)).status).toBe(200);
    await expect(client.call(Create, { body: { repeat: true } })).resolves.toEqual({
      created: false,
    });
  });

  it('sends a Blob body as it is, with its own media type', async () => {
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    await expect(client.call(Upload, { body: blob })).resolves.toEqual({
      bytes: 3,
      type: 'image/png',
    });
  });
});
