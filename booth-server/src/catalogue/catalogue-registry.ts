import { BundleDefinition, ItemDefinition } from '@onething/contract/catalogue/schema';
import { AppError } from '@onething/contract/errors';
import type { CatalogueDraft, DraftKind } from '@onething/contract/rest/catalogue-admin';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely } from 'kysely';
import YAML from 'yaml';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import type { Catalogue } from './catalogue.ts';
import { CatalogueError } from './catalogue-issue.ts';
import { buildCatalogue, readCatalogueSources } from './load-catalogue.ts';
import type { CatalogueSource } from './parse-catalogue.ts';

const log = createLogger('catalogue');

interface Actor {
  id: string;
  ip: string | null;
}

/**
 * Every published catalogue version (cases keep the one they were filed under), the current
 * one, and administrators' drafts. Publishing applies the drafts to the current version's files
 * and validates the result exactly as a start-up does; an invalid draft never goes live.
 */
export class CatalogueRegistry extends SafeEventEmitter<{ published: [versionId: string] }> {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #versions = new Map<string, { catalogue: Catalogue; sources: CatalogueSource[] }>();
  #currentId = '';

  private constructor(db: Kysely<DB>, audit: AuditLog) {
    super(log);
    this.#db = db;
    this.#audit = audit;
  }

  /** Loads the shipped files (refusing to start on any issue) and every published version. */
  static async open(
    db: Kysely<DB>,
    audit: AuditLog,
    dir: string | undefined,
  ): Promise<CatalogueRegistry> {
    const registry = new CatalogueRegistry(db, audit);
    const read = await readCatalogueSources(dir);
    const shipped = buildCatalogue(read.sources);
    if (read.issues.length || !shipped.ok) {
      throw new CatalogueError([...read.issues, ...(shipped.ok ? [] : shipped.issues)]);
    }
    const known = await db
      .selectFrom('catalogue_versions')
      .select('id')
      .where('id', '=', shipped.catalogue.version.id)
      .executeTakeFirst();
    if (!known) {
      await db
        .insertInto('catalogue_versions')
        .values({
          id: shipped.catalogue.version.id,
          declared: shipped.catalogue.version.declared,
          sources: JSON.stringify(read.sources),
          published_at: Date.now(),
          published_by: null,
          note: 'shipped with the booth server',
        })
        .execute();
      log.info({ version: shipped.catalogue.version.id }, 'catalogue version registered');
    }
    await registry.refresh();
    return registry;
  }

  /**
   * Loads the versions published since the last look (at start, and in cluster mode when
   * another process published one); the latest becomes current.
   */
  async refresh(): Promise<void> {
    const rows = await this.#db
      .selectFrom('catalogue_versions')
      .selectAll()
      .orderBy('published_at')
      .execute();
    for (const row of rows) {
      if (this.#versions.has(row.id)) {
        this.#currentId = row.id;
        continue;
      }
      const sources = JSON.parse(row.sources) as CatalogueSource[];
      const built = buildCatalogue(sources);
      if (!built.ok) {
        log.error(
          { version: row.id, issues: built.issues.length },
          'stored catalogue version no longer validates; skipped',
        );
        continue;
      }
      this.#versions.set(row.id, { catalogue: built.catalogue, sources });
      this.#currentId = row.id;
    }
  }

  current(): Catalogue {
    const v = this.#versions.get(this.#currentId);
    if (!v) throw new Error('no catalogue loaded');
    return v.catalogue;
  }

  /** A version cases were filed under; falls back to the current one if it was never stored. */
  get(id: string): Catalogue {
    return this.#versions.get(id)?.catalogue ?? this.current();
  }

  async versions() {
    const rows = await this.#db
      .selectFrom('catalogue_versions')
      .select(['id', 'declared', 'published_at', 'published_by', 'note'])
      .orderBy('published_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      declared: r.declared,
      publishedAt: Number(r.published_at),
      publishedBy: r.published_by,
      note: r.note,
      current: r.id === this.#currentId,
    }));
  }

  async drafts(): Promise<CatalogueDraft[]> {
    const rows = await this.#db
      .selectFrom('catalogue_drafts')
      .selectAll()
      .orderBy('kind')
      .orderBy('code')
      .execute();
    return rows.map((r) => ({
      kind: r.kind as DraftKind,
      code: r.code,
      definition: JSON.parse(r.definition),
      updatedBy: r.updated_by,
      updatedAt: Number(r.updated_at),
    }));
  }

  async putDraft(
    kind: DraftKind,
    code: string,
    input: unknown,
    actor: Actor,
  ): Promise<CatalogueDraft> {
    const definition = parseOrThrow(kind === 'item' ? ItemDefinition : BundleDefinition, input);
    if (definition.code !== code)
      throw AppError.validation(`the definition's code is ${definition.code}, not ${code}`, [
        'code',
      ]);
    const now = Date.now();
    const values = {
      definition: JSON.stringify(definition),
      updated_by: actor.id,
      updated_at: now,
    };
    await this.#db
      .insertInto('catalogue_drafts')
      .values({ kind, code, ...values })
      .onConflict((oc) => oc.columns(['kind', 'code']).doUpdateSet(values))
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'catalogue.draft.save',
      targetType: `catalogue_${kind}`,
      targetId: code,
      ip: actor.ip,
    });
    return { kind, code, definition, updatedBy: actor.id, updatedAt: now };
  }

  async deleteDraft(kind: DraftKind, code: string, actor: Actor): Promise<void> {
    const res = await this.#db
      .deleteFrom('catalogue_drafts')
      .where('kind', '=', kind)
      .where('code', '=', code)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw AppError.notFound(`draft ${kind} ${code}`);
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'catalogue.draft.delete',
      targetType: `catalogue_${kind}`,
      targetId: code,
      ip: actor.ip,
    });
  }

  /** Applies every draft to the current version and publishes the result as a new version. */
  async publish(note: string, actor: Actor): Promise<{ id: string; issues?: undefined }> {
    const drafts = await this.drafts();
    if (drafts.length === 0) throw AppError.conflict('there are no drafts to publish');
    const base = this.#versions.get(this.#currentId);
    if (!base) throw new Error('no catalogue loaded');
    const sources = applyDrafts(base.sources, drafts);
    const built = buildCatalogue(sources);
    if (!built.ok) {
      throw new AppError(
        'VALIDATION_FAILED',
        `the drafts would make the catalogue invalid: ${built.issues[0]?.problem}`,
        {
          details: { issues: built.issues },
        },
      );
    }
    const id = built.catalogue.version.id;
    if (this.#versions.has(id)) throw AppError.conflict('the drafts change nothing');
    await this.#db
      .insertInto('catalogue_versions')
      .values({
        id,
        declared: built.catalogue.version.declared,
        sources: JSON.stringify(sources),
        published_at: Date.now(),
        published_by: actor.id,
        note,
      })
      .execute();
    await this.#db.deleteFrom('catalogue_drafts').execute();
    this.#versions.set(id, { catalogue: built.catalogue, sources });
    this.#currentId = id;
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'catalogue.publish',
      targetType: 'catalogue_version',
      targetId: id,
      ip: actor.ip,
      details: { drafts: drafts.map((d) => `${d.kind}:${d.code}`), note },
    });
    log.info({ version: id, drafts: drafts.length }, 'catalogue version published');
    this.safeEmit('published', id);
    return { id };
  }
}

/** Removes each drafted definition from the file that held it and adds it in a file of its own. */
function applyDrafts(
  sources: readonly CatalogueSource[],
  drafts: readonly CatalogueDraft[],
): CatalogueSource[] {
  const items = new Set(drafts.filter((d) => d.kind === 'item').map((d) => d.code));
  const bundles = new Set(drafts.filter((d) => d.kind === 'bundle').map((d) => d.code));
  const out: CatalogueSource[] = [];
  for (const s of sources) {
    if (s.file.startsWith('items/') && items.size) {
      const doc = YAML.parse(s.text) as { items?: { code?: string }[] };
      const kept = (doc.items ?? []).filter((i) => !items.has(String(i.code)));
      if (kept.length === (doc.items ?? []).length) out.push(s);
      else if (kept.length)
        out.push({ file: s.file, text: YAML.stringify({ ...doc, items: kept }) });
      continue;
    }
    if (s.file.startsWith('bundles/') && bundles.size) {
      const doc = YAML.parse(s.text) as { code?: string };
      if (bundles.has(String(doc.code))) continue;
    }
    out.push(s);
  }
  for (const d of drafts) {
    const file = d.kind === 'item' ? `items/admin-${d.code}.yaml` : `bundles/admin-${d.code}.yaml`;
    out.push({
      file,
      text: YAML.stringify(d.kind === 'item' ? { items: [d.definition] } : d.definition),
    });
  }
  return out;
}
