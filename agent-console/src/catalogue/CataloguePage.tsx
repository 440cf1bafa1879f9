import type {
  CatalogueAdminOverview,
  CatalogueDraft,
  DraftKind,
} from '@onething/contract/rest/catalogue-admin';
import { CatalogueAdminRoutes } from '@onething/contract/rest/catalogue-routes';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import { issueText, placeIssues } from './draft-issues.ts';
import { DraftEditor } from './DraftEditor.tsx';
import '../admin/admin.css';
import './catalogue.css';

/**
 * The catalogue for the system administrator: pick an item or bundle to edit as a draft, the
 * drafts with what the start-up checks say of them, publishing (a new version new cases use),
 * and every published version with the cases that keep it.
 */
export function CataloguePage() {
  const { t, tError } = useT();
  const [overview, setOverview] = useState<CatalogueAdminOverview | null>(null);
  const [editing, setEditing] = useState<{ kind: DraftKind; code: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The version just published, said in the reader's language at each render.
  const [published, setPublished] = useState<string | null>(null);
  const load = () =>
    rest
      .call(CatalogueAdminRoutes.overview, {})
      .then(setOverview)
      .catch((e) => setError(tError(e)));
  useEffect(() => {
    void load();
  }, []);

  if (!overview) {
    return (
      <section aria-labelledby="catalogue-title" class="admin catalogue">
        <h2 id="catalogue-title">{t('cat_title')}</h2>
        {error ? <p role="alert">⚠ {error}</p> : <p>{t('loading')}</p>}
      </section>
    );
  }
  if (editing) {
    return (
      <DraftEditor
        key={`${editing.kind}-${editing.code}`}
        {...editing}
        overview={overview}
        onClose={() => {
          setEditing(null);
          setPublished(null);
          void load();
        }}
        onSaved={() => void load()}
      />
    );
  }
  return (
    <section aria-labelledby="catalogue-title" class="admin catalogue">
      <h2 id="catalogue-title">{t('cat_title')}</h2>
      <p>{fill(t('cat_current'), { id: overview.current.id })}</p>
      <p role="status" class="notice">
        {published && fill(t('cat_published'), { id: published })}
      </p>
      {error && <p role="alert">⚠ {error}</p>}
      <Picker overview={overview} onEdit={setEditing} />
      <Drafts
        overview={overview}
        onEdit={setEditing}
        onChanged={(id) => {
          setPublished(id);
          setError(null);
          void load();
        }}
        onError={setError}
      />
      <Versions overview={overview} />
    </section>
  );
}

function Picker({
  overview,
  onEdit,
}: {
  overview: CatalogueAdminOverview;
  onEdit: (e: { kind: DraftKind; code: string }) => void;
}) {
  const { t, lang } = useT();
  const [bundle, setBundle] = useState(overview.bundles[0]?.code ?? '');
  const [item, setItem] = useState(overview.items[0]?.code ?? '');
  const pickOne = (kind: DraftKind, code: string, setCode: (c: string) => void) => {
    const list = kind === 'item' ? overview.items : overview.bundles;
    return (
      <div class="pick">
        <label>
          {t(kind === 'item' ? 'cat_pickItem' : 'cat_pickBundle')}
          <select value={code} onChange={(e) => setCode(e.currentTarget.value)}>
            {list.map((x) => (
              <option key={x.code} value={x.code}>
                {pick(lang, x.name)}（{x.code}）
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => onEdit({ kind, code })}>
          {t(kind === 'item' ? 'cat_pickItem' : 'cat_pickBundle')} · {t('cat_open')}
        </button>
      </div>
    );
  };
  return (
    <section aria-labelledby="pick-title" class="panel">
      <h3 id="pick-title">{t('cat_edit')}</h3>
      <p class="hint">{t('cat_editHint')}</p>
      <div class="picks">
        {pickOne('bundle', bundle, setBundle)}
        {pickOne('item', item, setItem)}
      </div>
    </section>
  );
}

function Drafts({
  overview,
  onEdit,
  onChanged,
  onError,
}: {
  overview: CatalogueAdminOverview;
  onEdit: (e: { kind: DraftKind; code: string }) => void;
  /** Called with the new version's id after a publish, null after a discard. */
  onChanged: (published: string | null) => void;
  onError: (message: string) => void;
}) {
  const { t, tError, lang } = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const nameOf = (d: CatalogueDraft) => {
    const list = d.kind === 'item' ? overview.items : overview.bundles;
    const named = list.find((x) => x.code === d.code);
    return named ? pick(lang, named.name) : d.code;
  };
  const placed = overview.drafts.map((d) => ({
    d,
    ...placeIssues(overview.issues, d.kind, d.code, d.definition as Record<string, unknown>),
  }));
  const issuesOf = (d: CatalogueDraft) => placed.find((p) => p.d === d)?.mine.length ?? 0;
  // Issues no draft's editor shows (in a file no draft replaces, about no drafted item).
  const unplaced = overview.issues.filter((i) => placed.every((p) => p.elsewhere.includes(i)));
  const blocked = overview.issues.length > 0;
  const discard = async (d: CatalogueDraft) => {
    if (!window.confirm(fill(t('cat_discardConfirm'), { name: nameOf(d) }))) return;
    try {
      await rest.call(CatalogueAdminRoutes.deleteDraft, {
        params: { kind: d.kind, code: d.code },
      });
      onChanged(null);
    } catch (e) {
      onError(tError(e));
    }
  };
  const publish = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { id } = await rest.call(CatalogueAdminRoutes.publish, {
        body: { note, base: overview.current.id },
      });
      setNote('');
      onChanged(id);
    } catch (err) {
      onError(tError(err));
    } finally {
      setBusy(false);
    }
  };
  const when = (at: number) =>
    new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  return (
    <section aria-labelledby="drafts-title" class="panel">
      <h3 id="drafts-title">{t('cat_drafts')}</h3>
      {overview.drafts.length === 0 ? (
        <p>{t('cat_noDrafts')}</p>
      ) : (
        <>
          <ul class="drafts plain">
            {overview.drafts.map((d) => {
              const n = issuesOf(d);
              return (
                <li key={`${d.kind}-${d.code}`} data-draft={d.code}>
                  <span class="badge">
                    {t(d.kind === 'item' ? 'cat_kind_item' : 'cat_kind_bundle')}
                  </span>{' '}
                  <strong>{nameOf(d)}</strong> <span class="code">{d.code}</span> ·{' '}
                  {fill(t('cat_updated'), { at: when(d.updatedAt) })} ·{' '}
                  <span class={n ? 'state-bad' : 'state-ok'}>
                    {n ? `⚠ ${fill(t('cat_draftIssues'), { n })}` : `✓ ${t('cat_draftOk')}`}
                  </span>{' '}
                  <button type="button" onClick={() => onEdit({ kind: d.kind, code: d.code })}>
                    {fill(t('cat_openNamed'), { name: nameOf(d) })}
                  </button>{' '}
                  <button type="button" class="secondary" onClick={() => void discard(d)}>
                    {t('cat_discard')}
                  </button>
                </li>
              );
            })}
          </ul>
          <form class="publish" onSubmit={publish}>
            <label>
              {t('cat_publishNote')}
              <input
                type="text"
                value={note}
                required
                maxLength={500}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            </label>
            <button
              type="submit"
              disabled={busy || blocked}
              aria-describedby={blocked ? 'publish-blocked' : undefined}
            >
              {t('cat_publish')}
            </button>
            {blocked && (
              <div id="publish-blocked" class="field-error">
                <p>⚠ {t('cat_publishBlocked')}</p>
                {unplaced.map((i, n) => (
                  <p key={n}>
                    <span class="code">
                      {i.file} {i.path.join('.')}
                    </span>{' '}
                    {issueText(i, lang, t)}
                  </p>
                ))}
              </div>
            )}
          </form>
        </>
      )}
    </section>
  );
}

function Versions({ overview }: { overview: CatalogueAdminOverview }) {
  const { t, lang } = useT();
  const nameOf = (o: CatalogueAdminOverview, kind: DraftKind, code: string) => {
    const named = (kind === 'item' ? o.items : o.bundles).find((x) => x.code === code);
    return named ? pick(lang, named.name) : code;
  };
  const when = (at: number) =>
    new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  return (
    <section aria-labelledby="versions-title" class="panel">
      <h3 id="versions-title">{t('cat_versions')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('cat_version')}</th>
            <th scope="col">{t('cat_publishedAt')}</th>
            <th scope="col">{t('cat_publishedBy')}</th>
            <th scope="col">{t('cat_note')}</th>
            <th scope="col">{t('cat_changes')}</th>
            <th scope="col">{t('cat_cases')}</th>
            <th scope="col">{t('admin_acc_status')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.versions.map((v) => (
            <tr key={v.id} data-version={v.id}>
              <td class="code">{v.id}</td>
              <td>{when(v.publishedAt)}</td>
              <td>{v.publishedBy ? (v.publishedByName ?? v.publishedBy) : t('cat_shipped')}</td>
              <td>{v.publishedBy ? v.note : '—'}</td>
              <td>
                {v.changes.length
                  ? v.changes.map((c) => nameOf(overview, c.kind, c.code)).join('、')
                  : '—'}
              </td>
              <td>{v.cases}</td>
              <td>
                <span class={`badge ${v.current ? 'state-ok' : ''}`}>
                  {t(v.current ? 'cat_isCurrent' : 'cat_isPast')}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
