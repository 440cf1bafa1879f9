import type { CaseStatus, SubCaseStatus } from '@onething/contract/rest/kiosk';
import { formatDueDate, formatDateTime, joinList } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon, type IconName } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

const SUB_ICON: Record<SubCaseStatus, IconName> = {
  received: 'doc',
  in_review: 'clock',
  more_material: 'warning',
  approved: 'check',
  rejected: 'cross',
  done: 'check',
};
const CASE_ICON: Record<CaseStatus, IconName> = {
  received: 'doc',
  in_progress: 'clock',
  action_needed: 'warning',
  done: 'check',
  closed: 'info',
};

/** Each department's progress in words and icons (并联: they proceed side by side). */
export function StatusViewScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const v = s.status.view;
  if (!v) return null;
  const asking = v.subCases.filter((sub) => sub.correction && sub.correction.suppliedAt === null);
  // Chinese sentences follow one another without a space.
  const gap = s.lang === 'en' ? ' ' : '';
  return (
    <ScreenLayout
      name="statusView"
      title={t('statusView.title')}
      intro={t('statusView.intro', { caseNumber: v.caseNumber, name: pick(s.lang, v.bundleName) })}
      actions={
        <>
          {asking.length > 0 && (
            <button
              type="button"
              class="btn btn-primary btn-large"
              aria-describedby="sv-in-person"
              onClick={() => session.status.supplyStart()}
            >
              <Icon name="camera" /> {t('bench.correction.supplyNow')}
            </button>
          )}
          <button type="button" class="btn btn-secondary" onClick={() => session.back()}>
            {t('statusView.again')}
          </button>
        </>
      }
    >
      {s.status.supplied && <Message tone="success">{t('bench.correction.supplied')}</Message>}
      {asking.length > 0 && (
        <Message tone="warning">
          <strong>{t('bench.correction.title')}</strong>
          {asking.map((sub) => (
            <span class="correction-ask" key={sub.department.zh}>
              {gap}
              {t('bench.correction.asked', {
                department: pick(s.lang, sub.department),
                materials: joinList(
                  (sub.correction?.materials ?? []).map((m) => pick(s.lang, m.name)),
                  s.lang,
                ),
              })}
              {gap}
              {sub.correction &&
                t('bench.correction.deadline', {
                  date: formatDueDate(sub.correction.deadlineAt, s.lang),
                })}
            </span>
          ))}
          {gap}
          <span id="sv-in-person">{t('bench.correction.inPerson')}</span>
        </Message>
      )}
      <p class={`status-badge status-${v.status}`}>
        <Icon name={CASE_ICON[v.status]} size="1.4em" />{' '}
        {t('statusView.overall', { status: t(`caseStatus.${v.status}`) })}
      </p>
      <p>{t('statusView.submitted', { date: formatDateTime(v.submittedAt, s.lang) })}</p>
      {v.dueAt !== null && <p>{t('statusView.due', { date: formatDueDate(v.dueAt, s.lang) })}</p>}
      <section aria-labelledby="sv-deps">
        <h2 id="sv-deps">{t('statusView.departments')}</h2>
        <ul class="subcases">
          {v.subCases.map((sub) => (
            <li key={`${sub.department.zh}-${sub.items.map((i) => i.code).join()}`} class="subcase">
              <h3>{pick(s.lang, sub.department)}</h3>
              <p class={`status-badge sub-${sub.status}`}>
                <Icon name={SUB_ICON[sub.status]} size="1.3em" /> {t(`subStatus.${sub.status}`)}
              </p>
              <p>
                {joinList(
                  sub.items.map((i) => pick(s.lang, i.name)),
                  s.lang,
                )}
              </p>
              {sub.dueAt !== null && (
                <p>
                  {t('statusView.due', { date: formatDueDate(sub.dueAt, s.lang) })}
                  {sub.dueProvisional && ` ${t('bench.provisional')}`}
                </p>
              )}
              {sub.correction?.suppliedAt != null && (
                <p class="note">
                  {t('bench.correction.suppliedOn', {
                    date: formatDateTime(sub.correction.suppliedAt, s.lang),
                  })}
                </p>
              )}
              {sub.note && <p class="note">{t('statusView.note', { note: sub.note })}</p>}
              <p class="note">
                {t('statusView.updated', { date: formatDateTime(sub.updatedAt, s.lang) })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </ScreenLayout>
  );
}
