import { useEffect, useRef, useState } from 'preact/hooks';
import { findField } from '../flow/answers.ts';
import { fieldErrorText } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { FormField, fieldId } from './FormField.tsx';

/**
 * 一表申请: the merged form in sections. Elder mode shows one section at a time. The server
 * checks the answers; its errors are listed at the top (each with a button to the field) and
 * next to each field. Answers live in the flow store, so an error or a trip back loses nothing.
 */
export function FormScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const [part, setPart] = useState(0);
  const summary = useRef<HTMLHeadingElement>(null);
  const form = s.form;

  // after a check that found problems, start at the list of problems
  useEffect(() => {
    if (s.fieldErrors.length > 0) summary.current?.focus();
  }, [s.fieldErrors]);

  if (!form) {
    return (
      <ScreenLayout name="form" title={t('form.title')}>
        {s.busy === 'form' && <Message tone="pending">{t('busy.loading')}</Message>}
      </ScreenLayout>
    );
  }

  const sections = form.sections;
  const paged = s.elder && sections.length > 1;
  const current = Math.min(part, sections.length - 1);
  const shown = paged ? sections.slice(current, current + 1) : sections;
  const lastPart = !paged || current === sections.length - 1;

  const goToField = (key: string) => {
    const index = sections.findIndex((sec) => sec.fields.some((f) => f.key === key));
    if (paged && index >= 0) setPart(index);
    // after the section is on screen
    setTimeout(() => document.getElementById(fieldId(key))?.focus(), 0);
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
          {paged && current > 0 && (
            <button type="button" class="btn btn-secondary" onClick={() => setPart(current - 1)}>
              {t('form.prevPart')}
            </button>
          )}
          {lastPart ? (
            <button
              type="button"
              class="btn btn-primary btn-large"
              disabled={s.busy === 'validate'}
              onClick={() => void session.form.checkForm()}
            >
              {s.busy === 'validate' ? t('busy.working') : t('form.continue')}
            </button>
          ) : (
            <button
              type="button"
              class="btn btn-primary btn-large"
              onClick={() => setPart(current + 1)}
            >
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
                    <button type="button" class="btn btn-link" onClick={() => goToField(e.key)}>
                      {t('form.fixField', { label })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {paged && (
        <p class="status-line">{t('form.part', { n: current + 1, total: sections.length })}</p>
      )}
      {shown.map((section) => (
        <section key={section.id} class="form-section" aria-labelledby={`sec-${section.id}`}>
          <h2 id={`sec-${section.id}`}>{pick(s.lang, section.title)}</h2>
          {section.fields.map((f) => (
            <FormField
              key={f.key}
              field={f}
              value={s.answers[f.key]}
              error={s.fieldErrors.find((e) => e.key === f.key)}
              lang={s.lang}
              onChange={(v) => session.form.answer(f.key, v)}
            />
          ))}
        </section>
      ))}
    </ScreenLayout>
  );
}
