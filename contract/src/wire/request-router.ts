import { type AckResult, AppError, type ErrorBody } from '../errors.ts';
import type { RequestContract, RequestOf, ResponseOf } from './contract.ts';
import { parseOrThrow } from '../validation.ts';
import { describeIssue, isKeyOf, parseAs } from './ack.ts';
import { eventLabel, type WireLogger } from './wire-logger.ts';

export interface RequestHandler<C extends RequestContract, K extends keyof C, Ctx> {
  /** Refuses the event with FORBIDDEN unless it returns true (role and ownership checks). */
  allow?: (ctx: Ctx) => boolean;
  handle: (payload: RequestOf<C, K>, ctx: Ctx) => Promise<ResponseOf<C, K>> | ResponseOf<C, K>;
}

/** A namespace may serve its contract from several handler sets; what is absent is unknown. */
export type RequestHandlers<C extends RequestContract, Ctx> = {
  [K in keyof C]?: RequestHandler<C, K, Ctx>;
};

/** The part of a socket.io server socket the router needs. */
export interface ServingSocket {
  readonly nsp: { readonly name: string };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ServeOptions<Ctx> {
  log: WireLogger;
  /**
   * Called for every refusal (an AppError thrown by `allow`, validation or a handler) before
   * the client hears of it: the server audits refusals here.
   */
  onRefused?: (error: AppError, event: string, ctx: Ctx) => Promise<void> | void;
}

/**
 * Serves a request contract on one socket: every payload is validated against the contract,
 * every answer too before it leaves, every result or error is acknowledged as AckResult,
 * unknown events get UNKNOWN_EVENT, and nothing a client sends can throw out of a handler (the
 * connection stays up).
 */
export function serveRequests<C extends RequestContract, Ctx>(
  socket: ServingSocket,
  contract: C,
  handlers: RequestHandlers<C, Ctx>,
  ctx: Ctx,
  options: ServeOptions<Ctx>,
): void {
  const { log } = options;
  const served = new Set<string>();
  for (const name of Object.keys(handlers)) {
    if (isKeyOf(contract, name)) serve(name);
  }
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && served.has(event)) return;
    const label = eventLabel(event);
    log.warn({ ...label, nsp: socket.nsp.name }, 'unknown event');
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      ack(failure({ code: 'UNKNOWN_EVENT', message: `unknown event ${label.event}` }));
    }
  });

  function serve<K extends keyof C & string>(name: K): void {
    const handler = handlers[name];
    const spec = contract[name];
    if (!handler || !spec) return;
    served.add(name);
    socket.on(name, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        log.warn({ event: name, nsp: socket.nsp.name }, 'request without acknowledgement ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      log.debug({ event: name }, 'request');
      void answer(handler, spec, name, payload).then((result) => ack(result));
    });
  }

  async function answer<K extends keyof C & string>(
    handler: RequestHandler<C, K, Ctx>,
    spec: C[K],
    name: K,
    payload: unknown,
  ): Promise<AckResult<unknown>> {
    try {
      if (handler.allow && !handler.allow(ctx)) throw AppError.forbidden(`not allowed: ${name}`);
      const input = parseOrThrow<C[K]['request']>(spec.request, payload ?? {});
      const data = await handler.handle(input, ctx);
      const checked = parseAs<C[K]['response']>(spec.response, data);
      if (!checked.success) {
        // our own answer breaks the contract: a bug here, never the client's fault
        log.error(
          { event: name, nsp: socket.nsp.name, issue: describeIssue(checked.error.issues) },
          'response does not match the contract',
        );
        return failure({ code: 'INTERNAL', message: 'internal error' });
      }
      return { ok: true, data: checked.data };
    } catch (e) {
      if (!(e instanceof AppError)) {
        log.error({ err: e, event: name, nsp: socket.nsp.name }, 'handler failed');
        return failure({ code: 'INTERNAL', message: 'internal error' });
      }
      // Refusals are logged as refusals: a client refused over and over must be visible.
      log.info({ event: name, nsp: socket.nsp.name, code: e.code }, 'request refused');
      try {
        await options.onRefused?.(e, name, ctx);
      } catch (hookError) {
        log.error({ err: hookError, event: name }, 'refusal hook failed');
      }
      return failure(e.toBody());
    }
  }
}

function failure(error: ErrorBody): AckResult<never> {
  return { ok: false, error };
}
