import { type ErrorBody, ErrorCatalogue, type ErrorCode } from '@onething/contract/errors';

/**
 * Why a call to the booth server or the device bridge did not give a usable answer. The kind
 * decides what the citizen is offered: `unreachable` keeps everything and offers retry or the
 * outbox, `server` shows the catalogue message for `code`, the others are our own faults.
 */
export type ApiFailureKind = 'server' | 'unreachable' | 'badResponse' | 'badRequest';

/**
 * The kiosk's one error class. Its static factories `invalidRequest`, `unreachable`,
 * `badResponse` and `refused` are the wire runtime's `WireErrors`: clients pass the class itself.
 */
export class KioskApiError extends Error {
  readonly kind: ApiFailureKind;
  readonly code: ErrorCode;
  readonly status: number | null;
  /** zod-style path of the failing value, when the server named one. */
  readonly path: (string | number)[] | undefined;

  constructor(
    kind: ApiFailureKind,
    code: ErrorCode,
    message: string,
    opts: { status?: number | null; path?: (string | number)[] } = {},
  ) {
    super(message);
    this.name = 'KioskApiError';
    this.kind = kind;
    this.code = code;
    this.status = opts.status ?? null;
    this.path = opts.path;
  }

  /** The request broke the contract before it left (the wire runtime's `invalidRequest`). */
  static invalidRequest(what: string, detail: string): KioskApiError {
    return KioskApiError.badRequest(what, detail);
  }

  /** The server refused with an error from the catalogue (the wire runtime's `refused`). */
  static refused(what: string, status: number | null, body: ErrorBody): KioskApiError {
    return new KioskApiError('server', body.code, `${what}: ${body.message}`, {
      status,
      ...(body.path && { path: body.path }),
    });
  }

  static unreachable(what: string): KioskApiError {
    return new KioskApiError('unreachable', 'INTERNAL', `${what}: unreachable`);
  }

  static badResponse(what: string, detail: string): KioskApiError {
    return new KioskApiError('badResponse', 'INTERNAL', `${what}: unexpected answer (${detail})`);
  }

  static badRequest(what: string, detail: string, path?: (string | number)[]): KioskApiError {
    return new KioskApiError('badRequest', 'VALIDATION_FAILED', `${what}: ${detail}`, {
      path: path ?? [],
    });
  }

  /** From an `{ error: { code, message, path? } }` body; unknown codes become INTERNAL. */
  static fromBody(what: string, status: number | null, body: unknown): KioskApiError {
    const err =
      typeof body === 'object' && body !== null && 'error' in body
        ? (body as { error: unknown }).error
        : body;
    const rec = typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : {};
    const code = isErrorCode(rec.code) ? rec.code : 'INTERNAL';
    const message = typeof rec.message === 'string' ? rec.message : `${what} failed`;
    const path = Array.isArray(rec.path)
      ? rec.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
      : undefined;
    return new KioskApiError('server', code, `${what}: ${message}`, {
      status,
      ...(path && { path }),
    });
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCatalogue, value);
}
