import type { ErrorBody, ErrorCode } from '@onething/contract/errors';

/**
 * How a call from the console failed. `refused`: the server answered with a code from the
 * catalogue (the reader is told what it means); the others mean there is no usable answer.
 */
export type ConsoleFailure = 'refused' | 'unreachable' | 'badResponse' | 'invalidRequest';

/**
 * The console's one error class, for the staff socket and (once api.ts uses it) REST. Its static
 * factories are the wire runtime's `WireErrors`: a contract client is built with
 * `errors: ConsoleError`.
 */
export class ConsoleError extends Error {
  readonly kind: ConsoleFailure;
  readonly code: ErrorCode;
  /** The HTTP status of a REST answer; null over the socket or when nothing answered. */
  readonly status: number | null;
  readonly body: ErrorBody;

  constructor(kind: ConsoleFailure, status: number | null, body: ErrorBody, message: string) {
    super(message);
    this.name = 'ConsoleError';
    this.kind = kind;
    this.code = body.code;
    this.status = status;
    this.body = body;
  }

  /** The console built a request that breaks the contract: a bug here, never sent. */
  static invalidRequest(what: string, detail: string): ConsoleError {
    return new ConsoleError(
      'invalidRequest',
      null,
      { code: 'VALIDATION_FAILED', message: detail },
      `${what}: ${detail}`,
    );
  }

  /** No connection, or no answer in time. */
  static unreachable(what: string): ConsoleError {
    return new ConsoleError(
      'unreachable',
      null,
      { code: 'INTERNAL', message: 'unreachable' },
      `${what}: unreachable`,
    );
  }

  /** The answer breaks the contract. */
  static badResponse(what: string, detail: string): ConsoleError {
    return new ConsoleError(
      'badResponse',
      null,
      { code: 'INTERNAL', message: detail },
      `${what}: unexpected answer (${detail})`,
    );
  }

  /** The server refused with a catalogue error (status null over the socket). */
  static refused(what: string, status: number | null, body: ErrorBody): ConsoleError {
    return new ConsoleError('refused', status, body, `${what}: ${body.message || body.code}`);
  }
}
