import {
  AppError,
  ErrorCatalogue,
  type ErrorBody,
  type ErrorCode,
} from '@onething/contract/errors';
import type { WireErrors } from '@onething/contract/wire/ack';

/** How a request to the booth server failed. */
export type BridgeLinkFailure = 'invalidRequest' | 'unreachable' | 'badResponse' | 'refused';

/**
 * Why a request over the link to the booth server gave no usable answer, with a code from the
 * catalogue. It is an AppError so that what the bridge relays to the kiosk page (an electronic
 * ID the server refused, a link that is down) keeps the server's code, message and path.
 */
export class BridgeLinkError extends AppError {
  readonly kind: BridgeLinkFailure;

  private constructor(
    kind: BridgeLinkFailure,
    code: ErrorCode,
    message: string,
    opts: { path?: (string | number)[]; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, opts);
    this.name = 'BridgeLinkError';
    this.kind = kind;
  }

  /** Our own request breaks the contract: a bug here, never sent. */
  static invalidRequest(what: string, detail: string): BridgeLinkError {
    return new BridgeLinkError('invalidRequest', 'VALIDATION_FAILED', `${what}: ${detail}`);
  }

  /** Not connected, or no acknowledgement in time. */
  static unreachable(what: string): BridgeLinkError {
    return new BridgeLinkError(
      'unreachable',
      'DEVICE_UNAVAILABLE',
      `${what}: booth server unreachable`,
    );
  }

  /** The server's answer breaks the contract. */
  static badResponse(what: string, detail: string): BridgeLinkError {
    return new BridgeLinkError('badResponse', 'INTERNAL', `${what}: unexpected answer (${detail})`);
  }

  /** The server refused: its code, message and path as it sent them. */
  static refused(_what: string, _status: number | null, body: ErrorBody): BridgeLinkError {
    return new BridgeLinkError('refused', body.code, body.message || ErrorCatalogue[body.code].en, {
      ...(body.path && { path: body.path }),
      ...(body.details && { details: body.details }),
    });
  }
}

/** How the link's ContractClient builds its errors. */
export const bridgeLinkErrors: WireErrors<BridgeLinkError> = BridgeLinkError;
