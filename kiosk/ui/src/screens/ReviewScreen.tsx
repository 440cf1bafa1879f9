import { maskIdNumber } from '@onething/contract/identity/id-number';
import { Fragment } from 'preact';
import { pick } from '../i18n/strings.ts';
import { problemMessage, useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { HoldToReveal } from '../ui/HoldToReveal.tsx';
import { displayValue, maskFor } from './FormField.tsx';
import { NotApplicableItems } from './NotApplicableItems.tsx';
import { OpenCaseNotice } from './OpenCaseNotice.tsx';
import { GuardianConsent } from './GuardianConsent.tsx';

/**
 * Everything that will be submitted, with a way back to each part. Submitting is safe to
 * repeat: the button waits while sending, and every retry carries the same idempotency key.
 */
export function ReviewScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const form = s.form;
  if (!form || !s.identity) return null;
  const sending = s.submitPhase === 'sending';
  const words = { yes: t('form.yes'), no: t('form.no'), empty: t('form.notAnswered') };
  const excluded = new Set(form.notApplicable.map((i) => i.code));
  const items = (s.notice?.items ?? []).filter(
    (i) => form.itemCodes.includes(i.code) && !excluded.has(i.code),
  );

  return (
    <ScreenLayout
      name="review"
      title={t('review.title')}
      intro={t('review.intro')}
      actions={
        <>
          <p class="declaration">{t('review.declaration')}</p>
          <button
            type="button"
            class="btn btn-primary btn-large"
            disabled={sending}
            aria-disabled={sending}
            onClick={() => void session.submission.submit()}
          >
            {sending
              ? t('review.submitting')
              : s.submitPhase === 'idle'
                ? t('review.submit')
                : t('nav.retry')}
          </button>
          {s.submitPhase === 'unreachable' && s.bridgeConnected && (
            <button
              type="button"
              class="btn btn-secondary btn-large"
              disabled={s.busy === 'queue'}
              onClick={() => void session.submission.queueSubmission()}
            >
              {t('review.queue')}
            </button>
          )}
        </>
      }
    >
      <GuardianConsent />
      {sending && <Message tone="pending">{t('review.submitting')}</Message>}
      {s.submitPhase === 'failed' && s.problem?.openCase && (
        <OpenCaseNotice open={s.problem.openCase} />
      )}
      {s.submitPhase === 'failed' && s.problem && !s.problem.openCase && (
        <Message tone="error">
          {problemMessage(s.lang, s.problem)} {t('review.failed')}
        </Message>
      )}
      {s.submitPhase === 'unreachable' && <Message tone="error">{t('review.unreachable')}</Message>}

      <section class="review-block" aria-labelledby="rv-bundle">
        <h2 id="rv-bundle">{t('review.bundle')}</h2>
        <p class="strong">{s.notice ? pick(s.lang, s.notice.bundle.name) : form.bundleCode}</p>
        <ul>
          {items.map((i) => (
            <li key={i.code}>
              <Icon name="check" /> {pick(s.lang, i.name)}
            </li>
          ))}
        </ul>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={sending}
          onClick={() => session.submission.reviewEdit('chooseItems')}
        >
          {t('review.changeItems')}
        </button>
      </section>

      <NotApplicableItems form={form} />

      <section class="review-block" aria-labelledby="rv-applicant">
        <h2 id="rv-applicant">{t('review.applicant')}</h2>
        <dl class="facts">
          <dt>{t('review.name')}</dt>
          <dd>{s.identity.card.name}</dd>
          <dt>{t('review.idNumber')}</dt>
          <dd>
            <HoldToReveal
              value={s.identity.card.idNumber}
              masked={maskIdNumber(s.identity.card.idNumber)}
              label={t('review.idNumber')}
            />
          </dd>
        </dl>
      </section>

      <section class="review-block" aria-labelledby="rv-answers">
        <h2 id="rv-answers">{t('review.answers')}</h2>
        {form.sections.map((sec) => {
          const fix = sec.fields.find((f) => f.editable);
          return (
            // folded to its title: the review fits the screen, each part one tap away
            <details key={sec.id} class="review-section">
              <summary>
                {t('form.review.section', {
                  title: pick(s.lang, sec.title),
                  count: sec.fields.length,
                })}
              </summary>
              <dl class="facts">
                {sec.fields.map((f) => {
                  const value = f.editable ? s.answers[f.key] : f.value;
                  const shown = displayValue(f, value, s.lang, words);
                  const masked = typeof value === 'string' && value ? maskFor(f, value) : null;
                  return (
                    <Fragment key={f.key}>
                      <dt>{pick(s.lang, f.label)}</dt>
                      <dd>
                        {masked ? (
                          <HoldToReveal
                            value={shown}
                            masked={masked}
                            label={pick(s.lang, f.label)}
                          />
                        ) : (
                          shown
                        )}
                        {f.source !== 'citizen' && (
                          <span class="source-badge">{t(`source.${f.source}`)}</span>
                        )}
                      </dd>
                    </Fragment>
                  );
                })}
              </dl>
              {fix && (
                <button
                  type="button"
                  class="btn btn-secondary"
                  disabled={sending}
                  onClick={() => session.submission.reviewEdit('form', fix.key)}
                >
                  {t('form.review.fix', { label: pick(s.lang, sec.title) })}
                </button>
              )}
            </details>
          );
        })}
        <button
          type="button"
          class="btn btn-secondary"
          disabled={sending}
          onClick={() => session.submission.reviewEdit('form')}
        >
          {t('review.changeForm')}
        </button>
      </section>

      <section class="review-block" aria-labelledby="rv-materials">
        <h2 id="rv-materials">{t('review.materials')}</h2>
        {form.materials.length === 0 ? (
          <p>{t('materials.none')}</p>
        ) : (
          <ul>
            {form.materials.map((m) => {
              const st = s.materials[m.id];
              const ok = m.attached || st?.state === 'captured';
              return (
                <li key={m.id}>
                  <Icon name={ok ? 'check' : 'info'} />{' '}
                  {t('review.materialState', {
                    name: pick(s.lang, m.name),
                    state: m.attached
                      ? t('materials.attached')
                      : st?.state === 'captured'
                        ? t('materials.captured')
                        : t('review.notProvided'),
                  })}
                </li>
              );
            })}
          </ul>
        )}
        <button
          type="button"
          class="btn btn-secondary"
          disabled={sending}
          onClick={() => session.submission.reviewEdit('materials')}
        >
          {t('review.changeMaterials')}
        </button>
      </section>
    </ScreenLayout>
  );
}
