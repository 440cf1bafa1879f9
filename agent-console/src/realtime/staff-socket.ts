import type { AckResult } from '@onething/contract/errors';
import { Namespace } from '@onething/contract/sockets/namespaces';
import { io, type Socket } from 'socket.io-client';

/**
 * One socket.io connection to the staff namespace per signed-in console. The session cookie
 * authenticates the handshake (same origin), so nothing secret lives in script.
 */
let socket: Socket | null = null;

export function staffSocket(): Socket {
  if (!socket) {
    socket = io(Namespace.Staff, { transports: ['websocket'], withCredentials: true });
  }
  return socket;
}

export function closeStaffSocket(): void {
  socket?.close();
  socket = null;
}

export class RequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Emits a request and resolves with its data, or rejects with the server's error code. */
export async function staffRequest<T>(event: string, payload: unknown = {}): Promise<T> {
  const res = (await staffSocket().timeout(10_000).emitWithAck(event, payload)) as AckResult<T>;
  if (!res.ok) throw new RequestError(res.error.code, res.error.message);
  return res.data;
}

/** Subscribes to a server notification; returns the unsubscribe function for effect cleanup. */
export function subscribe(event: string, handler: (...args: never[]) => void): () => void {
  const socket = staffSocket();
  // socket.io's untyped Socket takes any listener; callers type the payload from the contract.
  const listener = handler as (...args: unknown[]) => void;
  socket.on(event, listener);
  return () => socket.off(event, listener);
}
