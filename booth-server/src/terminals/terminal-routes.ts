import { AppError } from '@onething/contract/errors';
import { Router } from 'express';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { requireTerminal } from './terminal-auth.ts';
import type { TerminalRegistry } from './terminal-registry.ts';

/** Terminal registration and credentials (admin). */
export function terminalAdminRoutes(registry: TerminalRegistry): Router {
  const r = Router();
  r.use(requireRole('admin'));
  const actor = (req: import('express').Request) => ({
    id: req.staff?.profile.id ?? null,
    ip: requestIp(req),
  });
  r.get('/', async (_req, res) => {
    res.json({ terminals: await registry.list() });
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await registry.register(req.body, actor(req)));
  });
  r.post('/:id/enrolment-code', async (req, res) => {
    res.json(await registry.issueEnrolmentCode(req.params.id as string, actor(req)));
  });
  r.post('/:id/revoke', async (req, res) => {
    await registry.revoke(req.params.id as string, actor(req));
    res.status(204).end();
  });
  return r;
}

/** What a device bridge calls with its own credential. */
export function terminalSelfRoutes(registry: TerminalRegistry): Router {
  const r = Router();
  // Guessing codes is the attack here; ten tries a minute per address is plenty for a field engineer.
  const enrolLimit = new RateLimiter(10, 60_000);
  r.post(
    '/enrol',
    enrolLimit.middleware((req) => requestIp(req) ?? 'unknown'),
    async (req, res) => {
      res.json(await registry.enrol(req.body, requestIp(req)));
    },
  );
  r.post('/kiosk-session', requireTerminal(registry), async (req, res) => {
    if (!req.terminal) throw AppError.unauthenticated();
    res.json(await registry.createKioskSession(req.terminal));
  });
  return r;
}
