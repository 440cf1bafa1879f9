import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = new EventEmitter();
vi.mock('./staff-socket.ts', () => ({ staffSocket: () => fake }));

const { watchSessionEnd } = await import('./session-end.ts');

beforeEach(() => fake.removeAllListeners());

describe('watchSessionEnd', () => {
  it('reports the server’s reason once, for session:ended and the disconnect that follows', () => {
    const seen: string[] = [];
    watchSessionEnd((r) => seen.push(r));
    fake.emit('session:ended', { reason: 'disabled' });
    fake.emit('disconnect', 'io server disconnect');
    expect(seen).toEqual(['disabled']);
  });

  it('a payload outside the contract is "unknown", never passed through', () => {
    const seen: string[] = [];
    watchSessionEnd((r) => seen.push(r));
    fake.emit('session:ended', { reason: 'UNAUTHENTICATED <b>' });
    expect(seen).toEqual(['unknown']);
  });

  it('a server disconnect without a reason, or a refused handshake, ends the session; a network drop does not', () => {
    const a: string[] = [];
    watchSessionEnd((r) => a.push(r));
    fake.emit('disconnect', 'transport close');
    fake.emit('connect_error', new Error('websocket error'));
    expect(a).toEqual([]);
    fake.emit('connect_error', new Error('UNAUTHENTICATED'));
    expect(a).toEqual(['unknown']);
    fake.removeAllListeners();
    const b: string[] = [];
    watchSessionEnd((r) => b.push(r));
    fake.emit('disconnect', 'io server disconnect');
    expect(b).toEqual(['unknown']);
  });

  it('stops listening when unsubscribed (the person signed out themselves)', () => {
    const seen: string[] = [];
    const off = watchSessionEnd((r) => seen.push(r));
    off();
    fake.emit('session:ended', { reason: 'loggedOut' });
    expect(seen).toEqual([]);
    expect(fake.listenerCount('disconnect')).toBe(0);
  });
});
