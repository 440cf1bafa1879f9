import type { RatingLevel } from '@onething/contract/rest/kiosk';
import { RatingRoutes } from '@onething/contract/rest/rating-routes';
import type { OwnRatingSummary } from '@onething/contract/rest/staff';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { levelKey } from '../follow-ups/FollowUpPage.tsx';
import { useT } from '../i18n/i18n.tsx';
import { fill } from '../seat/format.ts';
import './own-ratings.css';

const LEVELS: RatingLevel[] = [
  'very_satisfied',
  'satisfied',
  'basic',
  'unsatisfied',
  'very_unsatisfied',
];

/**
 * The agent's own 好差评 as counts per level only: no comment, case or time that could tell who
 * rated (the server sends nothing more).
 */
export function OwnRatings() {
  const { t, tError } = useT();
  const [summary, setSummary] = useState<OwnRatingSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    rest.call(RatingRoutes.mine, {}).then(setSummary, (e: unknown) => setError(e));
  }, []);
  return (
    <section class="seat-card" aria-labelledby="own-ratings-title">
      <h3 id="own-ratings-title">{t('super_own_title')}</h3>
      {error !== null && <p role="alert">⚠ {tError(error)}</p>}
      {summary &&
        (summary.count === 0 ? (
          <p>{t('super_own_none')}</p>
        ) : (
          <>
            <p>{fill(t('super_own_count'), { n: summary.count })}</p>
            <ul class="own-counts">
              {LEVELS.map((l) => (
                <li key={l}>
                  {t(levelKey(l))} <strong>{summary.counts[l] ?? 0}</strong>
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}
