import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from './booth-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { fill } from './format.ts';
import { AGENT_STATE } from './labels.ts';
import { unlockRing } from './ring.ts';
import { StateBadge } from './StateBadge.tsx';
import { type AgentSelf, canRequestState } from './seat-state.ts';

const CHOICES = ['available', 'break', 'offline'] as const;

/** The agent's own state: shown always (also on call, offered, wrap-up), switched by three buttons. */
export function StatusSwitch({
  self,
  onSelf,
}: {
  self: AgentSelf | null;
  onSelf: (s: AgentSelf) => void;
}) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (state: (typeof CHOICES)[number]) => {
    // A click is the gesture browsers need before the offer ring may sound.
    unlockRing();
    setBusy(true);
    setError(null);
    try {
      onSelf(await boothRequest('agent:setState', { state }));
    } catch (e) {
      setError(requestErrorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="seat-status" aria-labelledby="seat-status-title">
      <h3 id="seat-status-title">{t('seat_status')}</h3>
      <p class="seat-current" role="status">
        {self ? (
          <>
            <span>{t('seat_currentState')}</span> <StateBadge state={self.state} />{' '}
            <span class="seat-muted">{fill(t('seat_callsHandled'), { n: self.callsHandled })}</span>
          </>
        ) : (
          t('loading')
        )}
      </p>
      <fieldset class="seat-switch">
        <legend>{t('seat_setState')}</legend>
        {CHOICES.map((c) => {
          const s = AGENT_STATE[c];
          const current = self?.state === c;
          return (
            <button
              key={c}
              type="button"
              class={`seat-choice seat-tone-${s.tone}`}
              aria-pressed={current}
              disabled={busy || !canRequestState(self?.state, c)}
              onClick={() => choose(c)}
            >
              <span class="seat-icon" aria-hidden="true">
                {s.icon}
              </span>{' '}
              {t(s.label)}
            </button>
          );
        })}
      </fieldset>
      {self?.state === 'on_call' && <p class="seat-hint">{t('seat_stateLockedOnCall')}</p>}
      {error && <p role="alert">⚠ {error}</p>}
    </section>
  );
}
