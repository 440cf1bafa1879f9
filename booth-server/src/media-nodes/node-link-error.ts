import {
  AppError,
  ErrorCatalogue,
  type ErrorBody,
  type ErrorCode,
} from '@onething/contract/errors';
import type { WireErrors } from '@onething/contract/wire/ack';

export type NodeLinkFailure = 'invalidRequest' | 'unreachable' | 'badResponse' | 'refused';

/**
 * Why a request to a media node gave no usable answer. An AppError so that a refusal the node
 * sent (NOT_IN_CALL, VALIDATION_FAILED…) reaches the peer's socket with its own code; a node
 * that cannot be reached is MEDIA_UNAVAILABLE.
 */
export class NodeLinkError extends AppError {
  readonly kind: NodeLinkFailure;

  private constructor(
    kind: NodeLinkFailure,
    code: ErrorCode,
    message: string,
    opts: { path?: (string | number)[]; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, opts);
    this.name = 'NodeLinkError';
    this.kind = kind;
  }

  static invalidRequest(what: string, detail: string): NodeLinkError {
    return new NodeLinkError('invalidRequest', 'VALIDATION_FAILED', `${what}: ${detail}`);
  }

  static unreachable(what: string): NodeLinkError {
    return new NodeLinkError('unreachable', 'MEDIA_UNAVAILABLE', `${what}: node unreachable`);
  }

  static badResponse(what: string, detail: string): NodeLinkError {
    return new NodeLinkError('badResponse', 'INTERNAL', `${what}: unexpected answer (${detail})`);
  }

  static refused(_what: string, _status: number | null, body: ErrorBody): NodeLinkError {
    return new NodeLinkError('refused', body.code, body.message || ErrorCatalogue[body.code].en, {
      ...(body.path && { path: body.path }),
      ...(body.details && { details: body.details }),
    });
  }
}

export const nodeLinkErrors: WireErrors<NodeLinkError> = NodeLinkError;
