import type { ErrorBody, ErrorCode } from '@onething/contract/errors';
import type { WireErrors } from '@onething/contract/wire/ack';

/**
 * How a call's signalling failed. `refused`: the server answered with a catalogue error
 * (MEDIA_UNAVAILABLE, NOT_IN_CALL …); `unreachable`: no answer in time; `badResponse` and
 * `invalidRequest`: one side broke the media contract.
 */
export enum CallFailure {
  InvalidRequest = 'invalidRequest',
  Unreachable = 'unreachable',
  BadResponse = 'badResponse',
  Refused = 'refused',
}

/** The call client's one error class: callers switch on `code`, from the catalogue. */
export class CallError extends Error {
  readonly failure: CallFailure;
  readonly code: ErrorCode;
  /** zod-style path of the failing value, when the server named one. */
  readonly path: (string | number)[] | undefined;

  constructor(failure: CallFailure, code: ErrorCode, message: string, path?: (string | number)[]) {
    super(message);
    this.name = 'CallError';
    this.failure = failure;
    this.code = code;
    this.path = path;
  }

  static invalidRequest(what: string, detail: string): CallError {
    return new CallError(CallFailure.InvalidRequest, 'VALIDATION_FAILED', `${what}: ${detail}`);
  }

  static unreachable(what: string): CallError {
    return new CallError(CallFailure.Unreachable, 'INTERNAL', `${what}: no answer`);
  }

  static badResponse(what: string, detail: string): CallError {
    return new CallError(
      CallFailure.BadResponse,
      'INTERNAL',
      `${what}: unexpected answer (${detail})`,
    );
  }

  static refused(what: string, body: ErrorBody): CallError {
    return new CallError(CallFailure.Refused, body.code, `${what}: ${body.message}`, body.path);
  }

  /** For the contract runtime: each way a request fails, as a CallError. */
  static readonly wire: WireErrors<CallError> = {
    invalidRequest: (what, detail) => CallError.invalidRequest(what, detail),
    unreachable: (what) => CallError.unreachable(what),
    badResponse: (what, detail) => CallError.badResponse(what, detail),
    refused: (what, _status, body) => CallError.refused(what, body),
  };
}
