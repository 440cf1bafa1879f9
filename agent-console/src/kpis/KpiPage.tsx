import type { RatingLevel } from '@onething/contract/rest/kiosk';
import { KPI_CSV_PATH, type KpiReport, KpiRoutes } from '@onething/contract/rest/kpi';
import { useEffect, useRef, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { channelText } from '../follow-ups/channel-text.ts';
import { levelKey } from '../follow-ups/FollowUpPage.tsx';
import { formatWhen } from '../follow-ups/follow-up-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { onReconnect, onStaff } from '../realtime/staff-socket.ts';
import { fill, formatPercent } from '../seat/format.ts';
import '../seat/seat.css';
import { bundleTable, formatHandling, ratingShares } from './kpi-view.ts';
import './kpis.css';

const LEVELS: RatingLevel[] = [
  'very_satisfied',
  'satisfied',
  'basic',
  'unsatisfied',
  'very_unsatisfied',
];

/**
 * 一件事 KPIs of the last 30 days, computed by the server. Reloads when the server says cases
 * moved (kpi:changed) and at the configured interval; the wallboard shows the same figures
 * full-screen in large type for a wall display.
 */
export function KpiPage() {
  const { t, tError, lang } = useT();
  const [report, setReport] = useState<KpiReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [wall, setWall] = useState(false);
  const wallRef = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let active = true;
    const load = () =>
      rest.call(KpiRoutes.report, { query: {} }).then(
        (r) => {
          if (!active) return;
          setReport(r);
          setError(null);
        },
        (e: unknown) => active && setError(e),
      );
    void load();
    const offs = [onStaff('kpi:changed', () => void load()), onReconnect(load)];
    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, []);
  // The configured interval, once the first report says what it is.
  const refreshSeconds = report?.refreshSeconds;
  useEffect(() => {
    if (!refreshSeconds) return;
    const timer = setInterval(
      () => rest.call(KpiRoutes.report, { query: {} }).then(setReport, (e: unknown) => setError(e)),
      refreshSeconds * 1000,
    );
    return () => clearInterval(timer);
  }, [refreshSeconds]);
  useEffect(() => {
    if (wall) wallRef.current?.focus();
    else toggle.current?.focus();
  }, [wall]);
  useEffect(() => {
    if (!wall) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setWall(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [wall]);

  const body = report && <KpiFigures report={report} />;
  return (
    <section class="seat kpi" aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('super_kpi_title')}</h2>
      <div class="seat-row kpi-bar">
        <span>{t('super_kpi_period')}</span>
        {report && (
          <span class="kpi-updated">
            {fill(t('super_kpi_updated'), { when: formatWhen(report.generatedAt, lang) })}
          </span>
        )}
        <button type="button" ref={toggle} onClick={() => setWall(true)} disabled={!report}>
          {t('super_kpi_wallboard')}
        </button>
        <a class="kpi-export" href={KPI_CSV_PATH} download>
          {t('super_kpi_export')}
        </a>
      </div>
      {error !== null && <p role="alert">⚠ {tError(error)}</p>}
      {!report && error === null && <p>{t('loading')}</p>}
      {wall && report ? (
        <div
          class="kpi-wall"
          role="dialog"
          aria-modal="true"
          aria-labelledby="kpi-wall-title"
          tabIndex={-1}
          ref={wallRef}
        >
          <div class="kpi-wall-head">
            <h2 id="kpi-wall-title">{t('super_kpi_title')}</h2>
            <span>
              {fill(t('super_kpi_updated'), { when: formatWhen(report.generatedAt, lang) })}
            </span>
            <button type="button" onClick={() => setWall(false)}>
              {t('super_kpi_exitWallboard')}
            </button>
          </div>
          {body}
        </div>
      ) : (
        body
      )}
    </section>
  );
}

/** The figures, on the page and on the wallboard alike. */
function KpiFigures({ report: r }: { report: KpiReport }) {
  const { t, lang } = useT();
  const table = bundleTable(r.casesByBundle);
  const shares = ratingShares(r.ratings);
  const none = t('super_kpi_noData');
  return (
    <div class="kpi-figures">
      <ul class="kpi-tiles" aria-label={t('super_kpi_title')}>
        <li>
          <span>{t('super_kpi_cases')}</span>
          <strong>{table.total}</strong>
        </li>
        <li>
          <span>{t('super_kpi_avgHandling')}</span>
          <strong>{formatHandling(r.handling.averageMs, lang) ?? none}</strong>
          <small>{fill(t('super_kpi_ofFinished'), { n: r.handling.finished })}</small>
        </li>
        <li>
          <span>{t('super_kpi_p90Handling')}</span>
          <strong>{formatHandling(r.handling.p90Ms, lang) ?? none}</strong>
        </li>
        <li>
          <span>{t('super_kpi_oneVisit')}</span>
          <strong>{formatPercent(r.oneVisit.rate) ?? none}</strong>
          <small>{fill(t('super_kpi_ofFinished'), { n: r.oneVisit.finished })}</small>
        </li>
      </ul>
      <div class="kpi-grid">
        <section aria-labelledby="kpi-bundles-title">
          <h3 id="kpi-bundles-title">{t('super_kpi_casesByBundle')}</h3>
          {table.bundles.length === 0 ? (
            <p>{t('super_kpi_noCases')}</p>
          ) : (
            <table class="seat-table kpi-table" aria-labelledby="kpi-bundles-title">
              <thead>
                <tr>
                  <th scope="col">{t('super_kpi_col_bundle')}</th>
                  {table.channels.map((c) => (
                    <th scope="col" key={c} class="kpi-num">
                      {channelText(c, t)}
                    </th>
                  ))}
                  <th scope="col" class="kpi-num">
                    {t('super_kpi_col_cases')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.bundles.map((b) => (
                  <tr key={b.bundleCode}>
                    <th scope="row">{pick(lang, b.bundleName)}</th>
                    {b.byChannel.map((n, i) => (
                      <td key={table.channels[i]} class="kpi-num">
                        {n}
                      </td>
                    ))}
                    <td class="kpi-num">
                      <strong>{b.total}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="kpi-ontime-title">
          <h3 id="kpi-ontime-title">{t('super_kpi_onTime')}</h3>
          {r.onTimeByDepartment.length === 0 ? (
            <p>{t('super_kpi_noCases')}</p>
          ) : (
            <table class="seat-table kpi-table" aria-labelledby="kpi-ontime-title">
              <thead>
                <tr>
                  <th scope="col">{t('super_kpi_col_department')}</th>
                  <th scope="col" class="kpi-num">
                    {t('super_kpi_col_finished')}
                  </th>
                  <th scope="col" class="kpi-num">
                    {t('super_kpi_col_onTime')}
                  </th>
                  <th scope="col" class="kpi-num">
                    {t('super_kpi_col_openOverdue')}
                  </th>
                  <th scope="col" class="kpi-num">
                    {t('super_kpi_col_rate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.onTimeByDepartment.map((d) => (
                  <tr key={d.department}>
                    <th scope="row">{pick(lang, d.departmentName)}</th>
                    <td class="kpi-num">{d.finished}</td>
                    <td class="kpi-num">{d.onTime}</td>
                    <td class={d.openOverdue ? 'kpi-num kpi-bad' : 'kpi-num'}>{d.openOverdue}</td>
                    <td class="kpi-num">
                      <strong>{formatPercent(d.rate) ?? none}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="kpi-ratings-title">
          <h3 id="kpi-ratings-title">{t('super_kpi_ratings')}</h3>
          <ul class="kpi-bars">
            {LEVELS.map((level) => (
              <li key={level}>
                <span>{t(levelKey(level))}</span>
                <span class="kpi-bar-track" aria-hidden="true">
                  <span
                    class={`kpi-bar-fill kpi-level-${level}`}
                    style={{ width: `${Math.round((shares[level] ?? 0) * 100)}%` }}
                  />
                </span>
                <strong>{r.ratings.counts[level] ?? 0}</strong>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
