import { CaseRoutes } from '@onething/contract/rest/case-routes';
import { SubCaseStatus } from '@onething/contract/rest/kiosk';
import type { SubCaseScreen } from '@onething/contract/rest/workbench';
import { WorkbenchRoutes } from '@onething/contract/rest/workbench-routes';
import { useEffect, useRef, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { onStaff } from '../realtime/staff-socket.ts';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { ActionForm } from './ActionForm.tsx';
import { MaterialList } from './MaterialList.tsx';
import { colon, dateTime, dueDay, reasonText, sourceText, STATUS_KEY } from './workbench-words.ts';

/**
 * One sub-case of my department: what the items need to know (masked values shown in full
 * only with a reason), the materials, the shared-data evidence, the timeline and the actions.
 */
export function SubCasePanel({
  caseNumber,
  department,
  onBack,
}: {
  caseNumber: string;
  department: string | null;
  onBack: () => void;
}) {
  const { t, tError, lang } = useT();
  const [screen, setScreen] = useState<SubCaseScreen | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = () =>
    rest
      .call(WorkbenchRoutes.subCase, { params: { caseNumber } })
      .then((s) => {
        setScreen(s);
        setError(null);
      })
      .catch(setError);
  useEffect(() => {
    void load().then(() => heading.current?.focus());
  }, [caseNumber]);
  // Another reviewer (or the applicant supplying material) moved this sub-case: show it as it is.
  const version = screen?.subCase.version ?? null;
  // Versions this reviewer's own actions produce: their notification may arrive before the
  // answer, and is not someone else's change.
  const own = useRef(new Set<number>());
  useEffect(
    () =>
      onStaff('workbench:subCaseChanged', (c) => {
        if (c.caseNumber !== caseNumber || c.department !== department) return;
        if (version !== null && c.version <= version) return;
        if (own.current.has(c.version)) return;
        setNotice(t('bench_screen_changed'));
        void load();
      }),
    [caseNumber, department, version],
  );

  if (!screen)
    return (
      <section class="bench-case">
        <button type="button" onClick={onBack}>
          {t('bench_back')}
        </button>
        {error !== null ? <p role="alert">{tError(error)}</p> : <p>{t('bench_loading')}</p>}
      </section>
    );
  const { detail, subCase } = screen;
  const statusWord = (status: string) => {
    const parsed = SubCaseStatus.safeParse(status);
    return parsed.success ? t(STATUS_KEY[parsed.data]) : status;
  };
  return (
    <section class="bench-case" aria-labelledby="bench-case-title">
      <div class="bench-case-head">
        <button type="button" onClick={onBack}>
          {t('bench_back')}
        </button>
        <h2 id="bench-case-title" tabIndex={-1} ref={heading}>
          {t('bench_case_heading').replace('{case}', caseNumber)} ·{' '}
          {pick(lang, detail.view.bundleName)}
        </h2>
        <span class={`badge bench-status-${subCase.status}`}>{t(STATUS_KEY[subCase.status])}</span>
        <span class="bench-version">
          {t('bench_version').replace('{n}', String(subCase.version))}
        </span>
      </div>
      <p role="status" class="bench-notice">
        {notice ?? ''}
      </p>
      <p>
        {t('bench_my_items')}
        {colon(lang)}
        {subCase.items.map((i) => pick(lang, i.name)).join('、')}
        {' · '}
        {t('bench_submitted_on').replace('{date}', dateTime(detail.view.submittedAt, lang))}
        {subCase.dueAt !== null && (
          <>
            {' · '}
            <strong>{t('bench_due_on').replace('{date}', dueDay(subCase.dueAt, lang))}</strong>
          </>
        )}
        {subCase.overdue && (
          <span class="badge bench-overdue">
            <span aria-hidden="true">⚠ </span>
            {t('bench_overdue')}
          </span>
        )}
      </p>
      {subCase.dueProvisional && (
        <p class="bench-provisional-note">
          <strong>{t('bench_provisional')}</strong>
          {colon(lang)}
          {t('bench_provisional_hint')}
        </p>
      )}
      {subCase.correction && (
        <div class="bench-correction">
          <h3>{t('bench_correction')}</h3>
          <p>
            {subCase.correction.materials.map((m) => pick(lang, m.name)).join('、')}
            {' · '}
            {subCase.correction.suppliedAt === null
              ? t('bench_correction_deadline').replace(
                  '{date}',
                  dueDay(subCase.correction.deadlineAt, lang),
                )
              : t('bench_correction_supplied').replace(
                  '{date}',
                  dateTime(subCase.correction.suppliedAt, lang),
                )}
          </p>
        </div>
      )}
      <div class="bench-columns">
        <div>
          <Answers screen={screen} caseNumber={caseNumber} />
          <h3>{t('bench_evidence')}</h3>
          {screen.evidence.length === 0 ? (
            <p>{t('bench_evidence_none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('bench_field')}</th>
                  <th scope="col">{t('bench_source')}</th>
                </tr>
              </thead>
              <tbody>
                {screen.evidence.map((e) => (
                  <tr key={e.field}>
                    <td>{pick(lang, e.label)}</td>
                    <td>{sourceText(e.source, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('bench_timeline')}</h3>
          <ol class="bench-timeline">
            {detail.timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={new Date(e.at).toISOString()}>{dateTime(e.at, lang)}</time>{' '}
                {e.department && (
                  <strong>
                    {pick(
                      lang,
                      screen.departments[e.department] ?? { zh: e.department, en: e.department },
                    )}
                  </strong>
                )}{' '}
                {e.from === null ? t('bench_timeline_filed') : statusWord(e.from)} →{' '}
                {statusWord(e.to)} · {t(actorKey(e.actorType))}
                {e.reasonCode && (
                  <>
                    {' · '}
                    {t('bench_reason')}
                    {colon(lang)}
                    {reasonText(e.reasonCode, screen.reasonTexts, lang)}
                  </>
                )}
                {e.note && <q>{e.note}</q>}
              </li>
            ))}
          </ol>
        </div>
        <div>
          <MaterialList caseNumber={caseNumber} materials={screen.materials} />
          {subCase.result.length > 0 && (
            <>
              <h3>{t('bench_result')}</h3>
              <ul>
                {subCase.result.map((r) => (
                  <li key={r.item}>
                    {pick(lang, r.name)}
                    {r.licence && (
                      <small>
                        {' '}
                        ({t('bench_result_licence').replace('{name}', pick(lang, r.name))})
                      </small>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ActionForm
            caseNumber={caseNumber}
            screen={screen}
            onSending={(sent) => own.current.add(sent + 1)}
            onDone={(fresh, message) => {
              setScreen(fresh);
              setNotice(message);
            }}
            onConflict={(message) => {
              setNotice(message);
              void load();
            }}
          />
        </div>
      </div>
    </section>
  );
}

function actorKey(type: string) {
  switch (type) {
    case 'staff':
      return 'bench_timeline_by_staff' as const;
    case 'terminal':
      return 'bench_timeline_by_terminal' as const;
    case 'citizen':
      return 'bench_timeline_by_citizen' as const;
    default:
      return 'bench_timeline_by_system' as const;
  }
}

/** The answers my items need; a masked one is shown in full after a reason is given (audited). */
function Answers({ screen, caseNumber }: { screen: SubCaseScreen; caseNumber: string }) {
  const { t, tError, lang } = useT();
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const { detail } = screen;
  const reveal = async (field: string) => {
    try {
      const r = await rest.call(CaseRoutes.reveal, {
        params: { caseNumber },
        body: { field, reason },
      });
      setRevealed((m) => ({ ...m, [field]: String(r.value) }));
      setAsking(null);
      setReason('');
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h3>{t('bench_answers')}</h3>
      <p>
        {t('bench_applicant')}
        {colon(lang)}
        {detail.applicant.name}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('bench_field')}</th>
            <th scope="col">{t('bench_value')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(detail.answers).map(([key, value]) => {
            const masked = detail.masked.includes(key) && !(key in revealed);
            return (
              <tr key={key}>
                <th scope="row">{pick(lang, screen.fieldLabels[key] ?? { zh: key, en: key })}</th>
                <td>
                  {revealed[key] ??
                    (screen.valueLabels[key] ? pick(lang, screen.valueLabels[key]) : String(value))}
                  {masked && (
                    <>
                      {' '}
                      <span class="badge">{t('bench_masked')}</span>{' '}
                      {asking === key ? (
                        <form
                          class="bench-reveal"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void reveal(key);
                          }}
                        >
                          <label>
                            {t('bench_reveal_reason')}
                            <input
                              value={reason}
                              required
                              minLength={2}
                              onInput={(e) => setReason(e.currentTarget.value)}
                            />
                          </label>
                          <button type="submit">{t('bench_reveal_confirm')}</button>
                        </form>
                      ) : (
                        <button type="button" class="bench-link" onClick={() => setAsking(key)}>
                          {t('bench_reveal')}
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== null && <p role="alert">{tError(error)}</p>}
    </>
  );
}
