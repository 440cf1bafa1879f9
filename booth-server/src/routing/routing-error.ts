import { AppError, type ErrorCode } from '@onething/contract/errors';

/** Why the routing engine refused a command. Stable API: clients switch on it. */
export enum RoutingErrorCode {
  InvalidInput = 'INVALID_INPUT',
  TicketNotFound = 'TICKET_NOT_FOUND',
  AgentNotFound = 'AGENT_NOT_FOUND',
  OfferNotFound = 'OFFER_NOT_FOUND',
  OfferExpired = 'OFFER_EXPIRED',
  NotYourOffer = 'NOT_YOUR_OFFER',
  NotYourCall = 'NOT_YOUR_CALL',
  InvalidTransition = 'INVALID_TRANSITION',
  DuplicateTicket = 'DUPLICATE_TICKET',
  TerminalInMaintenance = 'TERMINAL_IN_MAINTENANCE',
  UnknownQueue = 'UNKNOWN_QUEUE',
  NoQueueForDepartment = 'NO_QUEUE_FOR_DEPARTMENT',
  StoreFailed = 'STORE_FAILED',
  EngineClosed = 'ENGINE_CLOSED',
}

/**
 * The shared catalogue code each routing code travels under, so the HTTP and socket layers that
 * already map AppError (status, localized message) need nothing routing-specific. The precise
 * routing code rides along in `details.routingCode`.
 */
const CATALOGUE_CODE: Record<RoutingErrorCode, ErrorCode> = {
  [RoutingErrorCode.InvalidInput]: 'VALIDATION_FAILED',
  [RoutingErrorCode.TicketNotFound]: 'TICKET_NOT_FOUND',
  [RoutingErrorCode.AgentNotFound]: 'NOT_FOUND',
  [RoutingErrorCode.OfferNotFound]: 'NOT_FOUND',
  [RoutingErrorCode.OfferExpired]: 'OFFER_EXPIRED',
  [RoutingErrorCode.NotYourOffer]: 'FORBIDDEN',
  [RoutingErrorCode.NotYourCall]: 'NOT_IN_CALL',
  [RoutingErrorCode.InvalidTransition]: 'CONFLICT',
  [RoutingErrorCode.DuplicateTicket]: 'CONFLICT',
  [RoutingErrorCode.TerminalInMaintenance]: 'CONFLICT',
  [RoutingErrorCode.UnknownQueue]: 'NOT_FOUND',
  [RoutingErrorCode.NoQueueForDepartment]: 'NO_AGENT_AVAILABLE',
  [RoutingErrorCode.StoreFailed]: 'DATABASE_UNAVAILABLE',
  [RoutingErrorCode.EngineClosed]: 'INTERNAL',
};

export class RoutingError extends AppError {
  readonly routingCode: RoutingErrorCode;

  constructor(
    routingCode: RoutingErrorCode,
    message: string,
    opts: { path?: (string | number)[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    const details: Record<string, unknown> = { routingCode, ...opts.details };
    super(CATALOGUE_CODE[routingCode], message, { path: opts.path, details });
    this.name = 'RoutingError';
    this.routingCode = routingCode;
    if (opts.cause !== undefined) this.cause = opts.cause;
  }

  static invalidInput(message: string, path: (string | number)[] = []): RoutingError {
    return new RoutingError(RoutingErrorCode.InvalidInput, message, { path });
  }
  static ticketNotFound(ticketId: string): RoutingError {
    return new RoutingError(RoutingErrorCode.TicketNotFound, `ticket ${ticketId} not found`, {
      details: { ticketId },
    });
  }
  static agentNotFound(agentId: string): RoutingError {
    return new RoutingError(RoutingErrorCode.AgentNotFound, `agent ${agentId} not found`, {
      details: { agentId },
    });
  }
  static offerNotFound(offerId: string): RoutingError {
    return new RoutingError(RoutingErrorCode.OfferNotFound, `offer ${offerId} not found`, {
      details: { offerId },
    });
  }
  static offerExpired(offerId: string): RoutingError {
    return new RoutingError(RoutingErrorCode.OfferExpired, `offer ${offerId} has expired`, {
      details: { offerId },
    });
  }
  static notYourOffer(offerId: string, agentId: string): RoutingError {
    return new RoutingError(
      RoutingErrorCode.NotYourOffer,
      `offer ${offerId} was not made to agent ${agentId}`,
      { details: { offerId, agentId } },
    );
  }
  static notYourCall(ticketId: string, agentId: string): RoutingError {
    return new RoutingError(
      RoutingErrorCode.NotYourCall,
      `agent ${agentId} is not connected with ticket ${ticketId}`,
      { details: { ticketId, agentId } },
    );
  }
  /** `what` is e.g. "ticket t1" or "offer o1"; `from` the current state; `action` the command. */
  static invalidTransition(what: string, from: string, action: string): RoutingError {
    return new RoutingError(
      RoutingErrorCode.InvalidTransition,
      `cannot ${action}: ${what} is ${from}`,
      { details: { what, from, action } },
    );
  }
  static duplicateTicket(message: string, ticketId: string): RoutingError {
    return new RoutingError(RoutingErrorCode.DuplicateTicket, message, { details: { ticketId } });
  }
  static terminalInMaintenance(terminalId: string): RoutingError {
    return new RoutingError(
      RoutingErrorCode.TerminalInMaintenance,
      `terminal ${terminalId} is in maintenance mode and takes no new tickets`,
      { details: { terminalId } },
    );
  }
  static unknownQueue(queueId: string): RoutingError {
    return new RoutingError(RoutingErrorCode.UnknownQueue, `queue ${queueId} is not configured`, {
      details: { queueId },
    });
  }
  static noQueueForDepartment(department: string): RoutingError {
    return new RoutingError(
      RoutingErrorCode.NoQueueForDepartment,
      `no queue serves department ${department}`,
      { details: { department } },
    );
  }
  static storeFailed(cause: unknown): RoutingError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new RoutingError(RoutingErrorCode.StoreFailed, `routing store failed: ${reason}`, {
      cause,
    });
  }
  static closed(): RoutingError {
    return new RoutingError(RoutingErrorCode.EngineClosed, 'the routing engine is closed');
  }
}
