import type { Role, StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { AccountService, StaffSession } from './account-service.ts';

export const SESSION_COOKIE = 'onething_session';

declare global {
  // Express's own way to type request properties is a global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      staff?: StaffSession;
      /** The client's address, from ClientAddress (set first for every request). */
      clientAddress?: string | null;
    }
  }
}

export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}

/** Attaches the staff session (if any) to every request; never rejects by itself. */
export function staffSession(accounts: AccountService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const session = await accounts.authenticate(sessionTokenFromCookieHeader(req.headers.cookie));
    if (session) req.staff = session;
    next();
  };
}

export function hasRole(profile: StaffProfile | undefined, roles: readonly Role[]): boolean {
  // No administrator is a superuser: personal data and fleet actions stay with the roles that
  // need them, and the three administrator duties are separate roles (三员分立).
  return !!profile && profile.roles.some((r) => roles.includes(r));
}

/**
 * Rejects with 401 when not signed in, 403 PASSWORD_CHANGE_REQUIRED while an administrator-set
 * password waits to be changed, and 403 when signed in without one of the roles.
 */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.staff) return next(AppError.unauthenticated());
    if (req.staff.mustChangePassword) return next(new AppError('PASSWORD_CHANGE_REQUIRED'));
    if (!hasRole(req.staff.profile, roles)) {
      return next(AppError.forbidden(`requires role ${roles.join(' or ')}`));
    }
    next();
  };
}

/**
 * The client's address as ClientAddress decided it (X-Forwarded-For only from a trusted
 * proxy); every REST handler reads it here, never `req.ip`.
 */
export function requestIp(req: Request): string | null {
  return req.clientAddress ?? null;
}
