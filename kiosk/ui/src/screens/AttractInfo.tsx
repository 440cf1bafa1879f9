import { useEffect, useState } from 'preact/hooks';
import { useFlow, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';

const TIME_ZONE = 'Asia/Shanghai';
/** The clock moves on the minute; checking every 10 s keeps it at most that late. */
const TICK_MS = 10_000;

function clock(now: number, lang: 'zh-CN' | 'en'): { time: string; date: string } {
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  return {
    time: new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(now),
    date: new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'long',
    }).format(now),
  };
}

/** The attract screen's time, place and hotline, for someone deciding whether to step up. */
export function AttractInfo() {
  const s = useFlow();
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const { time, date } = clock(now, s.lang);
  return (
    <div class="attract-info" data-testid="attract-info">
      <p class="attract-clock">
        <time dateTime={new Date(now).toISOString()}>
          <span class="attract-time">{time}</span> <span class="attract-date">{date}</span>
        </time>
      </p>
      {s.place && (
        <p class="attract-place">
          <Icon name="info" />{' '}
          {t('attract.place', {
            // a terminal is usually named after its site: the site is not said twice
            place: s.place.name.includes(s.place.site)
              ? s.place.name
              : `${s.place.site} ${s.place.name}`,
          })}
        </p>
      )}
      {s.place && (
        <p class="attract-hotline">{t('attract.hotline', { hotline: s.place.hotline })}</p>
      )}
    </div>
  );
}
