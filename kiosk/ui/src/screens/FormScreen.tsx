import type { FormFieldView } from '@onething/contract/rest/kiosk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { findField } from '../flow/answers.ts';
import { formPages, pageOf, pageProblems } from '../flow/form-pages.ts';
import { fieldErrorText } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { FormField, fieldId } from './FormField.tsx';

/** Prefilled values shown as they are up to this many on a page; more are folded. */
const FOLD_AFTER = 3;

/**
 * 一表申请: the merged form, one section per page so no page scrolls past its button.
 * Conditional fields appear once their condition holds. Elder mode skips sections with
 * nothing to fill and checks each part (with the server's rules) before the next. The server
 * checks the whole form at the end; its errors are listed (each with a button to the field's
 * page) and shown next to each field. Answers live in the flow store, so nothing is lost.
 */
export function FormScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const form = s.form;
  const pages = form ? formPages(form, s.answers, s.elder) : [];
  const [part, setPart] = useState(() =>
    s.formFocus ? Math.max(0, pageOf(pages, s.formFocus)) : 0,
  );
  const summary = useRef<HTMLHeadingElement>(null);
  const current = Math.min(part, Math.max(0, pages.length - 1));

  const focusField = (key: string) => {
    const index = pageOf(pages, key);
    if (index >= 0) setPart(index);
    // after the page is on screen
    setTimeout(() => document.getElementById(fieldId(key))?.focus(), 0);
  };

  // opened from the review to fix one answer: straight to it
  useEffect(() => {
    if (s.formFocus) focusField(s.formFocus);
  }, [form !== null]);

  // after a check that found problems: the first one's page, and the list of problems
  useEffect(() => {
    const first = s.fieldErrors[0];
    if (!first) return;
    const index = pageOf(pages, first.key);
    if (index >= 0 && !s.fieldErrors.some((e) => pageOf(pages, e.key) === current)) setPart(index);
    setTimeout(() => summary.current?.focus(), 0);
  }, [s.fieldErrors]);

  if (!form) {
    return (
      <ScreenLayout name="form" title={t('form.title')}>
        {s.busy === 'form' && <Message tone="pending">{t('busy.loading')}</Message>}
      </ScreenLayout>
    );
  }

  const page = pages[current];
  const lastPart = current >= pages.length - 1;
  const locked = page?.fields.filter((f) => !f.editable) ?? [];
  // many prefilled values beside something to fill: folded, so the page fits and they stay a tap away
  const folded =
    locked.length > FOLD_AFTER && locked.length < (page?.fields.length ?? 0) ? locked : [];
  const field = (f: FormFieldView) => (
    <FormField
      key={f.key}
      field={f}
      value={s.answers[f.key]}
      error={s.fieldErrors.find((e) => e.key === f.key)}
      lang={s.lang}
      onChange={(v) => session.form.answer(f.key, v)}
    />
  );
  const next = () => {
    if (page && s.elder && !session.form.partChecked(pageProblems(page, s.answers))) return;
    setPart(current + 1);
    window.scrollTo(0, 0);
  };

  return (
    <ScreenLayout
      name="form"
      title={t('form.title')}
      intro={t('form.intro', {
        separate: form.stats.separateFields,
        merged: form.stats.mergedFields,
        toType: form.stats.toType,
      })}
      actions={
        <>
          {current > 0 && (
            <button type="button" class="btn btn-secondary" onClick={() => setPart(current - 1)}>
              {t('form.prevPart')}
            </button>
          )}
          {lastPart ? (
            <button
              type="button"
              class="btn btn-primary btn-large"
              disabled={s.busy === 'validate'}
              onClick={() => {
                if (page && s.elder && !session.form.partChecked(pageProblems(page, s.answers))) {
                  return;
                }
                void session.form.checkForm();
              }}
            >
              {s.busy === 'validate' ? t('busy.working') : t('form.continue')}
            </button>
          ) : (
            <button type="button" class="btn btn-primary btn-large" onClick={next}>
              {t('form.nextPart')}
            </button>
          )}
        </>
      }
    >
      {s.fieldErrors.length > 0 && (
        <section class="error-summary" aria-labelledby="form-errors-h">
          <h2 id="form-errors-h" ref={summary} tabIndex={-1}>
            <Icon name="warning" /> {t('form.errorsTitle', { count: s.fieldErrors.length })}
          </h2>
          <ul>
            {s.fieldErrors.map((e) => {
              const field = findField(form, e.key);
              const label = field ? pick(s.lang, field.label) : e.key;
              return (
                <li key={`${e.key}-${e.rule}`}>
                  <span>
                    {field
                      ? fieldErrorText(label, pick(s.lang, e.message), t)
                      : t('form.otherError', { message: pick(s.lang, e.message) })}
                  </span>
                  {field && (
                    <button type="button" class="btn btn-link" onClick={() => focusField(e.key)}>
                      {t('form.fixField', { label })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {pages.length > 1 && (
        <p class="status-line">{t('form.part', { n: current + 1, total: pages.length })}</p>
      )}
      {page && (
        <section key={page.id} class="form-section" aria-labelledby={`sec-${page.id}`}>
          <h2 id={`sec-${page.id}`}>{pick(s.lang, page.title)}</h2>
          {folded.length > 0 && (
            <details class="review-section prefilled">
              <summary>{t('form.prefilled', { count: folded.length })}</summary>
              {folded.map(field)}
            </details>
          )}
          {page.fields.filter((f) => !folded.includes(f)).map(field)}
        </section>
      )}
    </ScreenLayout>
  );
}
