import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallClient, CallEvent, type SignallingSocket } from './call-client.ts';
import { CallError, CallFailure } from './call-error.ts';

/** A signalling socket whose answers the test scripts, and whose notifications it delivers. */
class FakeSignalling implements SignallingSocket {
  readonly sent: { event: string; payload: unknown }[] = [];
  readonly answers = new Map<string, unknown>();
  readonly #listeners = new Map<string, Set<(...args: unknown[]) => void>>();

  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        this.sent.push({ event, payload });
        if (!this.answers.has(event)) throw new Error('operation has timed out');
        return this.answers.get(event);
      },
    };
  }

  on(event: string, listener: (...args: unknown[]) => void): void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
  }

  off(event: string, listener: (...args: unknown[]) => void): void {
    this.#listeners.get(event)?.delete(listener);
  }

  deliver(event: string, payload: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }
}

// join only reads the stream's tracks once the server has answered; none are needed here
const noTracks = { getTracks: () => [] } as unknown as MediaStream;

let socket: FakeSignalling;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  socket = new FakeSignalling();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
});

async function failedJoin(client: CallClient): Promise<CallError> {
  const error: unknown = await client.join(noTracks).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallError);
  if (!(error instanceof CallError)) throw new Error('join did not fail with a CallError');
  return error;
}

describe('CallClient requests', () => {
  it('rejects a join answer that breaks the media contract with a CallError', async () => {
    socket.answers.set('media:join', { ok: true, data: { peerId: 7, peers: 'none' } });
    const error = await failedJoin(new CallClient(socket, 'call-1'));
    expect(error.failure).toBe(CallFailure.BadResponse);
    expect(error.code).toBe('INTERNAL');
  });

  it('rejects router capabilities mediasoup-client could not read', async () => {
    socket.answers.set('media:join', {
      ok: true,
      data: { peerId: 'p1', rtpCapabilities: { codecs: 'opus' }, peers: [], producers: [] },
    });
    const error = await failedJoin(new CallClient(socket, 'call-1'));
    expect(error.failure).toBe(CallFailure.BadResponse);
    expect(error.message).toContain('rtpCapabilities');
  });

  it("keeps the server's catalogue code when it refuses", async () => {
    socket.answers.set('media:join', {
      ok: false,
      error: { code: 'MEDIA_UNAVAILABLE', message: 'no media worker' },
    });
    const error = await failedJoin(new CallClient(socket, 'call-1'));
    expect(error.failure).toBe(CallFailure.Refused);
    expect(error.code).toBe('MEDIA_UNAVAILABLE');
  });

  it('fails as unreachable when no answer comes', async () => {
    const error = await failedJoin(new CallClient(socket, 'call-1'));
    expect(error.failure).toBe(CallFailure.Unreachable);
  });

  it('never sends a request that breaks the media contract', async () => {
    const error = await failedJoin(new CallClient(socket, ''));
    expect(error.failure).toBe(CallFailure.InvalidRequest);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(socket.sent).toEqual([]);
  });
});

describe('CallClient notifications', () => {
  it('drops a malformed media notification and hands on a well-formed one of its own call', async () => {
    socket.answers.set('media:join', {
      ok: false,
      error: { code: 'NOT_IN_CALL', message: 'not admitted' },
    });
    const client = new CallClient(socket, 'call-1');
    const left = vi.fn();
    client.on(CallEvent.PeerLeft, left);
    await failedJoin(client);

    socket.deliver('media:peerLeft', { callId: 'call-1', peerId: 7 });
    expect(left).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();

    socket.deliver('media:peerLeft', { callId: 'call-2', peerId: 'agent' });
    expect(left).not.toHaveBeenCalled();

    socket.deliver('media:peerLeft', { callId: 'call-1', peerId: 'agent' });
    expect(left).toHaveBeenCalledExactlyOnceWith({ peerId: 'agent' });
  });

  it('keeps telling the other listeners when one throws', async () => {
    socket.answers.set('media:join', {
      ok: false,
      error: { code: 'NOT_IN_CALL', message: 'not admitted' },
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = new CallClient(socket, 'call-1');
    const quality = vi.fn();
    client.on(CallEvent.Quality, () => {
      throw new Error('broken view');
    });
    client.on(CallEvent.Quality, quality);
    await failedJoin(client);

    socket.deliver('media:quality', { callId: 'call-1', peerId: 'agent', score: 9 });
    expect(quality).toHaveBeenCalledExactlyOnceWith({ peerId: 'agent', score: 9 });
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('stops listening once it leaves', async () => {
    socket.answers.set('media:join', {
      ok: false,
      error: { code: 'NOT_IN_CALL', message: 'not admitted' },
    });
    socket.answers.set('media:leave', { ok: true, data: { left: true } });
    const client = new CallClient(socket, 'call-1');
    const left = vi.fn();
    client.on(CallEvent.PeerLeft, left);
    await failedJoin(client);
    await client.leave();

    socket.deliver('media:peerLeft', { callId: 'call-1', peerId: 'agent' });
    expect(left).not.toHaveBeenCalled();
    expect(socket.sent.map((s) => s.event)).toEqual(['media:join', 'media:leave']);
  });
});
