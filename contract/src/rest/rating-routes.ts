import { z } from 'zod';
import { defineRoute, NoContent } from '../wire/rest-route.ts';
import {
  OwnRatingSummary,
  RatingsQuery,
  ResolveFollowUpRequest,
  SupervisorRatings,
} from './staff.ts';

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
  resolveFollowUp: defineRoute({
    method: 'POST',
    path: '/api/ratings/follow-ups/:id/resolve',
    params: z.object({ id: z.string() }),
    body: ResolveFollowUpRequest,
    response: NoContent,
    status: 204,
    roles: ['supervisor'],
  }),
};
