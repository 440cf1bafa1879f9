import type { DraftIssue } from '@onething/contract/rest/catalogue-admin';
import type { Lang, StringKey } from '../i18n/strings.ts';
import { type IssueClaims, issueText } from './draft-issues.ts';

type Path = (string | number)[];

/**
 * What the editors' field helpers share. The helpers are plain functions called while the form
 * is built (not components), so every field has claimed its issues before the form lists the
 * ones no field showed.
 */
export interface FieldContext {
  t: (key: StringKey) => string;
  lang: Lang;
  claims: IssueClaims;
  /** The definition being edited. */
  value: Record<string, unknown>;
  set(path: Path, value: unknown): void;
}

export const idOf = (path: Path) => `f-${path.join('-')}`;

export function get(value: unknown, path: Path): unknown {
  let at = value;
  for (const p of path) at = (at as Record<string | number, unknown> | undefined)?.[p];
  return at;
}

/** A copy of `value` with `path` set; `undefined` removes the key (an emptied optional part). */
export function setIn(value: Record<string, unknown>, path: Path, next: unknown) {
  const copy = structuredClone(value);
  let at = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) {
    at[p] ??= typeof p === 'number' ? [] : {};
    at = at[p] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (next === undefined && !Array.isArray(at)) delete at[last];
  else at[last] = next;
  return copy;
}

/** The issues of a field, next to it; the id ties them to the inputs for screen readers. */
export function issueList(ctx: FieldContext, issues: DraftIssue[], id: string) {
  if (issues.length === 0) return null;
  return (
    <div id={id} class="field-error issue-list" role="alert">
      {issues.map((i, n) => (
        <p key={n}>⚠ {issueText(i, ctx.lang, ctx.t)}</p>
      ))}
    </div>
  );
}

function invalid(issues: DraftIssue[], errId: string) {
  return issues.length ? { 'aria-invalid': true as const, 'aria-describedby': errId } : {};
}

/** A bilingual text: a Chinese and an English input under one legend. */
export function localizedField(
  ctx: FieldContext,
  o: { label: string; path: Path; multiline?: boolean; optional?: boolean },
) {
  const issues = ctx.claims.at(o.path);
  const errId = `${idOf(o.path)}-err`;
  const text = (get(ctx.value, o.path) ?? {}) as { zh?: string; en?: string };
  const change = (lang: 'zh' | 'en', v: string) => {
    const next = { zh: text.zh ?? '', en: text.en ?? '', [lang]: v };
    // An optional text emptied in both languages is left out, not kept as two empty strings.
    ctx.set(o.path, o.optional && !next.zh && !next.en ? undefined : next);
  };
  const input = (lang: 'zh' | 'en') => {
    const props = {
      id: `${idOf(o.path)}-${lang}`,
      value: text[lang] ?? '',
      onInput: (e: Event) => change(lang, (e.currentTarget as HTMLInputElement).value),
      lang: lang === 'zh' ? 'zh-CN' : 'en',
      ...invalid(issues, errId),
    };
    return (
      <label>
        {ctx.t(lang === 'zh' ? 'cat_zh' : 'cat_en')}
        {o.multiline ? <textarea rows={3} {...props} /> : <input type="text" {...props} />}
      </label>
    );
  };
  return (
    <fieldset class="localized" key={idOf(o.path)}>
      <legend>{o.label}</legend>
      {input('zh')}
      {input('en')}
      {issueList(ctx, issues, errId)}
    </fieldset>
  );
}

/** A whole number; what the administrator typed goes to the checks as it is. */
export function numberField(
  ctx: FieldContext,
  o: { label: string; path: Path; min?: number; step?: number },
) {
  const issues = ctx.claims.at(o.path);
  const errId = `${idOf(o.path)}-err`;
  const value = get(ctx.value, o.path);
  return (
    <label class="number">
      {o.label}
      <input
        type="number"
        inputMode="numeric"
        min={o.min ?? 0}
        step={o.step ?? 1}
        value={value === undefined ? '' : String(value)}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          ctx.set(o.path, raw === '' ? '' : Number(raw));
        }}
        {...invalid(issues, errId)}
      />
      {issueList(ctx, issues, errId)}
    </label>
  );
}

/** A free text such as a condition; emptied, an optional one is left out. */
export function textField(ctx: FieldContext, o: { label: string; path: Path; optional?: boolean }) {
  const issues = ctx.claims.at(o.path);
  const errId = `${idOf(o.path)}-err`;
  const value = get(ctx.value, o.path);
  return (
    <label>
      {o.label}
      <input
        type="text"
        class="code"
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => {
          const v = e.currentTarget.value;
          ctx.set(o.path, o.optional && !v.trim() ? undefined : v);
        }}
        {...invalid(issues, errId)}
      />
      {issueList(ctx, issues, errId)}
    </label>
  );
}

export function selectField(
  ctx: FieldContext,
  o: {
    label: string;
    path: Path;
    options: { value: string; text: string }[];
    /** Issues shown elsewhere (a whole row's) that are about this choice, by their list's id. */
    about?: { issues: DraftIssue[]; id: string };
  },
) {
  const issues = ctx.claims.at(o.path);
  const errId = `${idOf(o.path)}-err`;
  const value = String(get(ctx.value, o.path) ?? '');
  const marked = issues.length
    ? invalid(issues, errId)
    : invalid(o.about?.issues ?? [], o.about?.id ?? '');
  return (
    <label>
      {o.label}
      <select value={value} onChange={(e) => ctx.set(o.path, e.currentTarget.value)} {...marked}>
        {o.options.map((opt) => (
          <option key={opt.value} value={opt.value}>
            {opt.text}
          </option>
        ))}
      </select>
      {issueList(ctx, issues, errId)}
    </label>
  );
}

/** A list of bilingual texts (process steps, acceptance conditions) with add and remove. */
export function localizedList(
  ctx: FieldContext,
  o: { label: string; path: Path; entry: StringKey; add: StringKey },
) {
  const list = (get(ctx.value, o.path) ?? []) as { zh: string; en: string }[];
  const own = ctx.claims.at(o.path, true);
  const errId = `${idOf(o.path)}-err`;
  const entryLabel = (n: number) => ctx.t(o.entry).replace('{n}', String(n + 1));
  return (
    <fieldset class="list" key={idOf(o.path)}>
      <legend>{o.label}</legend>
      {issueList(ctx, own, errId)}
      {list.map((_, i) => (
        <div class="list-row" key={i}>
          {localizedField(ctx, { label: entryLabel(i), path: [...o.path, i], multiline: true })}
          <button
            type="button"
            class="secondary"
            aria-label={ctx.t('cat_removeNamed').replace('{name}', entryLabel(i))}
            onClick={() =>
              ctx.set(
                o.path,
                list.filter((__, n) => n !== i),
              )
            }
          >
            {ctx.t('cat_remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => ctx.set(o.path, [...list, { zh: '', en: '' }])}
      >
        {ctx.t(o.add)}
      </button>
    </fieldset>
  );
}
