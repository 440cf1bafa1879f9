import { useEffect, useRef } from 'preact/hooks';
import { filterBundles, lifeEventsOf } from '../flow/catalogue.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { PaperNotice } from '../print/PaperNotice.tsx';

/**
 * Choose a 一件事 by life event or by search. Elder mode asks one question per screen: first
 * the life event, then the bundles of that event, without a search box.
 */
export function ChooseBundleScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const name = s.identity?.card.name ?? '';
  const bundles = s.catalogue?.bundles ?? [];
  const events = lifeEventsOf(bundles);
  const matches = filterBundles(bundles, s.lifeEvent, s.elder ? '' : s.search);
  const eventsOnly = s.elder && s.lifeEvent === null;
  const results = useRef<HTMLHeadingElement>(null);
  const eventsHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // in elder mode the pressed button goes away with its page: focus follows to the new part
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (s.elder) (eventsOnly ? eventsHeading : results).current?.focus();
  }, [s.lifeEvent]);

  return (
    <ScreenLayout
      name="chooseBundle"
      title={t('bundles.title')}
      // elder mode has no search box: the intro must not mention one
      intro={t(s.elder ? 'bundles.introElder' : 'bundles.intro', { name })}
    >
      <PaperNotice />
      {!s.catalogue && s.busy === 'catalogue' && (
        <Message tone="pending">{t('busy.loading')}</Message>
      )}
      {s.catalogue && bundles.length === 0 && <Message tone="info">{t('bundles.empty')}</Message>}

      {!s.elder && bundles.length > 0 && (
        <div class="search-row">
          <label for="bundle-search">
            <Icon name="search" /> {t('bundles.search')}
          </label>
          <input
            id="bundle-search"
            type="search"
            value={s.search}
            placeholder={t('bundles.searchHint')}
            aria-describedby="bundle-search-hint"
            onInput={(e) => session.bundles.search(e.currentTarget.value)}
          />
          <span id="bundle-search-hint" class="visually-hidden">
            {t('bundles.searchHint')}
          </span>
        </div>
      )}

      {events.length > 0 && (eventsOnly || !s.elder) && (
        <section aria-labelledby="events-h" class="events">
          <h2 id="events-h" ref={eventsHeading} tabIndex={-1}>
            {eventsOnly ? t('bundles.chooseEvent') : t('bundles.byLifeEvent')}
          </h2>
          <div class={eventsOnly ? 'event-grid event-grid-large' : 'event-grid'}>
            {!s.elder && (
              <button
                type="button"
                class="btn btn-chip"
                aria-pressed={s.lifeEvent === null}
                onClick={() => session.bundles.lifeEvent(null)}
              >
                {t('bundles.allEvents')}
              </button>
            )}
            {events.map((e) => (
              <button
                key={e.code}
                type="button"
                class={eventsOnly ? 'btn btn-secondary btn-large' : 'btn btn-chip'}
                aria-pressed={s.lifeEvent === e.code}
                onClick={() => session.bundles.lifeEvent(e.code)}
              >
                {pick(s.lang, e.name)}
              </button>
            ))}
          </div>
        </section>
      )}

      {!eventsOnly && bundles.length > 0 && (
        <section aria-labelledby="results-h">
          <h2 id="results-h" ref={results} tabIndex={-1}>
            {t('bundles.results', { count: matches.length })}
          </h2>
          {matches.length === 0 && <Message tone="info">{t('bundles.none')}</Message>}
          <ul class="bundle-list">
            {matches.map((b) => (
              <li key={b.code}>
                {/* named by all it shows: what is read out matches what is seen (WCAG 2.5.3) */}
                <button
                  type="button"
                  class="bundle-card"
                  onClick={() => session.bundles.chooseBundle(b.code)}
                >
                  <span class="bundle-name" id={`bundle-${b.code}-name`}>
                    {pick(s.lang, b.name)}
                  </span>
                  <span class="bundle-facts" id={`bundle-${b.code}-facts`}>
                    <span class="tag">{t(`bundles.subject.${b.subject}`)}</span>
                    <span>
                      {t('bundles.counts', { items: b.itemCount, departments: b.departmentCount })}
                    </span>
                    {b.promisedDays !== null && (
                      <span>{t('bundles.promised', { days: b.promisedDays })}</span>
                    )}
                    <span>{t('bundles.lead', { name: pick(s.lang, b.leadDepartment) })}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {s.elder && (
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => session.bundles.lifeEvent(null)}
            >
              {t('bundles.otherEvents')}
            </button>
          )}
        </section>
      )}
    </ScreenLayout>
  );
}
