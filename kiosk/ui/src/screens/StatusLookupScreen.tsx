import { useEffect } from 'preact/hooks';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** Case number (typed or from the receipt QR) plus the ID number's last 4 as second factor. */
export function StatusLookupScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const st = s.status;
  // the server does not say which of the two is wrong (that would list which cases exist), so
  // a refusal marks both boxes
  const refused = st.refused !== null;
  const bad = (f: 'caseNumber' | 'idLast4') => st.invalid.includes(f) || refused;
  const errorIds = (f: 'caseNumber' | 'idLast4', own: string) =>
    [st.invalid.includes(f) ? own : null, refused ? 'status-refused' : null]
      .filter(Boolean)
      .join(' ');
  // after a refused check, start where the first fix is needed
  useEffect(() => {
    // the last 4 first: the case number has a check digit, so a typo there is caught before
    const first = st.invalid[0] ?? (refused ? 'idLast4' : null);
    if (first)
      document.getElementById(first === 'caseNumber' ? 'status-case' : 'status-last4')?.focus();
  }, [st.invalid, st.refused]);
  return (
    <ScreenLayout
      name="statusLookup"
      title={t('status.title')}
      intro={t('status.intro')}
      actions={
        <button
          type="submit"
          form="status-form"
          class="btn btn-primary btn-large"
          disabled={s.busy === 'lookup'}
        >
          <Icon name="search" /> {s.busy === 'lookup' ? t('busy.working') : t('status.search')}
        </button>
      }
    >
      {st.scan === 'fromReceipt' && <Message tone="success">{t('status.scanned')}</Message>}
      {st.scan === 'notOurs' && <Message tone="warning">{t('status.qrNotOurs')}</Message>}
      {st.refused && (
        <Message tone="warning" id="status-refused">
          {t(`status.refused.${st.refused}`)}
        </Message>
      )}
      <form
        id="status-form"
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void session.status.lookupStatus();
        }}
      >
        <div class={`field${bad('caseNumber') ? ' has-error' : ''}`}>
          <label class="field-label" for="status-case">
            {t('status.caseNumber')}
          </label>
          <input
            id="status-case"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            value={st.caseNumber}
            aria-invalid={bad('caseNumber') || undefined}
            aria-describedby={errorIds('caseNumber', 'status-case-error') || undefined}
            onInput={(e) => session.status.statusInput({ caseNumber: e.currentTarget.value })}
          />
          {st.invalid.includes('caseNumber') && (
            <p class="field-error" id="status-case-error">
              <Icon name="warning" /> {t('status.invalid.caseNumber')}
            </p>
          )}
        </div>
        <div class={`field${bad('idLast4') ? ' has-error' : ''}`}>
          <label class="field-label" for="status-last4">
            {t('status.idLast4')}
          </label>
          <input
            id="status-last4"
            type="text"
            inputMode="text"
            data-pad="id-number"
            autoComplete="off"
            maxLength={4}
            class="input-short"
            value={st.idLast4}
            aria-invalid={bad('idLast4') || undefined}
            aria-describedby={`status-last4-hint ${errorIds('idLast4', 'status-last4-error')}`.trim()}
            onInput={(e) => session.status.statusInput({ idLast4: e.currentTarget.value })}
          />
          <p class="field-hint" id="status-last4-hint">
            {t('status.idLast4Hint')}
          </p>
          {st.invalid.includes('idLast4') && (
            <p class="field-error" id="status-last4-error">
              <Icon name="warning" /> {t('status.invalid.idLast4')}
            </p>
          )}
        </div>
      </form>
    </ScreenLayout>
  );
}
