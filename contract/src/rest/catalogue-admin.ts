import { z } from 'zod';
import { Localized } from '../catalogue/schema.ts';

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
  /** The publisher's display name, when the account still exists. */
  publishedByName: z.string().nullable(),
  note: z.string().nullable(),
  current: z.boolean(),
  /** Cases filed under this version (they keep it to the end). */
  cases: z.number().int(),
  /** Items and bundles that differ from the version published before it. */
  changes: z.array(z.object({ kind: DraftKind, code: z.string() })),
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;

export const CatalogueDraft = z.object({
  kind: DraftKind,
  code: z.string(),
  /** An ItemDefinition or a BundleDefinition, as its kind says (checked when validated). */
  definition: z.unknown(),
  updatedBy: z.string().nullable(),
  updatedAt: z.number(),
});
export type CatalogueDraft = z.infer<typeof CatalogueDraft>;

/** Which check found an issue: a value's shape, notice = materials, placeholder text, or references. */
export const IssueRule = z.enum(['schema', 'noticeForm', 'placeholder', 'consistency']);
export type IssueRule = z.infer<typeof IssueRule>;

/**
 * A problem the start-up checks find in the catalogue the drafts would make. `draft` names the
 * draft it is in and `path` is then relative to that draft's definition (`timeLimit.promisedDays`
 * is `['timeLimit', 'promisedDays']`), so a form puts it next to its field; issues in files no
 * draft replaces (a bundle whose notice an item draft breaks) have `draft: null`.
 */
export const DraftIssue = z.object({
  draft: z.object({ kind: DraftKind, code: z.string() }).nullable(),
  file: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  rule: IssueRule,
  /** The check's own words (English, as the start-up log says them). */
  problem: z.string(),
  /** A notice = materials issue: the material and the items asking it in two forms. */
  refs: z.object({ material: z.string(), items: z.array(z.string()) }).optional(),
});
export type DraftIssue = z.infer<typeof DraftIssue>;

const Named = z.object({ code: z.string(), name: Localized });

export const CatalogueAdminOverview = z.object({
  current: CatalogueVersionId,
  versions: z.array(PublishedVersion),
  drafts: z.array(CatalogueDraft),
  /** What the start-up checks say of the current version with every draft applied. */
  issues: z.array(DraftIssue),
  /** The current version's contents to pick from (names for lists and selects). */
  bundles: z.array(Named),
  items: z.array(Named.extend({ department: z.string() })),
  departments: z.array(Named),
  materials: z.array(z.object({ key: z.string(), name: Localized })),
  /** The field dictionary's labels, to name an item's form fields. */
  fields: z.array(z.object({ key: z.string(), label: Localized })),
});
export type CatalogueAdminOverview = z.infer<typeof CatalogueAdminOverview>;

/**
 * A draft's definition: an ItemDefinition or a BundleDefinition as the path's kind says. It is
 * stored even when a check fails (the administrator keeps the work); publishing refuses then.
 */
export const DraftDefinition = z.record(z.string(), z.unknown());

export const DraftSaved = z.object({ draft: CatalogueDraft, issues: z.array(DraftIssue) });
export type DraftSaved = z.infer<typeof DraftSaved>;

export const PublishRequest = z.object({
  note: z.string().trim().min(1).max(500),
  /** The version the administrator reviewed the drafts against; refused if another was published since. */
  base: z.string().min(1),
});
export type PublishRequest = z.infer<typeof PublishRequest>;
