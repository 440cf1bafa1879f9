import type { TerminalDetail } from '@onething/contract/sockets/fleet';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { DateTime } from './Badges.tsx';
import { timelineDetailText } from './fleet-detail-text.ts';
import { eventSubject } from './fleet-store.ts';
import { recordedOutcomeText } from './command-outcome.ts';
import { ACTION_LABEL, EVENT_LABEL, RULE_LABEL } from './health.ts';

const PAGE = 20;

/** The terminal's recorded events, newest first as the server sends them, a page at a time. */
export function Timeline({ events }: { events: TerminalDetail['timeline'] }) {
  const { t, lang } = useT();
  const [shown, setShown] = useState(PAGE);
  return (
    <section aria-labelledby="fleet-timeline">
      <h4 id="fleet-timeline">{t('fleet_sec_timeline')}</h4>
      {events.length === 0 && <p>{t('fleet_noEvents')}</p>}
      <ol class="fleet-timeline">
        {events.slice(0, shown).map((e, i) => {
          const kind = EVENT_LABEL[e.kind];
          const { rule, action } = eventSubject(e.detail);
          return (
            // Events have no id; time plus position is unique within one fetch.
            <li key={`${e.at}-${i}`}>
              <DateTime at={e.at} />
              <span class="fleet-event-kind">{kind ? t(kind) : e.kind}</span>
              {rule && <span class="fleet-rule">{t(RULE_LABEL[rule])}</span>}
              {action && <span class="fleet-rule">{t(ACTION_LABEL[action])}</span>}
              {e.kind === 'command.result' ? (
                <span class="fleet-raw">{recordedOutcomeText(e.detail, lang)}</span>
              ) : (
                <DetailText text={timelineDetailText(e.detail, lang)} />
              )}
            </li>
          );
        })}
      </ol>
      {events.length > shown && (
        <button type="button" class="fleet-secondary" onClick={() => setShown((n) => n + PAGE * 2)}>
          {t('fleet_showMore')}
        </button>
      )}
    </section>
  );
}

function DetailText({ text }: { text: string | null }) {
  return text === null ? null : <span class="fleet-raw">{text}</span>;
}
