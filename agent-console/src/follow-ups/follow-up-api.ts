import type { FollowUp, FollowUpList } from '@onething/contract/rest/follow-up';
import { RatingRoutes } from '@onething/contract/rest/rating-routes';
import { rest } from '../api.ts';

/** The follow-up routes as the screens use them; every answer is checked by the RestClient. */
export const followUpApi = {
  list: (status: 'open' | 'closed' | 'all'): Promise<FollowUpList> =>
    rest.call(RatingRoutes.followUps, { query: { status } }),
  callBack: (id: string, at: number, note: string): Promise<FollowUp> =>
    rest.call(RatingRoutes.callBack, { params: { id }, body: { at, note } }),
  fix: (id: string, resolution: string): Promise<FollowUp> =>
    rest.call(RatingRoutes.resolveFollowUp, { params: { id }, body: { resolution } }),
};
