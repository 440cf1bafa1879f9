import { AppError, type ErrorBody } from '@onething/contract/errors';
import type { NextFunction, Request, Response } from 'express';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('http');

/** Maps every error to the catalogue's JSON body and status; the process never sees a throw. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  let status: number;
  let body: ErrorBody;
  if (err instanceof AppError) {
    status = err.status;
    body = err.toBody();
  } else if (isBodyParserError(err)) {
    status = err.status;
    body =
      err.type === 'entity.too.large'
        ? { code: 'PAYLOAD_TOO_LARGE', message: `request body over the ${err.limit} byte limit` }
        : { code: 'VALIDATION_FAILED', message: `malformed request body: ${err.message}` };
  } else {
    status = 500;
    body = { code: 'INTERNAL', message: 'internal error' };
    log.error({ err, path: req.path }, 'request failed');
  }
  if (res.headersSent) return;
  res.status(status).json({ error: body });
}

function isBodyParserError(
  e: unknown,
): e is { status: number; type: string; message: string; limit?: number } {
  return (
    typeof e === 'object' &&
    e !== null &&
    'type' in e &&
    'status' in e &&
    typeof (e as { status: unknown }).status === 'number'
  );
}

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', `no route ${req.method} ${req.path}`));
}
