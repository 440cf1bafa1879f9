import { DirectoryRoutes } from '@onething/contract/rest/directory';
import type { Router } from 'express';
import { RestRouter } from '../http/rest-router.ts';
import type { StaffDirectory } from './staff-directory.ts';

/** /api/staff/directory: colleagues to pick for a transfer or an invitation. */
export function directoryRoutes(directory: StaffDirectory): Router {
  return new RestRouter('/api/staff').bind(DirectoryRoutes.search, ({ query }, req) =>
    directory.search(query, req.staff?.profile.id ?? null),
  ).router;
}
