import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, type ErrorBody } from '../errors.ts';
import { defineNotifications, defineRequests } from './contract.ts';
import type { WireErrors } from './ack.ts';
import { ContractClient } from './contract-client.ts';
import { Notifier } from './notifier.ts';
import { serveRequests } from './request-router.ts';
import type { WireLogger } from './wire-logger.ts';

const Requests = defineRequests({
  'greet:ask': {
    request: z.object({ name: z.string().min(1) }),
    response: z.object({ greeting: z.string() }),
  },
  'greet:broken': { request: z.object({}), response: z.object({ n: z.number() }) },
  'greet:crash': { request: z.object({}), response: z.object({}) },
  'greet:admin': { request: z.object({}), response: z.object({}) },
});
const Notifications = defineNotifications({
  'greet:news': z.object({ headline: z.string() }),
});
const Contract = { requests: Requests, notifications: Notifications };

class TestError extends Error {
  constructor(
    readonly kind: string,
    readonly body: ErrorBody | null = null,
  ) {
    super(kind);
  }
}
const errors: WireErrors<TestError> = {
  invalidRequest: (what, detail) => new TestError(`invalid ${what} ${detail}`),
  unreachable: (what) => new TestError(`unreachable ${what}`),
  badResponse: (what, detail) => new TestError(`bad ${what} ${detail}`),
  refused: (_what, _status, body) => new TestError('refused', body),
};

function recordingLog(): WireLogger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_f: Record<string, unknown>, message: string) =>
    void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

let http: HttpServer;
let server: Server;
let client: ClientSocket;
let serverSocket: ServerSocket;
const refusals: string[] = [];
const serverLog = recordingLog();

beforeEach(async () => {
  refusals.length = 0;
  serverLog.lines.length = 0;
  http = createServer();
  server = new Server(http);
  const connected = new Promise<ServerSocket>((resolve) => server.on('connection', resolve));
  server.on('connection', (socket) =>
    serveRequests(
      socket,
      Requests,
      {
        'greet:ask': { handle: ({ name }) => ({ greeting: `你好，${name}` }) },
        // a handler whose answer breaks its own contract
        'greet:broken': { handle: () => ({ n: 'one' }) as never },
        'greet:crash': {
          handle: () => {
            throw new Error('boom');
          },
        },
        'greet:admin': { allow: () => false, handle: () => ({}) },
      },
      { who: 'tester' },
      {
        log: serverLog,
        onRefused: (e, event, ctx) => void refusals.push(`${ctx.who} ${event} ${e.code}`),
      },
    ),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  serverSocket = await connected;
  await new Promise<void>((resolve) =>
    client.connected ? resolve() : client.on('connect', () => resolve()),
  );
});

afterEach(async () => {
  client.close();
  await server.close();
});

const contractClient = (log?: WireLogger) =>
  new ContractClient(client, Contract, {
    peer: 'server',
    timeoutMs: 2_000,
    errors,
    ...(log && { log }),
  });

describe('a request served by the contract runtime', () => {
  it('is answered with data checked against the contract', async () => {
    await expect(contractClient().request('greet:ask', { name: '张三' })).resolves.toEqual({
      greeting: '你好，张三',
    });
  });

  it('is refused with VALIDATION_FAILED and a path when a raw client sends a malformed payload', async () => {
    const ack = await client.timeout(2_000).emitWithAck('greet:ask', { name: 42 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', path: ['name'] } });
    expect(refusals).toEqual(['tester greet:ask VALIDATION_FAILED']);
  });

  it('never leaves the client when the payload breaks the contract', async () => {
    await expect(contractClient().request('greet:ask', { name: '' })).rejects.toThrow(
      /invalid server greet:ask name/,
    );
  });

  it('answers INTERNAL, not its broken data, when a handler breaks the contract', async () => {
    const err = await contractClient()
      .request('greet:broken', {})
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestError);
    expect((err as TestError).body?.code).toBe('INTERNAL');
    expect(serverLog.lines).toContainEqual({
      level: 'error',
      message: 'response does not match the contract',
    });
  });

  it('answers INTERNAL when a handler throws, and the connection stays up', async () => {
    const err = await contractClient()
      .request('greet:crash', {})
      .catch((e: unknown) => e);
    expect((err as TestError).body?.code).toBe('INTERNAL');
    await expect(contractClient().request('greet:ask', { name: 'a' })).resolves.toBeTruthy();
  });

  it('is refused FORBIDDEN when allow says no, and the refusal hook hears of it first', async () => {
    const err = await contractClient()
      .request('greet:admin', {})
      .catch((e: unknown) => e);
    expect((err as TestError).body?.code).toBe('FORBIDDEN');
    expect(refusals).toEqual(['tester greet:admin FORBIDDEN']);
  });

  it('answers UNKNOWN_EVENT to an event the contract does not name, cutting a long name', async () => {
    const ack = await client.timeout(2_000).emitWithAck('x'.repeat(300), {});
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    expect((ack as { error: ErrorBody }).error.message.length).toBeLessThan(100);
  });
});

describe('a client of the contract runtime', () => {
  it('rejects an answer that is not an acknowledgement', async () => {
    serverSocket.removeAllListeners('greet:ask');
    serverSocket.on('greet:ask', (_p: unknown, ack: (v: unknown) => void) => ack('nonsense'));
    await expect(contractClient().request('greet:ask', { name: 'a' })).rejects.toThrow(
      /bad server greet:ask not an acknowledgement/,
    );
  });

  it('rejects an answer whose data breaks the contract', async () => {
    serverSocket.removeAllListeners('greet:ask');
    serverSocket.on('greet:ask', (_p: unknown, ack: (v: unknown) => void) =>
      ack({ ok: true, data: { greeting: 7 } }),
    );
    await expect(contractClient().request('greet:ask', { name: 'a' })).rejects.toThrow(
      /bad server greet:ask greeting/,
    );
  });

  it('fails fast as unreachable when the socket is down', async () => {
    client.disconnect();
    await expect(contractClient().request('greet:ask', { name: 'a' })).rejects.toThrow(
      /unreachable/,
    );
  });

  it('drops a notification that breaks the contract and hands on one that keeps it', async () => {
    const log = recordingLog();
    const heard: unknown[] = [];
    contractClient(log).on('greet:news', (n) => heard.push(n));
    serverSocket.emit('greet:news', { headline: 5 });
    serverSocket.emit('greet:news', { headline: '开门' });
    await expect.poll(() => heard).toEqual([{ headline: '开门' }]);
    expect(log.lines.map((l) => l.level)).toEqual(['warn']);
  });
});

describe('Notifier', () => {
  it('sends only what the contract names, and nothing that breaks it', async () => {
    const heard: unknown[] = [];
    client.on('greet:news', (n: unknown) => heard.push(n));
    const notifier = new Notifier(Notifications, { namespace: '/', log: serverLog });
    expect(notifier.relay(serverSocket, 'greet:news', { headline: 1 })).toBe(false);
    expect(notifier.relay(serverSocket, 'greet:other', { headline: 'x' })).toBe(false);
    const extra = { headline: '通知', idNumber: '110101199003071234' };
    expect(notifier.send(serverSocket, 'greet:news', extra)).toBe(true);
    await expect.poll(() => heard).toEqual([{ headline: '通知' }]);
    expect(serverLog.lines.filter((l) => l.level === 'error')).toHaveLength(2);
  });
});

describe('AppError codes reach the client unchanged', () => {
  it('keeps the catalogue code of a handler refusal', async () => {
    serverSocket.removeAllListeners('greet:ask');
    serverSocket.on('greet:ask', (_p: unknown, ack: (v: unknown) => void) =>
      ack({ ok: false, error: new AppError('TICKET_NOT_FOUND').toBody() }),
    );
    const err = await contractClient()
      .request('greet:ask', { name: 'a' })
      .catch((e: unknown) => e);
    expect((err as TestError).body?.code).toBe('TICKET_NOT_FOUND');
  });
});
