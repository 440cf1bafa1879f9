import type { AckResult } from '@onething/contract/errors';
import { KioskApiError } from './api-error.ts';

/** The part of a zod schema a request needs (zod itself stays out of this module's imports). */
export interface Parser {
  safeParse(
    input: unknown,
  ):
    { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } };
}

export interface RequestSchemas {
  request: Parser;
  response: Parser;
}

/** The part of a socket.io client socket a request needs. */
export interface AckSocket {
  readonly connected: boolean;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/**
 * One request over socket.io, checked both ways against the shared contract: the payload before
 * it leaves, the acknowledgement (AckResult) when it comes back. Requests are not buffered
 * while the socket is down: a print, a wipe or a consent must not fire minutes later.
 */
export async function ackRequest(
  socket: AckSocket,
  /** Who answers, for messages: 'bridge', 'server'. */
  peer: string,
  event: string,
  spec: RequestSchemas,
  payload: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const what = `${peer} ${event}`;
  const req = spec.request.safeParse(payload);
  if (!req.success) {
    throw KioskApiError.badRequest(what, req.error.issues[0]?.message ?? 'invalid');
  }
  if (!socket.connected) throw KioskApiError.unreachable(what);
  let ack: unknown;
  try {
    ack = await socket.timeout(timeoutMs).emitWithAck(event, req.data);
  } catch {
    throw KioskApiError.unreachable(what);
  }
  const result = ack as AckResult<unknown> | null;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw KioskApiError.badResponse(what, 'not an acknowledgement');
  }
  if (!result.ok) throw KioskApiError.fromBody(what, null, result);
  const res = spec.response.safeParse(result.data);
  if (!res.success) {
    throw KioskApiError.badResponse(what, res.error.issues[0]?.message ?? 'schema');
  }
  return res.data;
}
