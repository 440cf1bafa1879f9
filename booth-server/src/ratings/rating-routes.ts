import { AppError } from '@onething/contract/errors';
import { RatingRoutes } from '@onething/contract/rest/rating-routes';
import type { Request, Router } from 'express';
import { requestIp } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { FollowUpService } from './follow-up-service.ts';
import type { RatingService } from './rating-service.ts';

export function ratingRoutes(ratings: RatingService, followUps: FollowUpService): Router {
  const actor = (req: Request) => {
    if (!req.staff) throw AppError.unauthenticated();
    return { id: req.staff.profile.id, ip: requestIp(req) };
  };
  return (
    new RestRouter('/api/ratings')
      // The rated staff member sees their own levels in aggregate, never who rated them.
      .bind(RatingRoutes.mine, (_input, req) => ratings.ownSummary(actor(req).id))
      .bind(RatingRoutes.list, ({ query }) =>
        ratings.supervisorView({
          ...(query.since ? { since: query.since } : {}),
          ...(query.department ? { department: query.department } : {}),
        }),
      )
      .bind(RatingRoutes.followUps, async ({ query }) => ({
        policy: ratings.followUpPolicy,
        followUps: await followUps.list(query.status),
      }))
      .bind(RatingRoutes.callBack, ({ params, body }, req) =>
        followUps.recordCallBack(params.id, body, actor(req)),
      )
      .bind(RatingRoutes.resolveFollowUp, ({ params, body }, req) =>
        followUps.recordFix(params.id, body.resolution, actor(req)),
      ).router
  );
}
