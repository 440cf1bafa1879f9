import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import { SubCaseActionRequest, SubCaseScreen, Worklist, WorklistQuery } from './workbench.ts';

const CaseNumber = z.object({ caseNumber: z.string().min(6).max(40) });

/**
 * The department workbench, under /api/workbench (agents; their department's sub-cases in the
 * regions they serve). Material files are a plain route (bytes, not JSON):
 * `GET /api/workbench/cases/:caseNumber/materials/:uploadId`.
 */
export const WorkbenchRoutes = {
  worklist: defineRoute({
    method: 'GET',
    path: '/api/workbench/sub-cases',
    query: WorklistQuery,
    response: Worklist,
    roles: ['agent'],
  }),
  subCase: defineRoute({
    method: 'GET',
    path: '/api/workbench/cases/:caseNumber',
    params: CaseNumber,
    response: SubCaseScreen,
    roles: ['agent'],
  }),
  act: defineRoute({
    method: 'POST',
    path: '/api/workbench/cases/:caseNumber/actions',
    params: CaseNumber,
    body: SubCaseActionRequest,
    response: SubCaseScreen,
    roles: ['agent'],
  }),
};

/** The file of one material of a case the agent may read (image or PDF, for the preview). */
export function materialFilePath(caseNumber: string, uploadId: string): string {
  return `/api/workbench/cases/${encodeURIComponent(caseNumber)}/materials/${encodeURIComponent(uploadId)}`;
}
