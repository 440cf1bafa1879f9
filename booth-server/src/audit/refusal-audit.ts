import { AppError, ErrorCatalogue, type ErrorCode } from '@onething/contract/errors';
import { maskText } from '@onething/contract/privacy/mask';
import type { NextFunction, Request, Response } from 'express';
import { requestIp } from '../accounts/staff-auth.ts';
import { createLogger } from '../logging/logger.ts';
import type { AuditLog, AuditRecord } from './audit-log.ts';

const log = createLogger('refusal-audit');

/** What every refusal entry is filed under; `details.code` says which refusal it was. */
export const REFUSAL_ACTION = 'access.refused';

/**
 * A refusal is an answer that says "not you" or "not now": unauthenticated (401), forbidden
 * (403, including NOT_IN_CALL and a wrong second factor) and throttled (429). Bad input
 * (400/422) and missing records (404) are not refusals — except TEXT_UNSAFE: hidden control or
 * text-direction characters are how a text is made to read differently than it is stored
 * (Trojan Source), not a typing slip, so an auditor must see each attempt.
 */
export function isRefusal(code: ErrorCode): boolean {
  const status = ErrorCatalogue[code].status;
  return status === 401 || status === 403 || status === 429 || code === 'TEXT_UNSAFE';
}

export interface RefusalPrincipal {
  actorType: AuditRecord['actorType'];
  actorId: string | null;
  ip: string | null;
}

/** Records one refusal; a failing audit write is logged, never turned into a second error. */
export async function auditRefusal(
  audit: AuditLog,
  who: RefusalPrincipal,
  target: { type: string; id: string },
  code: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit
    .record({
      ...who,
      action: REFUSAL_ACTION,
      targetType: target.type,
      targetId: maskText(target.id).slice(0, 200),
      details: { code, ...details },
    })
    .catch((err: unknown) => log.error({ err, code }, 'refusal could not be audited'));
}

/** The caller a REST request authenticated as, if any. */
export function restPrincipal(req: Request): RefusalPrincipal {
  const ip = requestIp(req);
  if (req.staff) return { actorType: 'staff', actorId: req.staff.profile.id, ip };
  if (req.terminal) return { actorType: 'terminal', actorId: req.terminal.id, ip };
  return { actorType: 'anonymous', actorId: null, ip };
}

/**
 * Error middleware in front of the error handler: every REST refusal, from any route, is
 * audited with the caller, the route (method and path; never the query, which may hold a case
 * number's second factor) and the source address, then handed on unchanged.
 */
export function auditRestRefusals(audit: AuditLog) {
  return async (err: unknown, req: Request, _res: Response, next: NextFunction) => {
    if (err instanceof AppError && isRefusal(err.code)) {
      await auditRefusal(
        audit,
        restPrincipal(req),
        { type: 'route', id: `${req.method} ${req.baseUrl}${req.path}` },
        err.code,
      );
    }
    next(err);
  };
}
