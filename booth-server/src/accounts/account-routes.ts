import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { Router } from 'express';
import { z } from 'zod';
import type { AccountService } from './account-service.ts';
import { requestIp, requireRole } from './staff-auth.ts';

/** Account administration: admin role only. */
export function accountRoutes(accounts: AccountService): Router {
  const r = Router();
  r.use(requireRole('admin'));

  r.get('/', async (_req, res) => {
    res.json({ accounts: await accounts.list() });
  });

  r.post('/', async (req, res) => {
    const profile = await accounts.create(req.body, {
      id: req.staff?.profile.id ?? null,
      ip: requestIp(req),
    });
    res.status(201).json({ profile });
  });

  r.post('/:id/disabled', async (req, res) => {
    const { disabled } = parseOrThrow(z.object({ disabled: z.boolean() }), req.body);
    if (!req.staff) throw AppError.unauthenticated();
    await accounts.setDisabled(req.params.id as string, disabled, {
      id: req.staff.profile.id,
      ip: requestIp(req),
    });
    res.status(204).end();
  });

  r.post('/:id/roles', async (req, res) => {
    if (!req.staff) throw AppError.unauthenticated();
    const profile = await accounts.setRoles(req.params.id as string, req.body, {
      id: req.staff.profile.id,
      ip: requestIp(req),
    });
    res.json({ profile });
  });

  return r;
}
