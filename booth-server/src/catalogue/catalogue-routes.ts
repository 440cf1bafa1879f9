import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import type { CatalogueRegistry, DraftKind } from './catalogue-registry.ts';

/** Catalogue administration: drafts of items and bundles, then publishing a new version. */
export function catalogueAdminRoutes(registry: CatalogueRegistry): Router {
  const r = Router();
  r.use(requireRole('admin'));
  const actor = (req: Request) => {
    if (!req.staff) throw AppError.unauthenticated();
    return { id: req.staff.profile.id, ip: requestIp(req) };
  };
  const kind = (req: Request): DraftKind =>
    parseOrThrow(z.enum(['item', 'bundle']), req.params.kind);

  r.get('/', async (_req, res) => {
    res.json({
      current: registry.current().version,
      versions: await registry.versions(),
      drafts: await registry.drafts(),
    });
  });
  r.get('/items/:code', (req, res) => {
    const item = registry.current().item(req.params.code as string);
    if (!item) throw new AppError('CATALOGUE_UNKNOWN_ITEM');
    res.json({ item });
  });
  r.get('/bundles/:code', (req, res) => {
    const bundle = registry.current().bundle(req.params.code as string);
    if (!bundle) throw new AppError('CATALOGUE_UNKNOWN_BUNDLE');
    res.json({ bundle });
  });
  r.put('/drafts/:kind/:code', async (req, res) => {
    res.json(await registry.putDraft(kind(req), req.params.code as string, req.body, actor(req)));
  });
  r.delete('/drafts/:kind/:code', async (req, res) => {
    await registry.deleteDraft(kind(req), req.params.code as string, actor(req));
    res.status(204).end();
  });
  r.post('/publish', async (req, res) => {
    const { note } = parseOrThrow(z.object({ note: z.string().trim().min(1).max(500) }), req.body);
    res.status(201).json(await registry.publish(note, actor(req)));
  });
  return r;
}
