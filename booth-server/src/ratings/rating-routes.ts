import { AppError } from '@onething/contract/errors';
import { RatingRoutes } from '@onething/contract/rest/rating-routes';
import type { Request, Router } from 'express';
import { requestIp } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { RatingService } from './rating-service.ts';

export function ratingRoutes(ratings: RatingService): Router {
  const staffId = (req: Request) => {
    if (!req.staff) throw AppError.unauthenticated();
    return req.staff.profile.id;
  };
  return (
    new RestRouter('/api/ratings')
      // The rated staff member sees their own levels in aggregate, never who rated them.
      .bind(RatingRoutes.mine, (_input, req) => ratings.ownSummary(staffId(req)))
      .bind(RatingRoutes.list, ({ query }) =>
        ratings.supervisorView({
          ...(query.since ? { since: query.since } : {}),
          ...(query.department ? { department: query.department } : {}),
        }),
      )
      .bind(RatingRoutes.resolveFollowUp, async ({ params, body }, req) => {
        await ratings.resolveFollowUp(params.id, body.resolution, {
          id: staffId(req),
          ip: requestIp(req),
        });
      }).router
  );
}
