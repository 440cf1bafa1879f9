import { z } from 'zod';

/** Catalogue administration (system administrator, REST /api/admin/catalogue): drafts, then a new version. */
export const DraftKind = z.enum(['item', 'bundle']);
export type DraftKind = z.infer<typeof DraftKind>;

export const CatalogueVersionId = z.object({
  /** The version declared in catalogue.yaml. */
  declared: z.string(),
  /** First 12 hex digits of the SHA-256 over every file's path and content. */
  hash: z.string(),
  /** `declared+hash`. */
  id: z.string(),
});

export const PublishedVersion = z.object({
  id: z.string(),
  declared: z.string(),
  publishedAt: z.number(),
  publishedBy: z.string().nullable(),
  note: z.string().nullable(),
  current: z.boolean(),
});

export const CatalogueDraft = z.object({
  kind: DraftKind,
  code: z.string(),
  /** An ItemDefinition or a BundleDefinition, as its kind says. */
  definition: z.unknown(),
  updatedBy: z.string().nullable(),
  updatedAt: z.number(),
});
export type CatalogueDraft = z.infer<typeof CatalogueDraft>;

export const CatalogueAdminOverview = z.object({
  current: CatalogueVersionId,
  versions: z.array(PublishedVersion),
  drafts: z.array(CatalogueDraft),
});

/**
 * A draft's definition: an ItemDefinition or a BundleDefinition as the path's kind says; the
 * registry checks it against that kind's schema (so the error names the field of that kind).
 */
export const DraftDefinition = z.record(z.string(), z.unknown());

export const PublishRequest = z.object({ note: z.string().trim().min(1).max(500) });
