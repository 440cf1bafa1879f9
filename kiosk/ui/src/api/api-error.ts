import type { ErrorBody, ErrorCode } from '@onething/contract/errors';
import type { WireErrors } from '@onething/contract/wire/ack';

/**
 * Why a call to the booth server or the device bridge did not give a usable answer. The kind
 * decides what the citizen is offered: `unreachable` keeps everything and offers retry or the
 * outbox, `server` shows the catalogue message for `code`, the others are our own faults.
 */
export type ApiFailureKind = 'server' | 'unreachable' | 'badResponse' | 'badRequest';

/**
 * The kiosk's one error class: its static factories are the wire runtime's `WireErrors`, so a
 * contract client is built with `errors: KioskApiError`.
 */
export class KioskApiError extends Error {
  readonly kind: ApiFailureKind;
  readonly code: ErrorCode;
  readonly status: number | null;
  /** zod-style path of the failing value, when the server named one. */
  readonly path: (string | number)[] | undefined;
  /** What the server said beyond the code (read with the code's own schema). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    kind: ApiFailureKind,
    code: ErrorCode,
    message: string,
    opts: {
      status?: number | null;
      path?: (string | number)[];
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'KioskApiError';
    this.kind = kind;
    this.code = code;
    this.status = opts.status ?? null;
    this.path = opts.path;
    this.details = opts.details;
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
      ...(body.details && { details: body.details }),
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
}

/** How the wire runtime's clients (ContractClient, RestClient) build the kiosk's errors. */
export const kioskWireErrors: WireErrors<KioskApiError> = KioskApiError;
