import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../testing/fake-socket.ts';
import { card } from '../testing/fixtures.ts';
import { KioskApiError } from './api-error.ts';
import { BridgeClient } from './bridge-client.ts';

function client(now = () => 1_000_000) {
  const socket = new FakeSocket();
  const bridge = new BridgeClient({
    bridgeUrl: 'http://127.0.0.1:7071',
    token: 'launch-token',
    now,
    connect: (url, auth) => {
      socket.url = url;
      socket.auth = auth;
      return socket;
    },
  });
  return { socket, bridge };
}

describe('BridgeClient', () => {
  it('connects to the /local namespace with the launch token', () => {
    const { socket } = client();
    expect(socket.url).toBe('http://127.0.0.1:7071/local');
    expect(socket.auth).toEqual({ token: 'launch-token' });
  });

  it('returns the validated data of a successful acknowledgement', async () => {
    const { socket, bridge } = client();
    socket.answer = () => ({ ok: true, data: { jobId: 'job-7' } });
    const res = await bridge.request('print:receipt', { document: { title: 'T', lines: [] } });
    expect(res).toEqual({ jobId: 'job-7' });
    // defaults of the schema are applied before sending
    expect(socket.emitted[0]?.payload).toEqual({ document: { title: 'T', lines: [] } });
  });

  it('turns an error acknowledgement into a coded error', async () => {
    const { socket, bridge } = client();
    socket.answer = () => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'not in demo mode' },
    });
    await expect(bridge.request('sim:removeCard', {})).rejects.toMatchObject({
      kind: 'server',
      code: 'FORBIDDEN',
    });
  });

  it('refuses an invalid request without sending it', async () => {
    const { socket, bridge } = client();
    await expect(bridge.request('sim:scan', { text: '' })).rejects.toMatchObject({
      kind: 'badRequest',
    });
    expect(socket.emitted).toHaveLength(0);
  });

  it('does not queue requests while disconnected (a late print or wipe would surprise)', async () => {
    const { socket, bridge } = client();
    socket.connected = false;
    await expect(bridge.request('session:wipe', {})).rejects.toMatchObject({ kind: 'unreachable' });
    expect(socket.emitted).toHaveLength(0);
  });

  it('reports a timeout as unreachable and a malformed answer as badResponse', async () => {
    const { socket, bridge } = client();
    socket.answer = () => new Error('operation has timed out');
    await expect(bridge.request('devices:get', {})).rejects.toMatchObject({ kind: 'unreachable' });
    socket.answer = () => ({ ok: true, data: { jobId: 42 } });
    await expect(
      bridge.request('print:a4', { document: { kind: 'notice', title: 'x', paragraphs: [] } }),
    ).rejects.toMatchObject({ kind: 'badResponse' });
  });

  it('takes an answer that is no acknowledgement, or names no catalogue code, as badResponse', async () => {
    const { socket, bridge } = client();
    for (const answer of [
      'ok',
      { ok: 'yes', data: {} },
      { ok: false, error: { code: 'NO_SUCH_CODE', message: 'x' } },
    ]) {
      socket.answer = () => answer;
      await expect(bridge.request('devices:get', {})).rejects.toMatchObject({
        name: 'KioskApiError',
        kind: 'badResponse',
        code: 'INTERNAL',
      });
    }
    // the client is still usable afterwards
    socket.answer = () => ({ ok: true, data: { jobId: 'job-8' } });
    expect(await bridge.request('print:reprintReceipt', {})).toEqual({ jobId: 'job-8' });
  });

  it('keeps the path the bridge named in a refusal', async () => {
    const { socket, bridge } = client();
    socket.answer = () => ({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'too short', path: ['document', 'title'] },
    });
    const error = await bridge
      .request('print:receipt', { document: { title: 'T', lines: [] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskApiError);
    expect(error).toMatchObject({
      kind: 'server',
      code: 'VALIDATION_FAILED',
      path: ['document', 'title'],
    });
  });

  it('delivers valid notifications and drops malformed ones without logging their content', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { socket, bridge } = client();
    const got: string[] = [];
    const off = bridge.on('card:inserted', (p) => got.push(p.card.name));
    socket.push('card:inserted', { card: card(), validity: 'valid' });
    socket.push('card:inserted', { card: { name: 'no id number' }, validity: 'valid' });
    off();
    socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(got).toEqual(['张三']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('no id number');
    warn.mockRestore();
  });

  it('caches the session token until a minute before expiry and shares one request', async () => {
    let now = 1_000_000;
    const { socket, bridge } = client(() => now);
    let issued = 0;
    socket.answer = (event) => {
      if (event !== 'session:token') return { ok: true, data: {} };
      issued += 1;
      return {
        ok: true,
        data: {
          token: `t${issued}`,
          expiresAt: now + 600_000,
          terminalId: 'T1',
          sessionId: 'session-id-0001-abcd',
        },
      };
    };
    const [a, b] = await Promise.all([bridge.sessionToken(), bridge.sessionToken()]);
    expect([a, b, issued]).toEqual(['t1', 't1', 1]);
    now += 500_000;
    expect(await bridge.sessionToken()).toBe('t1');
    now += 50_000; // inside the last minute
    expect(await bridge.sessionToken()).toBe('t2');
    expect(await bridge.sessionToken(true)).toBe('t3');
  });
});
