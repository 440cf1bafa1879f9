import { AppError } from '@onething/contract/errors';
import { AuthRoutes } from '@onething/contract/rest/account-routes';
import type { Router } from 'express';
import { RestRouter } from '../http/rest-router.ts';
import type { LoginResponse } from '@onething/contract/rest/staff';
import type { AccountService, StaffSession } from './account-service.ts';
import { requestIp, SESSION_COOKIE, sessionTokenFromCookieHeader } from './staff-auth.ts';

export function authRoutes(accounts: AccountService, opts: { secureCookies: boolean }): Router {
  return new RestRouter('/api/auth')
    .bind(AuthRoutes.login, async ({ body }, req, res) => {
      const session = await accounts.login(body.username, body.password, {
        ip: requestIp(req),
        userAgent: req.get('user-agent') ?? null,
      });
      res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        path: '/',
        expires: new Date(session.expiresAt),
      });
      return signedIn(session);
    })
    .bind(AuthRoutes.logout, async (_input, req, res) => {
      const token = sessionTokenFromCookieHeader(req.headers.cookie);
      if (token) await accounts.logout(token, { ip: requestIp(req) });
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    })
    .bind(AuthRoutes.me, (_input, req) => {
      if (!req.staff) throw AppError.unauthenticated();
      return signedIn(req.staff);
    })
    .bind(AuthRoutes.changePassword, async ({ body }, req) => {
      if (!req.staff) throw AppError.unauthenticated();
      return signedIn(await accounts.changePassword(req.staff, body, { ip: requestIp(req) }));
    }).router;
}

function signedIn(session: StaffSession): LoginResponse {
  return {
    profile: session.profile,
    expiresAt: session.expiresAt,
    mustChangePassword: session.mustChangePassword,
  };
}
