import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleError } from '../errors.ts';

/** A socket.io client stand-in: answers emits from a function and can push notifications. */
class FakeSocket extends EventEmitter {
  connected = true;
  readonly io = new EventEmitter();
  readonly sent: { event: string; payload: unknown }[] = [];
  answer: (event: string) => unknown = () => ({ ok: true, data: {} });
  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        this.sent.push({ event, payload });
        return this.answer(event);
      },
    };
  }
  close() {
    this.connected = false;
  }
}

let fake = new FakeSocket();
vi.mock('socket.io-client', () => ({ io: () => fake }));

const { closeStaffSocket, onStaff, staffRequest } = await import('./staff-socket.ts');

afterEach(() => {
  closeStaffSocket();
  fake = new FakeSocket();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the staff socket', () => {
  it('delivers well-formed notifications and drops malformed ones', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const got: string[] = [];
    const off = onStaff('offer:ended', (p) => got.push(p.reason));
    fake.emit('offer:ended', { offerId: 'o1', reason: 'withdrawn' });
    fake.emit('offer:ended', { offerId: 'o2', reason: 'because' });
    fake.emit('offer:ended', 'withdrawn');
    expect(got).toEqual(['withdrawn']);
    // which event was malformed is logged, never the payload
    expect(warn).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ event: 'offer:ended' }),
    );
    off();
    fake.emit('offer:ended', { offerId: 'o3', reason: 'rejected' });
    expect(got).toEqual(['withdrawn']);
  });

  it('rejects an answer outside the contract with a ConsoleError (badResponse)', async () => {
    fake.answer = () => ({ ok: true, data: { terminals: 'all of them' } });
    const e = await staffRequest('fleet:list', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConsoleError);
    expect(e).toMatchObject({ kind: 'badResponse', code: 'INTERNAL' });
    fake.answer = () => 'yes';
    const notAck = await staffRequest('fleet:list', {}).catch((x: unknown) => x);
    expect(notAck).toMatchObject({ kind: 'badResponse' });
  });

  it('a refused request carries the catalogue code', async () => {
    fake.answer = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'maintenance only' } });
    const e = await staffRequest('fleet:list', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConsoleError);
    expect(e).toMatchObject({ kind: 'refused', code: 'FORBIDDEN', status: null });
  });

  it('checks the payload before sending it', async () => {
    // a request the contract does not allow is a bug here: it never reaches the server
    const e = await staffRequest('fleet:detail', { terminalId: '' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'invalidRequest', code: 'VALIDATION_FAILED' });
    expect(fake.sent).toEqual([]);
  });

  it('waits a short while for the connection, then fails as unreachable', async () => {
    vi.useFakeTimers();
    fake.connected = false;
    fake.answer = () => ({ ok: true, data: { terminals: [] } });
    const early = staffRequest('fleet:list', {});
    fake.connected = true;
    fake.emit('connect');
    await expect(early).resolves.toEqual({ terminals: [] });

    fake.connected = false;
    const late = staffRequest('fleet:list', {}).catch((x: unknown) => x);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await late).toMatchObject({ kind: 'unreachable' });
  });
});
