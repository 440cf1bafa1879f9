import type { CallContext } from '@onething/contract/events/booth';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from './booth-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { fill } from './format.ts';
import { STEP_LABEL } from './labels.ts';

/** What the server accepts as a reason (trimmed). */
const REASON_MIN = 2;
const REASON_MAX = 200;

/**
 * What the booth shares about the citizen: where they are, the 一件事 and how far they got, and
 * their identity masked. Revealing it asks for a reason, which the server writes to the audit log.
 */
export function ContextPanel({
  context,
  identity,
  canReveal,
  onRevealed,
}: {
  context: CallContext;
  identity: IdentityCardData | null;
  canReveal: boolean;
  onRevealed: (identity: IdentityCardData) => void;
}) {
  const { t, lang } = useT();
  const d = context.draft;
  const step = STEP_LABEL[d.step];
  return (
    <section class="seat-card" aria-labelledby="seat-context-title">
      <h3 id="seat-context-title">{t('seat_contextTitle')}</h3>
      <dl class="seat-facts">
        <div>
          <dt>{t('seat_col_site')}</dt>
          <dd>
            {context.terminal.site || context.terminal.id}
            <span class="seat-sub">
              {fill(t('seat_boothAndRegion'), {
                id: context.terminal.id,
                code: context.terminal.region,
              })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('seat_col_bundle')}</dt>
          <dd>{context.bundleName ? context.bundleName[lang] : t('seat_noBundle')}</dd>
        </div>
        <div>
          <dt>{t('seat_step')}</dt>
          <dd>{step ? t(step) : d.step}</dd>
        </div>
        <div>
          <dt>{t('seat_answered')}</dt>
          <dd>{fill(t('seat_answeredCount'), { n: d.answeredFields })}</dd>
        </div>
        <div>
          <dt>{t('seat_identity')}</dt>
          <dd data-testid="identity">
            {identity ? (
              <span>
                <strong>{identity.name}</strong> {identity.idNumber}
              </span>
            ) : d.identity ? (
              <span>
                <strong>{d.identity.name}</strong> {d.identity.idNumber}
                {!d.identity.revealed && <span class="seat-sub">{t('seat_identityMasked')}</span>}
              </span>
            ) : (
              t('seat_identityNone')
            )}
          </dd>
        </div>
        {context.participants.length > 0 && (
          <div>
            <dt>{t('seat_participants')}</dt>
            <dd>
              {context.participants
                .map((p) =>
                  fill(t(p.role === 'supervisor' ? 'seat_video_supervisor' : 'seat_video_agent'), {
                    name: p.name,
                  }),
                )
                .join(lang === 'zh' ? '、' : ', ')}
            </dd>
          </div>
        )}
      </dl>
      {identity && <FullIdentity identity={identity} />}
      {canReveal && d.identity && !identity && !d.identity.revealed && (
        <RevealIdentity ticketId={context.ticketId} onRevealed={onRevealed} />
      )}
    </section>
  );
}

function RevealIdentity({
  ticketId,
  onRevealed,
}: {
  ticketId: string;
  onRevealed: (identity: IdentityCardData) => void;
}) {
  const { t, lang } = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = reason.trim();
    if (r.length < REASON_MIN) {
      setProblem(t('seat_reasonTooShort'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onRevealed(await boothRequest('call:revealIdentity', { ticketId, reason: r }));
    } catch (err) {
      setProblem(requestErrorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        class="seat-secondary"
        aria-expanded="false"
        onClick={() => {
          setOpen(true);
          requestAnimationFrame(() => input.current?.focus());
        }}
      >
        {t('seat_reveal')}
      </button>
    );
  }
  return (
    <form class="seat-reveal" onSubmit={submit} aria-labelledby="seat-reveal-title" noValidate>
      <p id="seat-reveal-title" class="seat-strong">
        {t('seat_reveal')}
      </p>
      <p class="seat-audit-note">
        <span aria-hidden="true">ⓘ</span> {t('seat_revealAudited')}
      </p>
      <label class="seat-field">
        {t('seat_revealReason')}
        <input
          ref={input}
          value={reason}
          maxLength={REASON_MAX}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'seat-reveal-problem' : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      {problem && (
        <p id="seat-reveal-problem" role="alert">
          ⚠ {problem}
        </p>
      )}
      <div class="seat-row">
        <button type="submit" disabled={busy}>
          {t('seat_revealConfirm')}
        </button>
        <button type="button" class="seat-secondary" onClick={() => setOpen(false)}>
          {t('seat_cancel')}
        </button>
      </div>
    </form>
  );
}

/** The rest of the identity card (name and number are above), shown after an audited reveal. */
function FullIdentity({ identity }: { identity: IdentityCardData }) {
  const { t } = useT();
  return (
    <div class="seat-identity">
      <p class="seat-audit-note">
        <span aria-hidden="true">ⓘ</span> {t('seat_revealedNote')}
      </p>
      <dl class="seat-facts">
        <div>
          <dt>{t('seat_id_birth')}</dt>
          <dd>{identity.birthDate}</dd>
        </div>
        <div>
          <dt>{t('seat_id_address')}</dt>
          <dd>{identity.address}</dd>
        </div>
        <div>
          <dt>{t('seat_id_valid')}</dt>
          <dd>
            {identity.validFrom} – {identity.validTo}
          </dd>
        </div>
      </dl>
    </div>
  );
}
