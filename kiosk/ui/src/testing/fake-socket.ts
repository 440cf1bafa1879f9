import type { SocketLike } from '../api/bridge-client.ts';

type Listener = (...args: unknown[]) => void;

/** A socket.io client stand-in: answers emits from a function and can push notifications. */
export class FakeSocket implements SocketLike {
  connected = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  answer: (event: string, payload: unknown) => unknown = () => ({ ok: true, data: {} });
  url = '';
  auth: unknown = null;

  on(event: string, listener: (...args: never[]) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener as Listener);
    return this;
  }
  off(event: string, listener: (...args: never[]) => void) {
    this.listeners.get(event)?.delete(listener as Listener);
    return this;
  }
  push(event: string, payload?: unknown) {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        this.emitted.push({ event, payload });
        const a = this.answer(event, payload);
        if (a instanceof Error) throw a;
        return a;
      },
    };
  }
  disconnect() {
    this.connected = false;
  }
  sent(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }
}

/** A fake for the booth server's /kiosk socket: also reconnects and keeps the auth provider. */
export class FakeKioskSocket extends FakeSocket {
  active = true;
  connects = 0;
  authProvider: ((cb: (data: { token?: string }) => void) => void) | null = null;

  connect() {
    this.connects += 1;
    return this;
  }

  /** What the auth provider hands socket.io for the next handshake. */
  handshake(): Promise<{ token?: string }> {
    return new Promise((resolve) => this.authProvider?.(resolve));
  }

  /** The server accepted the handshake. */
  open() {
    this.connected = true;
    this.active = true;
    this.push('connect');
  }

  /** The server ended the socket (`session:ended`, then disconnect): socket.io gives up too. */
  endedByServer(reason = 'revoked') {
    this.push('session:ended', { reason });
    this.connected = false;
    this.active = false;
    this.push('disconnect', 'io server disconnect');
  }

  /** The server's middleware refused the handshake: socket.io gives up until told to connect. */
  refuse(code = 'UNAUTHENTICATED') {
    this.connected = false;
    this.active = false;
    this.push('connect_error', new Error(code));
  }
}
