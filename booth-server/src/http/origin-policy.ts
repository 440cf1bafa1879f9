import type { IncomingMessage } from 'node:http';
import { AppError } from '@onething/contract/errors';
import type { NextFunction, Request, Response } from 'express';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ClientAddress } from './client-address.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Which page origins may change state: the server's own (as the browser addressed it), the
 * configured PUBLIC_URL and ALLOWED_ORIGINS. A browser always sends `Origin` with a
 * cross-origin POST and a WebSocket handshake, so a foreign page is recognised; a request
 * without `Origin` comes from no browser page (the device bridge, curl) and is judged by its
 * credential alone.
 */
export class OriginPolicy {
  readonly #allowed: Set<string>;
  readonly #audit: AuditLog;
  readonly #address: ClientAddress;

  constructor(opts: {
    publicUrl: string | undefined;
    allowedOrigins: readonly string[];
    audit: AuditLog;
    clientAddress: ClientAddress;
  }) {
    this.#allowed = new Set(opts.allowedOrigins);
    if (opts.publicUrl) this.#allowed.add(new URL(opts.publicUrl).origin);
    this.#audit = opts.audit;
    this.#address = opts.clientAddress;
  }

  /** The request's `Origin` when it is foreign, or null when it may proceed. */
  foreignOrigin(req: IncomingMessage, tls: boolean): string | null {
    const origin = req.headers.origin;
    if (origin === undefined) return null;
    const own = `${tls ? 'https' : 'http'}://${req.headers.host ?? ''}`;
    if (origin === own || this.#allowed.has(origin)) return null;
    return origin;
  }

  /** Express middleware for state-changing REST requests. */
  rest(tls: boolean) {
    return (req: Request, _res: Response, next: NextFunction) => {
      if (SAFE_METHODS.has(req.method)) return next();
      const origin = this.foreignOrigin(req, tls);
      if (origin === null) return next();
      void this.#refused(req, origin, { method: req.method, path: req.originalUrl }).then(
        () => next(new AppError('ORIGIN_REFUSED', `requests from ${origin} are not allowed`)),
        next,
      );
    };
  }

  /** socket.io's `allowRequest`: a handshake from a foreign page never reaches a namespace. */
  socketHandshake(tls: boolean) {
    return (req: IncomingMessage, callback: (err: string | null, ok: boolean) => void) => {
      const origin = this.foreignOrigin(req, tls);
      if (origin === null) return callback(null, true);
      void this.#refused(req, origin, { socket: true, path: req.url?.split('?')[0] ?? null })
        .catch(() => undefined)
        .then(() => callback('ORIGIN_REFUSED', false));
    };
  }

  async #refused(
    req: IncomingMessage & { staff?: { profile: { id: string } } },
    origin: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.#audit.record({
      actorType: req.staff ? 'staff' : 'system',
      actorId: req.staff?.profile.id ?? null,
      action: 'http.origin.refused',
      targetType: 'origin',
      targetId: origin.slice(0, 128),
      ip: this.#address.of(req),
      details,
    });
  }
}
