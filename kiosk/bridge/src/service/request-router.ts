import { type AckResult, AppError, type ErrorBody } from '@onething/contract/errors';
import type { RequestContract, RequestOf, ResponseOf } from '@onething/contract/wire/contract';
import { parseOrThrow } from '@onething/contract/validation';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';

export interface RequestHandler<C extends RequestContract, K extends keyof C> {
  /** Refuses the event with FORBIDDEN unless it returns true. */
  allow?: () => boolean;
  handle: (payload: RequestOf<C, K>) => Promise<ResponseOf<C, K>> | ResponseOf<C, K>;
}

export type RequestHandlers<C extends RequestContract> = {
  [K in keyof C]: RequestHandler<C, K>;
};

/**
 * Wires a socket to a request contract, as the booth server's event router does: every payload
 * is validated, every handler's result or error is acknowledged as AckResult, unknown events get
 * UNKNOWN_EVENT, and nothing a client sends can throw out of a handler.
 */
export function routeRequests<C extends RequestContract>(
  socket: Socket,
  contract: C,
  handlers: RequestHandlers<C>,
  log: Logger,
): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && Object.hasOwn(handlers, event)) return;
    const ack = args.at(-1);
    log.warn({ event: String(event).slice(0, 64) }, 'unknown event');
    if (typeof ack === 'function') {
      ack(fail({ code: 'UNKNOWN_EVENT', message: `unknown event ${String(event).slice(0, 64)}` }));
    }
  });
  for (const name of Object.keys(handlers) as (keyof C & string)[]) {
    const handler = handlers[name];
    const spec = contract[name];
    if (!spec) continue;
    socket.on(name as string, async (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as (r: unknown) => void) : null;
      if (!ack) {
        log.warn({ event: name }, 'request without acknowledgement callback ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      try {
        if (handler.allow && !handler.allow()) throw AppError.forbidden(`not allowed: ${name}`);
        const input = parseOrThrow(spec.request, payload ?? {}) as RequestOf<C, typeof name>;
        const data = await handler.handle(input);
        ack({ ok: true, data } satisfies AckResult<unknown>);
      } catch (e) {
        ack(fail(toErrorBody(e, name, log)));
      }
    });
  }
}

export function toErrorBody(e: unknown, where: string, log: Logger): ErrorBody {
  if (e instanceof AppError) return e.toBody();
  // The message may quote what the citizen sent; the masked logger keeps it out of the journal.
  log.error({ err: e, where }, 'handler failed');
  return { code: 'INTERNAL', message: 'internal error' };
}

function fail(error: ErrorBody): AckResult<never> {
  return { ok: false, error };
}
