import { LoginRequest } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { Router } from 'express';
import type { AccountService } from './account-service.ts';
import { requestIp, SESSION_COOKIE, sessionTokenFromCookieHeader } from './staff-auth.ts';

export function authRoutes(accounts: AccountService, opts: { secureCookies: boolean }): Router {
  const r = Router();

  r.post('/login', async (req, res) => {
    const body = parseOrThrow(LoginRequest, req.body);
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
    res.json({ profile: session.profile, expiresAt: session.expiresAt });
  });

  r.post('/logout', async (req, res) => {
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    if (token) await accounts.logout(token, { ip: requestIp(req) });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', (req, res) => {
    if (!req.staff) throw AppError.unauthenticated();
    res.json({ profile: req.staff.profile, expiresAt: req.staff.expiresAt });
  });

  return r;
}
