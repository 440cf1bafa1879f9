import type { OfferView } from '@onething/contract/sockets/booth';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { fill, formatDuration, secondsLeft } from './format.ts';
import { PriorityWord } from './QueuePanel.tsx';
import { ringOnce } from './ring.ts';
import { pick } from '../i18n/strings.ts';

/** Rings again every few seconds until answered: one ring is easy to miss with a headset off. */
const RING_EVERY_MS = 4000;

/**
 * An offered ticket: who is asking (no personal data), a countdown to the offer's deadline, and
 * two large buttons. Focus moves to Accept when it appears, so Enter or Space answers.
 */
export function OfferPanel({
  offer,
  now,
  busy,
  error,
  onAccept,
  onReject,
}: {
  offer: OfferView;
  now: number;
  busy: boolean;
  error: string | null;
  onAccept: () => void;
  onReject: () => void;
}) {
  const { t, lang } = useT();
  const accept = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    accept.current?.focus();
    ringOnce();
    const timer = setInterval(ringOnce, RING_EVERY_MS);
    return () => clearInterval(timer);
  }, [offer.offerId]);

  // `now` re-renders every second; the clock is read here so that the first render, which can
  // come just before the next tick, does not count from a stale time.
  const left = secondsLeft(offer.expiresAt, Math.max(now, Date.now()));
  return (
    <section class="seat-offer" aria-labelledby="seat-offer-title" data-testid="offer">
      <div class="seat-offer-head">
        <h3 id="seat-offer-title">
          <span class="seat-icon" aria-hidden="true">
            ☎
          </span>{' '}
          {t('seat_offerTitle')}
        </h3>
        <p class="seat-countdown" role="timer" aria-label={t('seat_countdownLabel')}>
          <strong>{left}</strong> {t('seat_secondsLeft')}
        </p>
      </div>
      <dl class="seat-facts seat-offer-facts">
        <div>
          <dt>{t('seat_col_priority')}</dt>
          <dd>
            <PriorityWord priority={offer.priority} />
          </dd>
        </div>
        <div>
          <dt>{t('seat_col_bundle')}</dt>
          <dd>{offer.bundleName ? pick(lang, offer.bundleName) : t('seat_generalHelp')}</dd>
        </div>
        <div>
          <dt>{t('seat_col_site')}</dt>
          <dd>
            {offer.terminal.site || offer.terminal.id}{' '}
            <span class="seat-muted">
              {fill(t('seat_regionCode'), { code: offer.terminal.region })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('seat_language')}</dt>
          <dd>{languageName(offer.language)}</dd>
        </div>
        <div>
          <dt>{t('seat_col_waited')}</dt>
          <dd>{formatDuration(offer.waitedSeconds, lang)}</dd>
        </div>
      </dl>
      <div class="seat-offer-actions">
        <button
          type="button"
          ref={accept}
          class="seat-big seat-accept"
          disabled={busy}
          onClick={onAccept}
        >
          <span aria-hidden="true">✔</span> {t('seat_accept')}
        </button>
        <button type="button" class="seat-big seat-reject" disabled={busy} onClick={onReject}>
          <span aria-hidden="true">✖</span> {t('seat_reject')}
        </button>
      </div>
      {error && <p role="alert">⚠ {error}</p>}
    </section>
  );
}

/** A BCP 47 tag as its own name, as the citizen would say it. */
function languageName(tag: string): string {
  if (tag.startsWith('zh')) return '中文';
  if (tag.startsWith('en')) return 'English';
  return tag;
}
