import { maskIdNumber } from '@onething/contract/identity/id-number';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { PrintStatus } from '../ui/PrintStatus.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** Certificates issued on the spot (e.g. 无犯罪记录证明): choose → identify → confirm → print. */
export function InstantChooseScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const items = s.catalogue?.instantItems ?? [];
  return (
    <ScreenLayout
      name="instantChoose"
      title={t('instant.chooseTitle')}
      intro={t('instant.chooseIntro')}
    >
      {!s.catalogue && s.busy === 'catalogue' && (
        <Message tone="pending">{t('busy.loading')}</Message>
      )}
      {s.catalogue && items.length === 0 && <Message tone="info">{t('instant.none')}</Message>}
      <ul class="bundle-list">
        {items.map((i) => (
          <li key={i.code}>
            {/* named by all it shows: what is read out matches what is seen (WCAG 2.5.3) */}
            <button
              type="button"
              class="bundle-card"
              onClick={() => session.instant.chooseInstant(i.code)}
            >
              <span class="bundle-name" id={`inst-${i.code}-name`}>
                <Icon name="doc" /> {pick(s.lang, i.name)}
              </span>
              <span class="bundle-facts" id={`inst-${i.code}-facts`}>
                <span>{pick(s.lang, i.department)}</span>
                <span>{pick(s.lang, i.description)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </ScreenLayout>
  );
}

export function InstantConfirmScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const item = s.catalogue?.instantItems.find((i) => i.code === s.instant.itemCode);
  if (!item || !s.identity) return null;
  const card = s.identity.card;
  return (
    <ScreenLayout
      name="instantConfirm"
      title={t('instant.confirmTitle', { name: pick(s.lang, item.name) })}
      intro={t('instant.confirmIntro')}
      actions={
        <button
          type="button"
          class="btn btn-primary btn-large"
          disabled={!s.instant.confirmed || s.busy === 'instant'}
          aria-describedby={s.instant.confirmed ? undefined : 'instant-first'}
          onClick={() => void session.instant.issueInstant()}
        >
          <Icon name="printer" /> {s.busy === 'instant' ? t('busy.working') : t('instant.issue')}
        </button>
      }
    >
      <dl class="facts">
        <dt>{t('instant.issuedFor')}</dt>
        <dd>
          {card.name} · {maskIdNumber(card.idNumber)}
        </dd>
        <dt>{t('instant.issuer')}</dt>
        <dd>{pick(s.lang, item.department)}</dd>
      </dl>
      <p>{pick(s.lang, item.description)}</p>
      <label class="choice choice-wide">
        <input
          type="checkbox"
          checked={s.instant.confirmed}
          onChange={(e) => session.instant.confirmInstant(e.currentTarget.checked)}
        />
        <span>{t('instant.confirmCheck')}</span>
      </label>
      {!s.instant.confirmed && (
        <p class="note" id="instant-first">
          {t('instant.confirmFirst')}
        </p>
      )}
    </ScreenLayout>
  );
}

export function InstantPrintScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const r = s.instant.response;
  if (!r) return null;
  const job = s.instant.jobId ? s.printJobs[s.instant.jobId] : undefined;
  // the bridge refused the job (no A4 printer) or the printer gave up on it
  const notPrinted =
    job?.state === 'failed' || (!s.instant.jobId && s.problem?.source === 'bridge');
  return (
    <ScreenLayout
      name="instantPrint"
      title={t('instant.printTitle')}
      // how the printing is doing is said right below, as it changes
      intro={t('instant.issuedIntro')}
      actions={
        <>
          {(job?.state === 'failed' || !s.instant.jobId) && (
            <button
              type="button"
              class="btn btn-secondary"
              disabled={!s.bridgeConnected || s.busy === 'print'}
              onClick={() => void session.printing.printInstant()}
            >
              <Icon name="printer" /> {t('instant.reprint')}
            </button>
          )}
          <button type="button" class="btn btn-primary btn-large" onClick={() => session.wipe()}>
            <Icon name="exit" /> {t('nav.finish')}
          </button>
        </>
      }
    >
      <PrintStatus jobId={s.instant.jobId} />
      {job?.state === 'done' && <Message tone="success">{t('instant.done')}</Message>}
      {notPrinted && (
        <Message tone="warning">{t('instant.printUnavailable', { serial: r.serial })}</Message>
      )}
      <p class="strong">{t('instant.serial', { serial: r.serial })}</p>
      <p>{t('instant.verify')}</p>
    </ScreenLayout>
  );
}
