import type { AlertView, TerminalSummary } from '@onething/contract/sockets/fleet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { onReconnect } from '../realtime/staff-socket.ts';
import { HealthBadge } from './Badges.tsx';
import { FleetFilters } from './FleetFilters.tsx';
import { fleetRequest, onFleet } from './fleet-api.ts';
import { errorText } from '../i18n/error-text.ts';
import {
  alertChange,
  countByHealth,
  type FleetFilter,
  fill,
  filterTerminals,
  HEALTH_STATES,
  mergeTerminals,
} from './fleet-store.ts';
import { RULE_LABEL } from './health.ts';
import { TerminalDetail } from './TerminalDetail.tsx';
import { TerminalList, terminalButtonId } from './TerminalList.tsx';
import { useNow } from '../use-now.ts';
import './fleet.css';

/** Maintenance staff's view of every terminal, kept live by the staff socket. */
export function FleetPage() {
  const { t, lang } = useT();
  const [terminals, setTerminals] = useState<TerminalSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<FleetFilter>({ kind: 'all' });
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [news, setNews] = useState<{ change: 'opened' | 'resolved'; alert: AlertView } | null>(
    null,
  );
  const lastOpened = useRef<string | null>(null);
  // "Last seen" is shown to the second at best; a tick every 10 s keeps it honest.
  const now = useNow(10_000);

  useEffect(() => {
    let active = true;
    // Updates pushed while the list is loading are held and applied on top of it, so a
    // heartbeat that lands between the request and its answer is not lost.
    let held: TerminalSummary[] | null = [];
    const load = () => {
      held = [];
      fleetRequest('fleet:list', {}).then(
        (r) => {
          if (!active) return;
          setTerminals(mergeTerminals(r.terminals, held ?? []));
          held = null;
          setError(null);
        },
        (e) => {
          if (!active) return;
          held = null;
          setError(e);
        },
      );
    };
    const offTerminal = onFleet('fleet:terminal', (s) => {
      if (held) held.push(s);
      else setTerminals((list) => list && mergeTerminals(list, [s]));
    });
    const offAlert = onFleet('fleet:alert', (a) => {
      const change = alertChange(a);
      if (change !== 'acknowledged') setNews({ change, alert: a });
    });
    // After a lost connection, pushes were missed: reload rather than show a stale fleet.
    const offReconnect = onReconnect(load);
    load();
    return () => {
      active = false;
      offTerminal();
      offAlert();
      offReconnect();
    };
  }, []);

  // Back from a terminal: focus returns to the button that opened it.
  useEffect(() => {
    if (openId === null && lastOpened.current) {
      document.getElementById(terminalButtonId(lastOpened.current))?.focus();
    }
  }, [openId]);

  const open = (id: string) => {
    lastOpened.current = id;
    setOpenId(id);
  };

  const nameOf = (id: string) => terminals?.find((x) => x.id === id)?.name ?? id;
  const newsText = news
    ? fill(t(news.change === 'opened' ? 'fleet_live_opened' : 'fleet_live_resolved'), {
        terminal: nameOf(news.alert.terminalId),
        rule: t(RULE_LABEL[news.alert.rule]),
      })
    : t('fleet_live_idle');

  return (
    <section class="fleet" aria-labelledby="fleet-title">
      <h2 id="fleet-title">{t('fleet_title')}</h2>
      <div class={`fleet-news${news?.change === 'opened' ? ' fleet-news-alert' : ''}`}>
        <span class="fleet-news-label">{t('fleet_latest')}</span>
        <p aria-live="polite" aria-atomic="true">
          {newsText}
        </p>
      </div>
      {error !== null && <p role="alert">⚠ {errorText(error, lang)}</p>}
      {terminals === null && error === null && <p>{t('loading')}</p>}
      {terminals && openId !== null && (
        <TerminalDetail
          id={openId}
          live={terminals.find((x) => x.id === openId)}
          now={now}
          onBack={() => setOpenId(null)}
        />
      )}
      {terminals && openId === null && (
        <>
          <Summary terminals={terminals} />
          <FleetFilters filter={filter} query={query} onFilter={setFilter} onQuery={setQuery} />
          <Results terminals={terminals} filter={filter} query={query} now={now} onOpen={open} />
        </>
      )}
    </section>
  );
}

function Summary({ terminals }: { terminals: readonly TerminalSummary[] }) {
  const { t } = useT();
  const counts = countByHealth(terminals);
  return (
    <div class="fleet-summary">
      <p>
        <strong>{fill(t('fleet_summary'), { n: terminals.length })}</strong>
      </p>
      <ul aria-label={t('fleet_summaryLabel')}>
        {HEALTH_STATES.map((h) => (
          <li key={h}>
            <HealthBadge health={h} /> <strong class="fleet-count">{counts[h]}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Results({
  terminals,
  filter,
  query,
  now,
  onOpen,
}: {
  terminals: readonly TerminalSummary[];
  filter: FleetFilter;
  query: string;
  now: number;
  onOpen: (id: string) => void;
}) {
  const { t } = useT();
  if (terminals.length === 0) return <p>{t('fleet_empty')}</p>;
  const shown = filterTerminals(terminals, filter, query);
  return (
    <>
      <p role="status" class="fleet-showing">
        {fill(t('fleet_showing'), { shown: shown.length, total: terminals.length })}
      </p>
      {shown.length === 0 ? (
        <p>{t('fleet_none')}</p>
      ) : (
        <TerminalList terminals={shown} now={now} onOpen={onOpen} />
      )}
    </>
  );
}
