import type { ErrorBody } from '@onething/contract/errors';
import { RestClient } from '@onething/contract/wire/rest-client';

/**
 * How a call to the booth server failed: `refused` carries the server's catalogue error and
 * status; `unreachable` means no answer (network, proxy page); `badResponse` and
 * `invalidRequest` are this console's or the server's bug (the contract was broken).
 */
export type ApiFailureKind = 'refused' | 'unreachable' | 'badResponse' | 'invalidRequest';

/** The console's one error class: a code from the ErrorCatalogue, built by the wire runtime. */
export class ApiError extends Error {
  readonly kind: ApiFailureKind;
  /** HTTP status of a refusal; null when the server gave none. */
  readonly status: number | null;
  readonly body: ErrorBody;

  constructor(kind: ApiFailureKind, status: number | null, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.body = body;
  }

  static invalidRequest(what: string, detail: string): ApiError {
    return new ApiError('invalidRequest', null, {
      code: 'VALIDATION_FAILED',
      message: `${what}: ${detail}`,
    });
  }

  static unreachable(what: string): ApiError {
    return new ApiError('unreachable', null, { code: 'INTERNAL', message: `${what}: unreachable` });
  }

  static badResponse(what: string, detail: string): ApiError {
    return new ApiError('badResponse', null, {
      code: 'INTERNAL',
      message: `${what}: unexpected answer (${detail})`,
    });
  }

  static refused(_what: string, status: number | null, body: ErrorBody): ApiError {
    return new ApiError('refused', status, body);
  }
}

/**
 * The booth server's REST API, same origin (the session cookie travels by itself); call it
 * with a route from the contract, e.g. `rest.call(AuthRoutes.me, {})`.
 */
export const rest = new RestClient({ credentials: 'same-origin', errors: ApiError });
