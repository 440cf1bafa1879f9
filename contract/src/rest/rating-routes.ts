import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import {
  FollowUp,
  FollowUpList,
  FollowUpListQuery,
  RecordCallBackRequest,
  RecordFixRequest,
} from './follow-up.ts';
import { OwnRatingSummary, RatingsQuery, SupervisorRatings } from './staff.ts';

const FollowUpParams = z.object({ id: z.string().max(64) });

/** Ratings for staff, under /api/ratings (the citizens' ratings arrive by the kiosk API). */
export const RatingRoutes = {
  mine: defineRoute({
    method: 'GET',
    path: '/api/ratings/mine',
    response: OwnRatingSummary,
    roles: ['agent'],
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/ratings',
    query: RatingsQuery,
    response: SupervisorRatings,
    roles: ['supervisor'],
  }),
  followUps: defineRoute({
    method: 'GET',
    path: '/api/ratings/follow-ups',
    query: FollowUpListQuery,
    response: FollowUpList,
    roles: ['supervisor'],
  }),
  callBack: defineRoute({
    method: 'POST',
    path: '/api/ratings/follow-ups/:id/call-back',
    params: FollowUpParams,
    body: RecordCallBackRequest,
    response: FollowUp,
    roles: ['supervisor'],
  }),
  /** Records the fix; the follow-up closes and the citizen may rate once more. */
  resolveFollowUp: defineRoute({
    method: 'POST',
    path: '/api/ratings/follow-ups/:id/resolve',
    params: FollowUpParams,
    body: RecordFixRequest,
    response: FollowUp,
    roles: ['supervisor'],
  }),
};
