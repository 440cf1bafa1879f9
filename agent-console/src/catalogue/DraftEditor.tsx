import type { BundleDefinition, ItemDefinition } from '@onething/contract/catalogue/schema';
import type {
  CatalogueAdminOverview,
  DraftIssue,
  DraftKind,
} from '@onething/contract/rest/catalogue-admin';
import { CatalogueAdminRoutes } from '@onething/contract/rest/catalogue-routes';
import { useEffect, useRef, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import { bundleFields } from './bundle-fields.tsx';
import { IssueClaims, issueText, placeIssues } from './draft-issues.ts';
import { DraftDiff } from './DraftDiff.tsx';
import { type FieldContext, setIn } from './form-fields.tsx';
import { itemFields } from './item-fields.tsx';

type Definition = Record<string, unknown>;

/**
 * One item or bundle as a draft in a form: starts from its saved draft or the live definition;
 * saving stores the draft and shows what the start-up checks say, each issue next to its field;
 * the diff against the live definition follows what is typed.
 */
export function DraftEditor({
  kind,
  code,
  overview,
  onClose,
  onSaved,
}: {
  kind: DraftKind;
  code: string;
  overview: CatalogueAdminOverview;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tError, lang } = useT();
  const [live, setLive] = useState<Definition | null>(null);
  const [value, setValue] = useState<Definition | null>(null);
  const [issues, setIssues] = useState<DraftIssue[]>(overview.issues);
  // Kept as what to say, not said: a language switch re-says it.
  const [notice, setNotice] = useState<{ issues: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // After a save with issues, the first marked field takes the focus (and comes into view).
  const [focusIssue, setFocusIssue] = useState(0);
  useEffect(() => {
    if (focusIssue) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusIssue]);
  useEffect(() => {
    const load =
      kind === 'item'
        ? rest.call(CatalogueAdminRoutes.item, { params: { code } }).then((r) => r.item)
        : rest.call(CatalogueAdminRoutes.bundle, { params: { code } }).then((r) => r.bundle);
    load
      .then((def: ItemDefinition | BundleDefinition) => {
        const draft = overview.drafts.find((d) => d.kind === kind && d.code === code);
        setLive(def as Definition);
        setValue(structuredClone((draft?.definition ?? def) as Definition));
      })
      .catch((e) => setError(tError(e)));
  }, [kind, code]);

  const name =
    (kind === 'item' ? overview.items : overview.bundles).find((x) => x.code === code)?.name ??
    ({ zh: code, en: code } as const);
  const title = fill(t('cat_editing'), { name: `${pick(lang, name)}（${code}）` });
  if (!value || !live) {
    return (
      <section aria-labelledby="editor-title" class="admin catalogue">
        <h2 id="editor-title">{title}</h2>
        {error ? <p role="alert">⚠ {error}</p> : <p>{t('loading')}</p>}
      </section>
    );
  }

  const { mine, elsewhere } = placeIssues(issues, kind, code, value);
  const ctx: FieldContext = {
    t,
    lang,
    claims: new IssueClaims(mine),
    value,
    set: (path, next) => setValue((v) => (v ? setIn(v, path, next) : v)),
  };
  const fields = kind === 'item' ? itemFields(ctx, overview) : bundleFields(ctx, overview);
  // Asked after the fields took theirs: what no field shows is listed above the form.
  const rest_ = ctx.claims.rest();

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const saved = await rest.call(CatalogueAdminRoutes.putDraft, {
        params: { kind, code },
        body: value,
      });
      setIssues(saved.issues);
      const n = placeIssues(saved.issues, kind, code, value).mine.length;
      setNotice({ issues: n });
      if (n) setFocusIssue((k) => k + 1);
      onSaved();
    } catch (err) {
      setError(tError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="editor-title" class="admin catalogue">
      <div class="title-row">
        <h2 id="editor-title">{title}</h2>
        <button type="button" class="secondary" onClick={onClose}>
          {t('cat_back')}
        </button>
      </div>
      <p class="hint">{fill(t('cat_editingFrom'), { id: overview.current.id })}</p>
      <p role="status" class="notice">
        {notice &&
          (notice.issues ? fill(t('cat_savedIssues'), { n: notice.issues }) : t('cat_saved'))}
      </p>
      {error && <p role="alert">⚠ {error}</p>}
      <form ref={form} class="draft-form" noValidate onSubmit={save}>
        {rest_.length > 0 && (
          <div class="panel field-error" role="alert">
            {rest_.map((i, n) => (
              <p key={n}>
                ⚠ <span class="code">{i.path.join('.')}</span> {issueText(i, lang, t)}
              </p>
            ))}
          </div>
        )}
        {fields}
        <p class="hint">{t(kind === 'item' ? 'cat_notEditable' : 'cat_notEditableBundle')}</p>
        <div class="buttons">
          <button type="submit" disabled={busy}>
            {t('cat_save')}
          </button>
        </div>
      </form>
      {elsewhere.length > 0 && (
        <section aria-labelledby="elsewhere-title" class="panel">
          <h3 id="elsewhere-title">{t('cat_otherIssues')}</h3>
          <ul class="plain">
            {elsewhere.map((i, n) => (
              <li key={n}>
                <span class="code">
                  {i.draft ? `${i.draft.code} ` : `${i.file} `}
                  {i.path.join('.')}
                </span>{' '}
                {issueText(i, lang, t)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <DraftDiff live={live} draft={value} overview={overview} />
    </section>
  );
}
