import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { describeIssue, parseAs } from '@onething/contract/wire/ack';
import type { RequestContract, RequestOf, ResponseOf } from '@onething/contract/wire/contract';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('media-nodes');

/** A request to `event`, as the contract's request (VALIDATION_FAILED otherwise). */
export function checkedRequest<C extends RequestContract, K extends keyof C & string>(
  contract: C,
  event: K,
  payload: unknown,
): RequestOf<C, K> {
  const spec = contract[event];
  if (!spec) throw new AppError('UNKNOWN_EVENT', `unknown request ${event}`);
  return parseOrThrow<C[K]['request']>(spec.request, payload);
}

/**
 * A media node's answer to `event`, as the contract's response. One that breaks it is a bug on
 * our side, never the client's: INTERNAL (the log names the event and the failing path).
 */
export function checkedAnswer<C extends RequestContract, K extends keyof C & string>(
  contract: C,
  event: K,
  answer: unknown,
): ResponseOf<C, K> {
  const spec = contract[event];
  if (!spec) throw new AppError('UNKNOWN_EVENT', `unknown request ${event}`);
  const checked = parseAs<C[K]['response']>(spec.response, answer);
  if (checked.success) return checked.data;
  log.error(
    { event, issue: describeIssue(checked.error.issues) },
    'media node answer breaks the contract',
  );
  throw new AppError('INTERNAL', 'internal error');
}
