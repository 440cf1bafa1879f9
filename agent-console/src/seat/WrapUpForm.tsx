import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from './booth-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { fill } from './format.ts';
import { DISPOSITION_LABEL, DISPOSITIONS, type Disposition, ENDED_BY } from './labels.ts';
import type { WrapUp } from './seat-state.ts';

/** After-call work: how the call ended for the citizen, and a note, recorded in the audit log. */
export function WrapUpForm({ wrapUp, onDone }: { wrapUp: WrapUp; onDone: () => void }) {
  const { t, lang } = useT();
  const [disposition, setDisposition] = useState<Disposition>(
    wrapUp.caseNumber ? 'caseAccepted' : 'resolved',
  );
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [wrapUp.ticketId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await boothRequest('call:wrapUp', { ticketId: wrapUp.ticketId, disposition, note });
      onDone();
    } catch (err) {
      setError(requestErrorText(err, lang));
      setBusy(false);
    }
  };

  const ended = ENDED_BY[wrapUp.endedBy];
  return (
    <section class="seat-card seat-wrapup" aria-labelledby="seat-wrapup-title">
      <h3 id="seat-wrapup-title" ref={heading} tabIndex={-1}>
        <span class="seat-icon" aria-hidden="true">
          ✎
        </span>{' '}
        {t('seat_wrapUpTitle')}
      </h3>
      <p>
        {ended ? t(ended) : t('seat_ended_unknown')}
        {wrapUp.caseNumber && (
          <>
            {' '}
            <strong>{fill(t('seat_caseNumber'), { caseNumber: wrapUp.caseNumber })}</strong>
          </>
        )}
      </p>
      <form onSubmit={submit} class="seat-subform">
        <label class="seat-field">
          {t('seat_disposition')}
          <select
            value={disposition}
            onChange={(e) => setDisposition(e.currentTarget.value as Disposition)}
          >
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {t(DISPOSITION_LABEL[d])}
              </option>
            ))}
          </select>
        </label>
        <label class="seat-field">
          {t('seat_note')}
          <textarea
            rows={3}
            maxLength={1000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        {error && <p role="alert">⚠ {error}</p>}
        <button type="submit" disabled={busy}>
          {t('seat_wrapUpSubmit')}
        </button>
      </form>
    </section>
  );
}
