import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { Router } from 'express';
import { z } from 'zod';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import type { RatingService } from './rating-service.ts';

export function ratingRoutes(ratings: RatingService): Router {
  const r = Router();
  // The rated staff member sees their own levels in aggregate, never who rated them.
  r.get('/mine', requireRole('agent'), async (req, res) => {
    if (!req.staff) throw AppError.unauthenticated();
    res.json(await ratings.ownSummary(req.staff.profile.id));
  });
  r.get('/', requireRole('supervisor'), async (req, res) => {
    const q = parseOrThrow(
      z.object({
        since: z.coerce.number().int().optional(),
        department: z.string().max(16).optional(),
      }),
      req.query,
    );
    res.json(
      await ratings.supervisorView({
        ...(q.since ? { since: q.since } : {}),
        ...(q.department ? { department: q.department } : {}),
      }),
    );
  });
  r.post('/follow-ups/:id/resolve', requireRole('supervisor'), async (req, res) => {
    const { resolution } = parseOrThrow(
      z.object({ resolution: z.string().trim().min(2).max(1000) }),
      req.body,
    );
    if (!req.staff) throw AppError.unauthenticated();
    await ratings.resolveFollowUp(req.params.id as string, resolution, {
      id: req.staff.profile.id,
      ip: requestIp(req),
    });
    res.status(204).end();
  });
  return r;
}
