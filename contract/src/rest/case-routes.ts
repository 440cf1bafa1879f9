import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import { CaseView } from './kiosk.ts';
import {
  CaseListQuery,
  RevealedField,
  RevealFieldRequest,
  StaffCaseDetail,
  StaffSubCase,
  SubCaseTransitionRequest,
} from './staff.ts';

const CaseNumber = z.object({ caseNumber: z.string() });

/** Case work (agents), under /api/cases: their department's sub-cases in the regions they serve. */
export const CaseRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/cases',
    query: CaseListQuery,
    response: z.object({ subCases: z.array(StaffSubCase) }),
    roles: ['agent'],
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/api/cases/:caseNumber',
    params: CaseNumber,
    response: StaffCaseDetail,
    roles: ['agent'],
  }),
  reveal: defineRoute({
    method: 'POST',
    path: '/api/cases/:caseNumber/reveal',
    params: CaseNumber,
    body: RevealFieldRequest,
    response: RevealedField,
    roles: ['agent'],
  }),
  transition: defineRoute({
    method: 'POST',
    path: '/api/cases/:caseNumber/transition',
    params: CaseNumber,
    body: SubCaseTransitionRequest,
    response: CaseView,
    roles: ['agent'],
  }),
};
