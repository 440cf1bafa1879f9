import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundleDefinition, ItemDefinition } from '@onething/contract/catalogue/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_ACTION } from '../audit/refusal-audit.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

const pg = await createPgTestDatabase();
afterAll(async () => {
  if (!('skip' in pg)) await pg.drop();
});
const engines = [
  { name: 'sqlite', skip: null as string | null, url: undefined as string | undefined },
  {
    name: 'postgres',
    skip: 'skip' in pg ? pg.skip : null,
    url: 'skip' in pg ? undefined : (pg as PgTestDatabase).url,
  },
];
for (const e of engines) if (e.skip) console.warn(`[skip] ${e.name}: ${e.skip}`);

const BASE = '/api/admin/catalogue';

describe.each(engines)('catalogue drafts and publishing on $name', (engine) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-catalogue-admin-'));
  let t: TestServer;
  let admin: string;
  const start = async () => {
    t = await startTestServer(engine.url ? { DATABASE_URL: engine.url } : {}, {
      keepDataDir: dataDir,
    });
    admin = await login(t.url, 'admin', 'demo-admin-2026');
  };
  beforeAll(async () => {
    if (!engine.skip) await start();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, route: string, body?: unknown, cookie = admin) =>
    fetch(`${t.url}${BASE}${route}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const live = async <K extends 'items' | 'bundles'>(kind: K, code: string) =>
    (await readJson(await call('GET', `/${kind}/${code}`)))[kind === 'items' ? 'item' : 'bundle'];
  const overview = async () => readJson(await call('GET', ''));

  it.skipIf(!!engine.skip)(
    'checks a draft with the start-up checks and names the field of each issue',
    async () => {
      const bundle: BundleDefinition = await live('bundles', 'YJSP001');
      // Placeholder text in the notice: saved (the work is kept), but marked at its field.
      const saved = await readJson(
        await call('PUT', '/drafts/bundle/YJSP001', {
          ...bundle,
          description: { ...bundle.description, zh: `${bundle.description.zh}（示例）` },
        }),
      );
      expect(saved.draft.code).toBe('YJSP001');
      expect(saved.issues).toEqual([
        expect.objectContaining({
          draft: { kind: 'bundle', code: 'YJSP001' },
          path: ['description'],
          rule: 'placeholder',
        }),
      ]);
      // A value out of range is a schema issue (the start-up reports it before the rest).
      const tooLong = await readJson(
        await call('PUT', '/drafts/bundle/YJSP001', { ...bundle, promisedDays: 400 }),
      );
      expect(tooLong.issues).toEqual([
        expect.objectContaining({ path: ['promisedDays'], rule: 'schema' }),
      ]);
      await call('PUT', '/drafts/bundle/YJSP001', {
        ...bundle,
        description: { ...bundle.description, zh: `${bundle.description.zh}（示例）` },
      });
      // Notice = materials: an item asking a paper in another form than its bundle-mate does.
      const catalogue = t.server.catalogues.current();
      const members = bundle.items.map((c) => catalogue.item(c) as ItemDefinition);
      const shared = members.flatMap((a, i) =>
        members
          .slice(i + 1)
          .flatMap((b) =>
            a.materials
              .filter((m) => b.materials.some((n) => n.material === m.material))
              .map((m) => ({ item: a, material: m.material })),
          ),
      )[0];
      expect(shared).toBeDefined();
      if (!shared) return;
      const item = shared.item;
      const changed = {
        ...item,
        materials: item.materials.map((m) =>
          m.material === shared.material
            ? { ...m, form: m.form === 'original' ? 'copy' : 'original' }
            : m,
        ),
      };
      const withItem = await readJson(await call('PUT', `/drafts/item/${item.code}`, changed));
      expect(withItem.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            draft: { kind: 'bundle', code: 'YJSP001' },
            path: ['items', expect.any(Number)],
            rule: 'noticeForm',
            problem: expect.stringContaining(item.code),
            refs: { material: shared.material, items: expect.arrayContaining([item.code]) },
          }),
        ]),
      );
      // Publishing refuses while any check fails, naming the issues.
      const refused = await call('POST', '/publish', {
        note: 'try',
        base: catalogue.version.id,
      });
      expect(refused.status).toBe(422);
      const body = await readJson(refused);
      expect(body.error.code).toBe('CATALOGUE_DRAFTS_INVALID');
      expect(body.error.details.issues.length).toBeGreaterThanOrEqual(2);
      expect(t.server.catalogues.current().version.id).toBe(catalogue.version.id);
      // A schema failure on an item's time limit points into the item's definition.
      const negative = await readJson(
        await call('PUT', `/drafts/item/${item.code}`, {
          ...item,
          timeLimit: { ...item.timeLimit, promisedDays: -1 },
        }),
      );
      expect(negative.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            draft: { kind: 'item', code: item.code },
            path: ['timeLimit', 'promisedDays'],
            rule: 'schema',
          }),
        ]),
      );
      expect((await call('DELETE', `/drafts/item/${item.code}`)).status).toBe(204);
      expect((await call('DELETE', '/drafts/bundle/YJSP001')).status).toBe(204);
      expect((await overview()).drafts).toEqual([]);
    },
  );

  it.skipIf(!!engine.skip)(
    'publishes a new version that new filings use; the old one stays for its cases and survives a restart',
    async () => {
      const before = await overview();
      const bundle: BundleDefinition = await live('bundles', 'YJSP001');
      const notice = {
        zh: '新版告知：出生医学证明签发后一次申请',
        en: 'New notice: one application',
      };
      const saved = await readJson(
        await call('PUT', '/drafts/bundle/YJSP001', {
          ...bundle,
          description: notice,
          promisedDays: bundle.promisedDays + 1,
        }),
      );
      expect(saved.issues).toEqual([]);
      const res = await call('POST', '/publish', { note: '缩短告知', base: before.current.id });
      expect(res.status).toBe(201);
      const { id } = await readJson(res);
      expect(id).not.toBe(before.current.id);
      const after = await overview();
      expect(after.current.id).toBe(id);
      expect(after.drafts).toEqual([]);
      expect(after.versions[0]).toMatchObject({
        id,
        current: true,
        note: '缩短告知',
        publishedByName: expect.any(String),
        changes: [{ kind: 'bundle', code: 'YJSP001' }],
      });
      expect(after.versions.find((v: any) => v.id === before.current.id)?.current).toBe(false);
      const registry = t.server.catalogues;
      expect(registry.current().bundle('YJSP001')?.description).toEqual(notice);
      expect(registry.get(before.current.id).bundle('YJSP001')?.description).toEqual(
        bundle.description,
      );
      const [audit] = await t.server.audit.list({ action: 'catalogue.publish', limit: 5 });
      expect(audit).toMatchObject({
        targetId: id,
        details: { base: before.current.id, drafts: ['bundle:YJSP001'] },
      });
      // The stored version passes the next start-up's checks and is still the current one.
      await t.close();
      await start();
      expect(t.server.catalogues.current().version.id).toBe(id);
      expect(t.server.catalogues.get(before.current.id).version.id).toBe(before.current.id);
    },
  );

  it.skipIf(!!engine.skip)(
    'lets one of two concurrent publishes through; the other and a stale one are told',
    async () => {
      const before = await overview();
      const bundle: BundleDefinition = await live('bundles', 'YJSP001');
      await call('PUT', '/drafts/bundle/YJSP001', { ...bundle, promisedDays: 3 });
      const both = await Promise.all(
        ['甲', '乙'].map((note) => call('POST', '/publish', { note, base: before.current.id })),
      );
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = both.find((r) => r.status === 409);
      expect((await readJson(loser as Response)).error.code).toBe('CATALOGUE_CHANGED');
      const after = await overview();
      expect(after.versions.length).toBe(before.versions.length + 1);
      // Nothing left to publish against the new base.
      const empty = await call('POST', '/publish', { note: '丙', base: after.current.id });
      expect((await readJson(empty)).error.code).toBe('CATALOGUE_NO_CHANGES');
    },
  );

  it.skipIf(!!engine.skip)(
    'refuses the security administrator and the auditor, and audits the refusals',
    async () => {
      const bundle = await live('bundles', 'YJSP001');
      const others = [
        await login(t.url, 'security', 'demo-security-2026'),
        await login(t.url, 'auditor', 'demo-auditor-2026'),
      ];
      for (const cookie of others) {
        expect((await call('GET', '', undefined, cookie)).status).toBe(403);
        const put = await call('PUT', '/drafts/bundle/YJSP001', bundle, cookie);
        expect(put.status).toBe(403);
        const pub = await call('POST', '/publish', { note: 'x', base: 'y' }, cookie);
        expect(pub.status).toBe(403);
      }
      expect((await overview()).drafts).toEqual([]);
      const refusals = await t.server.audit.list({ action: REFUSAL_ACTION, limit: 50 });
      const publishes = refusals.filter(
        (r) =>
          r.targetId?.includes('/api/admin/catalogue/publish') && r.details?.code === 'FORBIDDEN',
      );
      expect(publishes.length).toBe(2);
    },
  );
});
