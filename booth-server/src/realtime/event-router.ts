import { type AckResult, AppError, type ErrorBody } from '@onething/contract/errors';
import type { RequestContract, RequestOf, ResponseOf } from '@onething/contract/wire/contract';
import { parseOrThrow } from '@onething/contract/validation';
import type { Socket } from 'socket.io';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditRefusal, isRefusal, type RefusalPrincipal } from '../audit/refusal-audit.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('event-router');

export interface RequestHandler<C extends RequestContract, K extends keyof C, Ctx> {
  /** Refuses the event with FORBIDDEN unless it returns true (role and ownership checks). */
  allow?: (ctx: Ctx) => boolean;
  handle: (payload: RequestOf<C, K>, ctx: Ctx) => Promise<ResponseOf<C, K>> | ResponseOf<C, K>;
}

export type RequestHandlers<C extends RequestContract, Ctx> = {
  [K in keyof C]?: RequestHandler<C, K, Ctx>;
};

/** Where refusals of a namespace's events are audited, and who the socket's caller is. */
export interface RefusalAudit<Ctx> {
  audit: AuditLog;
  principal: (ctx: Ctx) => RefusalPrincipal;
}

/**
 * Wires a socket to a request contract: every payload is validated, every handler's result or
 * error is acknowledged, unknown events are answered with UNKNOWN_EVENT, and nothing a client
 * sends can throw out of the handler (the connection stays up).
 */
export function routeRequests<C extends RequestContract, Ctx>(
  socket: Socket,
  contract: C,
  handlers: RequestHandlers<C, Ctx>,
  ctx: Ctx,
  refusals?: RefusalAudit<Ctx>,
): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && Object.hasOwn(handlers, event)) return;
    const ack = args.at(-1);
    const name = eventLabel(event);
    log.warn({ ...name, nsp: socket.nsp.name }, 'unknown or unhandled event');
    if (typeof ack === 'function') {
      ack(fail({ code: 'UNKNOWN_EVENT', message: `unknown event ${name.event}` }));
    }
  });
  for (const name of Object.keys(handlers) as (keyof C & string)[]) {
    const handler = handlers[name];
    const spec = contract[name];
    if (!handler || !spec) continue;
    (socket as Socket).on(name as string, async (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as (r: unknown) => void) : null;
      if (!ack) {
        log.warn({ event: name }, 'request without acknowledgement callback ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      log.debug({ event: name }, 'request');
      try {
        if (handler.allow && !handler.allow(ctx)) throw AppError.forbidden(`not allowed: ${name}`);
        const input = parseOrThrow(spec.request, payload ?? {}) as RequestOf<C, typeof name>;
        const data = await handler.handle(input, ctx);
        ack({ ok: true, data } satisfies AckResult<unknown>);
      } catch (e) {
        const body = toErrorBody(e, name);
        // Refusals are logged as refusals: a client refused over and over must be visible.
        if (e instanceof AppError) {
          log.info({ event: name, nsp: socket.nsp.name, code: body.code }, 'request refused');
          // …and every refusal of any event is audited before the client hears of it.
          if (refusals && isRefusal(e.code)) {
            await auditRefusal(
              refusals.audit,
              refusals.principal(ctx),
              { type: 'event', id: `${socket.nsp.name} ${name}` },
              e.code,
            );
          }
        }
        ack(fail(body));
      }
    });
  }
}

/** Longest part of a client-chosen event name that reaches a log line or a reply. */
export const EVENT_NAME_LOG_LIMIT = 64;

/**
 * A client chooses the event name: up to 256 KiB of it. Logs and replies carry its first
 * characters and its length, never the whole name.
 */
export function eventLabel(event: unknown): { event: string; eventLength?: number } {
  const s = String(event);
  return s.length <= EVENT_NAME_LOG_LIMIT
    ? { event: s }
    : { event: `${s.slice(0, EVENT_NAME_LOG_LIMIT)}…`, eventLength: s.length };
}

export function toErrorBody(e: unknown, where: string): ErrorBody {
  if (e instanceof AppError) return e.toBody();
  log.error({ err: e, where }, 'handler failed');
  return { code: 'INTERNAL', message: 'internal error' };
}

function fail(error: ErrorBody): AckResult<never> {
  return { ok: false, error };
}
