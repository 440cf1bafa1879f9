import { useState } from 'preact/hooks';
import { joinList } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { timeLimit } from '../print/documents.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { PrintStatus } from '../ui/PrintStatus.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

type NoticePart = 'items' | 'materials' | 'process';

/**
 * 一次告知: items, conditions, materials, time limits and fees, printable. One part per page
 * (items, materials, process: a tab each) and each item folded to its name and time limit, so
 * the page fits the screen and the button to go on stays in view.
 */
export function NoticeScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const [shown, setShown] = useState<NoticePart>('items');
  const n = s.notice;
  const itemName = (code: string) => {
    const item = n?.items.find((i) => i.code === code);
    return item ? pick(s.lang, item.name) : code;
  };

  if (!n) {
    return (
      <ScreenLayout name="notice" title={t('notice.title', { name: '' })}>
        {s.busy === 'notice' && <Message tone="pending">{t('busy.loading')}</Message>}
      </ScreenLayout>
    );
  }
  const parts: NoticePart[] = [
    'items',
    ...(n.materials.length > 0 ? (['materials'] as const) : []),
    ...(n.process.length > 0 ? (['process'] as const) : []),
  ];
  const part = parts.includes(shown) ? shown : 'items';
  return (
    <ScreenLayout
      name="notice"
      title={t('notice.title', { name: pick(s.lang, n.bundle.name) })}
      intro={t('notice.intro', {
        lead: pick(s.lang, n.bundle.leadDepartment),
        departments: n.bundle.departmentCount,
        items: n.items.length,
      })}
      actions={
        <>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={s.busy === 'print' || !s.bridgeConnected}
            onClick={() => void session.printing.printNotice()}
          >
            <Icon name="printer" />
            {t('notice.print')}
          </button>
          <button
            type="button"
            class="btn btn-primary btn-large"
            onClick={() => session.bundles.noticeRead()}
          >
            {t('notice.continue')}
          </button>
        </>
      }
    >
      <PrintStatus jobId={s.noticeJobId} />
      {parts.length > 1 && (
        <div
          class="part-tabs"
          role="group"
          aria-label={t('form.notice.part', { n: parts.indexOf(part) + 1, total: parts.length })}
        >
          {parts.map((p) => (
            <button
              key={p}
              type="button"
              class="btn btn-secondary"
              aria-pressed={p === part}
              onClick={() => setShown(p)}
            >
              {t(`notice.${p}`)}
            </button>
          ))}
        </div>
      )}
      {part === 'items' && (
        <section aria-labelledby="notice-items-h">
          <h2 id="notice-items-h">{t('notice.items')}</h2>
          <ol class="notice-items">
            {n.items.map((item) => (
              <li key={item.code} class="notice-item">
                <details class="review-section">
                  <summary>
                    <h3>
                      {pick(s.lang, item.name)}
                      {item.mandatory && (
                        <span class="tag tag-strong">
                          <Icon name="lock" /> {t('notice.mandatory')}
                        </span>
                      )}
                    </h3>
                    <span class="note">{timeLimit(item, s.lang)}</span>
                  </summary>
                  <dl class="facts">
                    <dt>{t('notice.department')}</dt>
                    <dd>{pick(s.lang, item.department)}</dd>
                    {item.appliesWhen && (
                      <>
                        <dt>{t('notice.appliesWhen')}</dt>
                        <dd>{pick(s.lang, item.appliesWhen)}</dd>
                      </>
                    )}
                    {item.conditions.length > 0 && (
                      <>
                        <dt>{t('notice.conditions')}</dt>
                        <dd>
                          <ul>
                            {item.conditions.map((c) => (
                              <li key={c.zh}>{pick(s.lang, c)}</li>
                            ))}
                          </ul>
                        </dd>
                      </>
                    )}
                    <dt>{t('notice.timeLimit')}</dt>
                    <dd>{timeLimit(item, s.lang)}</dd>
                    <dt>{t('notice.fee')}</dt>
                    <dd>{pick(s.lang, item.fee)}</dd>
                    <dt>{t('notice.result')}</dt>
                    <dd>{pick(s.lang, item.result)}</dd>
                    {item.delivery.length > 0 && (
                      <>
                        <dt>{t('notice.delivery')}</dt>
                        <dd>
                          {joinList(
                            item.delivery.map((d) => pick(s.lang, d)),
                            s.lang,
                          )}
                        </dd>
                      </>
                    )}
                  </dl>
                </details>
              </li>
            ))}
          </ol>
        </section>
      )}
      {part === 'materials' && (
        <section aria-labelledby="notice-materials-h">
          <h2 id="notice-materials-h">{t('notice.materials')}</h2>
          <ul class="material-list">
            {n.materials.map((m) => (
              <li key={m.id}>
                <Icon name="doc" /> <strong>{pick(s.lang, m.name)}</strong>{' '}
                <span>
                  {t('notice.materialCount', { form: t(`material.${m.form}`), count: m.count })}
                </span>
                {m.licence && (
                  <p class="note">
                    <Icon name="check" /> {t('notice.licence', { name: pick(s.lang, m.licence) })}
                  </p>
                )}
                {m.requiredBy.length > 0 && (
                  <p class="note">
                    {t('notice.requiredBy', {
                      items: joinList(m.requiredBy.map(itemName), s.lang),
                    })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {part === 'process' && (
        <section aria-labelledby="notice-process-h">
          <h2 id="notice-process-h">{t('notice.process')}</h2>
          <ol class="process">
            {n.process.map((p) => (
              <li key={p.zh}>{pick(s.lang, p)}</li>
            ))}
          </ol>
        </section>
      )}
    </ScreenLayout>
  );
}
