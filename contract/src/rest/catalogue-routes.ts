import { z } from 'zod';
import { BundleDefinition, ItemDefinition } from '../catalogue/schema.ts';
import { defineRoute, NoContent } from '../wire/rest-route.ts';
import {
  CatalogueAdminOverview,
  DraftDefinition,
  DraftKind,
  DraftSaved,
  PublishRequest,
} from './catalogue-admin.ts';

const DraftPath = z.object({ kind: DraftKind, code: z.string() });
const Code = z.object({ code: z.string() });

/** Catalogue administration (system administrator), under /api/admin/catalogue. */
export const CatalogueAdminRoutes = {
  overview: defineRoute({
    method: 'GET',
    path: '/api/admin/catalogue',
    response: CatalogueAdminOverview,
    roles: ['sysadmin'],
  }),
  item: defineRoute({
    method: 'GET',
    path: '/api/admin/catalogue/items/:code',
    params: Code,
    response: z.object({ item: ItemDefinition }),
    roles: ['sysadmin'],
  }),
  bundle: defineRoute({
    method: 'GET',
    path: '/api/admin/catalogue/bundles/:code',
    params: Code,
    response: z.object({ bundle: BundleDefinition }),
    roles: ['sysadmin'],
  }),
  putDraft: defineRoute({
    method: 'PUT',
    path: '/api/admin/catalogue/drafts/:kind/:code',
    params: DraftPath,
    body: DraftDefinition,
    response: DraftSaved,
    roles: ['sysadmin'],
  }),
  deleteDraft: defineRoute({
    method: 'DELETE',
    path: '/api/admin/catalogue/drafts/:kind/:code',
    params: DraftPath,
    response: NoContent,
    status: 204,
    roles: ['sysadmin'],
  }),
  /** Applies every draft to the current version and publishes the result. */
  publish: defineRoute({
    method: 'POST',
    path: '/api/admin/catalogue/publish',
    body: PublishRequest,
    response: z.object({ id: z.string() }),
    status: 201,
    roles: ['sysadmin'],
  }),
};
