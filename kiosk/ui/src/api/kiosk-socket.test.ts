import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeKioskSocket } from '../testing/fake-socket.ts';
import { KioskApiError } from './api-error.ts';
import { defaultRetryPolicy, KioskSocket, type KioskSocketOptions } from './kiosk-socket.ts';

/** The default policy's wait before retry number `attempt`. */
const defaultRetryDelay = (attempt: number): number =>
  defaultRetryPolicy({ attempt, elapsedMs: 0 }) ?? Number.POSITIVE_INFINITY;

function harness(
  getToken: (refresh: boolean) => Promise<string> = async () => 'tok-1',
  nextRetryDelayMs?: KioskSocketOptions['nextRetryDelayMs'],
) {
  const fake = new FakeKioskSocket();
  fake.connected = false;
  const tokens: boolean[] = [];
  let lang: 'zh-CN' | 'en' = 'zh-CN';
  const socket = new KioskSocket({
    getToken: (refresh) => {
      tokens.push(refresh);
      return getToken(refresh);
    },
    hello: () => ({ language: lang, elderMode: lang === 'en' }),
    connect: (url, auth) => {
      fake.url = url;
      fake.authProvider = auth;
      return fake;
    },
    ...(nextRetryDelayMs && { nextRetryDelayMs }),
  });
  return {
    fake,
    socket,
    tokens,
    setLang: (l: 'zh-CN' | 'en') => {
      lang = l;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('KioskSocket', () => {
  it('connects to the /kiosk namespace with the bridge token and starts a session on every connect', async () => {
    const h = harness();
    expect(h.fake.url).toBe('/kiosk');
    expect(await h.fake.handshake()).toEqual({ token: 'tok-1' });
    h.fake.answer = () => ({ ok: true, data: { sessionId: 's1', terminalId: 'T1' } });
    h.fake.open();
    await vi.waitFor(() => expect(h.fake.sent('session:start')).toHaveLength(1));
    expect(h.fake.sent('session:start')[0]).toEqual({ language: 'zh-CN', elderMode: false });
    // a reconnection announces the session again, as it is now
    h.setLang('en');
    h.fake.open();
    await vi.waitFor(() => expect(h.fake.sent('session:start')).toHaveLength(2));
    expect(h.fake.sent('session:start')[1]).toEqual({ language: 'en', elderMode: true });
  });

  it('retries a refused handshake with a fresh token, backing off, and at once when told', async () => {
    vi.useFakeTimers();
    const h = harness();
    await h.fake.handshake();
    expect(h.tokens).toEqual([false]);
    h.fake.refuse();
    expect(h.fake.connects).toBe(0);
    await vi.advanceTimersByTimeAsync(defaultRetryDelay(1));
    expect(h.fake.connects).toBe(1);
    await h.fake.handshake();
    expect(h.tokens).toEqual([false, true]);
    h.fake.refuse();
    await vi.advanceTimersByTimeAsync(defaultRetryDelay(1));
    expect(h.fake.connects).toBe(1); // the second wait is longer
    await vi.advanceTimersByTimeAsync(defaultRetryDelay(2) - defaultRetryDelay(1));
    expect(h.fake.connects).toBe(2);
    h.fake.refuse();
    h.socket.reconnect();
    expect(h.fake.connects).toBe(3);
  });

  it('asks the injected retry policy, and stays down when it gives up until told to reconnect', async () => {
    vi.useFakeTimers();
    const asked: number[] = [];
    const h = harness(undefined, ({ attempt }) => {
      asked.push(attempt);
      return attempt < 2 ? 100 : null;
    });
    await h.fake.handshake();
    h.fake.refuse();
    await vi.advanceTimersByTimeAsync(100);
    expect(h.fake.connects).toBe(1);
    h.fake.refuse();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual([1, 2]);
    expect(h.fake.connects).toBe(1);
    h.socket.reconnect();
    expect(h.fake.connects).toBe(2);
  });

  it('after the server ends the socket (terminal revoked), tells why and retries with a fresh token', async () => {
    vi.useFakeTimers();
    const h = harness();
    await h.fake.handshake();
    h.fake.answer = () => ({ ok: true, data: { sessionId: 's1', terminalId: 'T1' } });
    h.fake.open();
    const told: string[] = [];
    h.socket.on('session:ended', (p) => told.push(p.reason));
    const states: boolean[] = [];
    h.socket.onConnection((up) => states.push(up));
    h.fake.endedByServer('revoked');
    expect(told).toEqual(['revoked']);
    expect(states).toEqual([false]);
    expect(h.socket.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(defaultRetryDelay(1));
    expect(h.fake.connects).toBe(1);
    await h.fake.handshake();
    expect(h.tokens.at(-1)).toBe(true);
    // still revoked: refused, and the next try waits longer
    h.fake.refuse('TERMINAL_REVOKED');
    await vi.advanceTimersByTimeAsync(defaultRetryDelay(1));
    expect(h.fake.connects).toBe(1);
    await vi.advanceTimersByTimeAsync(defaultRetryDelay(2) - defaultRetryDelay(1));
    expect(h.fake.connects).toBe(2);
  });

  it('leaves transport failures to socket.io and connects without a token when the bridge has none', async () => {
    vi.useFakeTimers();
    const h = harness(() => Promise.reject(new Error('bridge away')));
    expect(await h.fake.handshake()).toEqual({});
    h.fake.push('connect_error', new Error('xhr poll error')); // still active: socket.io retries
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.fake.connects).toBe(0);
  });

  it('checks requests against the contract before sending and reports refusals by code', async () => {
    const h = harness();
    h.fake.answer = (event) =>
      event === 'help:request'
        ? { ok: false, error: { code: 'CONFLICT', message: 'maintenance' } }
        : { ok: true, data: { sessionId: 's', terminalId: null } };
    h.fake.open();
    const bad = await h.socket
      .request('help:request', { language: 'fr' as 'en' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(KioskApiError);
    expect((bad as KioskApiError).kind).toBe('badRequest');
    expect(h.fake.sent('help:request')).toHaveLength(0);

    const refused = await h.socket
      .request('help:request', { language: 'zh-CN' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KioskApiError);
    expect(refused).toMatchObject({ kind: 'server', code: 'CONFLICT' });

    h.fake.connected = false;
    const away = await h.socket
      .request('chat:send', { ticketId: 't1', text: 'hello' })
      .catch((e: unknown) => e);
    expect(away).toMatchObject({ kind: 'unreachable' });
    expect(h.fake.sent('chat:send')).toHaveLength(0);
  });

  it('rejects an answer that does not match the contract', async () => {
    const h = harness();
    h.fake.answer = (event) =>
      event === 'session:start'
        ? { ok: true, data: { sessionId: 's', terminalId: null } }
        : { ok: true, data: { ticketId: 't1' } };
    h.fake.open();
    const e = await h.socket
      .request('help:request', { language: 'zh-CN' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KioskApiError);
    expect(e).toMatchObject({ kind: 'badResponse' });
    h.fake.answer = () => 'yes';
    const notAck = await h.socket
      .request('help:request', { language: 'zh-CN' })
      .catch((x: unknown) => x);
    expect(notAck).toMatchObject({ kind: 'badResponse' });
  });

  it('delivers well-formed notifications and drops malformed ones', () => {
    const h = harness();
    const got: number[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const off = h.socket.on('help:position', (p) => got.push(p.position));
    h.fake.push('help:position', { ticketId: 't1', position: 3, estimatedWaitSeconds: 90 });
    h.fake.push('help:position', { ticketId: 't1', position: 'first' });
    expect(got).toEqual([3]);
    // which event was malformed is logged, never the payload
    expect(warn).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ event: 'help:position' }),
    );
    off();
    h.fake.push('help:position', { ticketId: 't1', position: 2, estimatedWaitSeconds: 30 });
    expect(got).toEqual([3]);
    warn.mockRestore();
  });
});
