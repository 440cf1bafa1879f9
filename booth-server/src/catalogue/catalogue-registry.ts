import { AppError } from '@onething/contract/errors';
import type {
  CatalogueAdminOverview,
  CatalogueDraft,
  DraftIssue,
  DraftKind,
  DraftSaved,
  PublishedVersion,
} from '@onething/contract/rest/catalogue-admin';
import { type Kysely, sql } from 'kysely';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import type { Catalogue } from './catalogue.ts';
import { CatalogueError } from './catalogue-issue.ts';
import { applyDrafts, draftIssue } from './draft-sources.ts';
import { buildCatalogue, readCatalogueSources } from './load-catalogue.ts';
import type { CatalogueSource } from './parse-catalogue.ts';

const log = createLogger('catalogue');

interface Actor {
  id: string;
  ip: string | null;
}

/**
 * Every published catalogue version (cases keep the one they were filed under), the current
 * one, and administrators' drafts. Drafts are checked by buildCatalogue, the start-up's own
 * checks, over the current version's files with every draft applied; publishing stores exactly
 * those files, so a published version always passes the next start-up.
 */
export class CatalogueRegistry extends SafeEventEmitter<{ published: [versionId: string] }> {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #versions = new Map<string, { catalogue: Catalogue; sources: CatalogueSource[] }>();
  #currentId = '';
  /** Loaded version ids, oldest first: what each changed is read against the one before. */
  readonly #order: string[] = [];
  /**
   * Publishes one at a time in this process; across processes the base is checked again
   * against the latest stored version under a row lock (see #publishNow).
   */
  #publishing: Promise<unknown> = Promise.resolve();

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
      this.#order.push(row.id);
      this.#currentId = row.id;
    }
  }

  current(): Catalogue {
    return this.#base().catalogue;
  }

  #base() {
    const v = this.#versions.get(this.#currentId);
    if (!v) throw new Error('no catalogue loaded');
    return v;
  }

  /** A version cases were filed under; falls back to the current one if it was never stored. */
  get(id: string): Catalogue {
    return this.#versions.get(id)?.catalogue ?? this.current();
  }

  async versions(): Promise<PublishedVersion[]> {
    const rows = await this.#db
      .selectFrom('catalogue_versions as v')
      .leftJoin('staff_accounts as a', 'a.id', 'v.published_by')
      .select(['v.id', 'v.declared', 'v.published_at', 'v.published_by', 'v.note'])
      .select('a.display_name')
      .orderBy('v.published_at', 'desc')
      .execute();
    const counts = await this.#db
      .selectFrom('cases')
      .select(['catalogue_version', sql<number>`count(*)`.as('n')])
      .groupBy('catalogue_version')
      .execute();
    const casesOf = new Map(counts.map((c) => [c.catalogue_version, Number(c.n)]));
    return rows.map((r) => ({
      id: r.id,
      declared: r.declared,
      publishedAt: Number(r.published_at),
      publishedBy: r.published_by,
      publishedByName: r.display_name,
      note: r.note,
      current: r.id === this.#currentId,
      cases: casesOf.get(r.id) ?? 0,
      changes: this.#changes(r.id),
    }));
  }

  /** The items and bundles a version changed against the version before it. */
  #changes(id: string): { kind: DraftKind; code: string }[] {
    const at = this.#order.indexOf(id);
    const before = this.#versions.get(this.#order[at - 1] ?? '')?.catalogue;
    const after = this.#versions.get(id)?.catalogue;
    if (!before || !after) return [];
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    return [
      ...after
        .bundles()
        .filter((b) => !same(b, before.bundle(b.code)))
        .map((b) => ({ kind: 'bundle' as const, code: b.code })),
      ...after
        .items()
        .filter((i) => !same(i, before.item(i.code)))
        .map((i) => ({ kind: 'item' as const, code: i.code })),
    ];
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

  /** The start-up checks over the current version with these drafts applied. */
  check(drafts: readonly CatalogueDraft[]): DraftIssue[] {
    if (drafts.length === 0) return [];
    const built = buildCatalogue(applyDrafts(this.#base().sources, drafts));
    return built.ok ? [] : built.issues.map((i) => draftIssue(i, drafts));
  }

  async overview(): Promise<CatalogueAdminOverview> {
    const catalogue = this.current();
    const drafts = await this.drafts();
    const named = ({ code, name }: { code: string; name: { zh: string; en: string } }) => ({
      code,
      name,
    });
    return {
      current: catalogue.version,
      versions: await this.versions(),
      drafts,
      issues: this.check(drafts),
      bundles: catalogue.bundles().map(named),
      items: catalogue.items().map((i) => ({ ...named(i), department: i.department })),
      departments: catalogue.departments().map(named),
      materials: catalogue.materials().map((m) => ({ key: m.key, name: m.name })),
      fields: catalogue.fields().map((f) => ({ key: f.key, label: f.label })),
    };
  }

  /**
   * Stores a draft even when a check fails (the administrator keeps the work) and answers with
   * what the checks say of every draft together, as publishing would apply them.
   */
  async putDraft(
    kind: DraftKind,
    code: string,
    definition: Record<string, unknown>,
    actor: Actor,
  ): Promise<DraftSaved> {
    if (definition.code !== code)
      throw AppError.validation(
        `the definition's code is ${String(definition.code)}, not ${code}`,
        ['code'],
      );
    const known = kind === 'item' ? this.current().item(code) : this.current().bundle(code);
    // New items and bundles come as reviewed YAML, not from this form.
    if (!known)
      throw new AppError(kind === 'item' ? 'CATALOGUE_UNKNOWN_ITEM' : 'CATALOGUE_UNKNOWN_BUNDLE');
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
    const draft: CatalogueDraft = { kind, code, definition, updatedBy: actor.id, updatedAt: now };
    const issues = this.check(await this.drafts());
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'catalogue.draft.save',
      targetType: `catalogue_${kind}`,
      targetId: code,
      ip: actor.ip,
      details: { issues: issues.length },
    });
    return { draft, issues };
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

  /**
   * Applies every draft to the current version and publishes the result as the new current
   * version. `base` is the version the administrator reviewed against: if another was published
   * since, the diff they saw is stale and the publish is refused.
   */
  publish(note: string, base: string, actor: Actor): Promise<{ id: string }> {
    const run = this.#publishing.then(() => this.#publishNow(note, base, actor));
    this.#publishing = run.catch(() => undefined);
    return run;
  }

  async #publishNow(note: string, base: string, actor: Actor): Promise<{ id: string }> {
    // Another process may have published since this one last looked.
    await this.refresh();
    if (base !== this.#currentId) throw new AppError('CATALOGUE_CHANGED');
    const drafts = await this.drafts();
    if (drafts.length === 0) throw new AppError('CATALOGUE_NO_CHANGES');
    const sources = applyDrafts(this.#base().sources, drafts);
    const built = buildCatalogue(sources);
    if (!built.ok) {
      throw new AppError('CATALOGUE_DRAFTS_INVALID', undefined, {
        details: { issues: built.issues.map((i) => draftIssue(i, drafts)) },
      });
    }
    const id = built.catalogue.version.id;
    if (this.#versions.has(id)) throw new AppError('CATALOGUE_NO_CHANGES');
    await this.#db.transaction().execute(async (trx) => {
      // Two processes publishing on the same base: the base's row lock makes the second wait
      // for the first, then see its version as the latest and be refused (SQLite serialises
      // writers anyway).
      await trx
        .updateTable('catalogue_versions')
        .set({ note: sql`note` })
        .where('id', '=', base)
        .execute();
      const latest = await trx
        .selectFrom('catalogue_versions')
        .select('id')
        .orderBy('published_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (latest?.id !== base) throw new AppError('CATALOGUE_CHANGED');
      await trx
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
      // Only the drafts that went in: one saved meanwhile stays a draft.
      for (const d of drafts) {
        await trx
          .deleteFrom('catalogue_drafts')
          .where('kind', '=', d.kind)
          .where('code', '=', d.code)
          .where('updated_at', '=', d.updatedAt)
          .execute();
      }
    });
    this.#versions.set(id, { catalogue: built.catalogue, sources });
    this.#order.push(id);
    this.#currentId = id;
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'catalogue.publish',
      targetType: 'catalogue_version',
      targetId: id,
      ip: actor.ip,
      details: { base, drafts: drafts.map((d) => `${d.kind}:${d.code}`), note },
    });
    log.info({ version: id, drafts: drafts.length }, 'catalogue version published');
    this.safeEmit('published', id);
    return { id };
  }
}
