import type { CallContext, RemoteActionRequest } from '@onething/contract/sockets/booth';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { type Lang, pick, type StringKey } from '../i18n/strings.ts';
import { boothRequest, onBooth } from './booth-api.ts';
import { codeText, errorCode, errorText } from '../i18n/error-text.ts';
import { onReconnect } from '../realtime/staff-socket.ts';
import { CallView } from './CallView.tsx';
import { fill } from './format.ts';
import { ENDED_BY, PRIORITY } from './labels.ts';
import { OfferPanel } from './OfferPanel.tsx';
import { OwnRatings } from '../ratings/OwnRatings.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { CallBackPanel } from './CallBackPanel.tsx';
import { StatusSwitch } from './StatusSwitch.tsx';
import { initialSeat, type OfferEndReason, seatReducer } from './seat-state.ts';
import { useNow } from '../use-now.ts';
import { WrapUpForm } from './WrapUpForm.tsx';
import './seat.css';

const OFFER_ENDED: Record<OfferEndReason, StringKey> = {
  timedOut: 'seat_offer_timedOut',
  withdrawn: 'seat_offer_withdrawn',
  rejected: 'seat_offer_rejected',
};

/**
 * A reload during a call or its wrap-up must not lose it: the ticket id is kept for this tab
 * only (no personal data), and the call's context is fetched again from the server.
 */
const STORAGE_KEY = 'onething.seat';
const CONTEXT_REFRESH_MS = 5000;
type Stored =
  { kind: 'call'; ticketId: string; guest: boolean } | { kind: 'wrapUp'; ticketId: string };

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function writeStored(value: Stored | null): void {
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): a reload will simply start from the server's state.
  }
}

/** The latest event, worded when shown so that it follows a change of language. */
interface News {
  say: (t: (key: StringKey) => string, lang: Lang) => string;
}
const plain = (key: StringKey): News => ({ say: (t) => t(key) });

/** The agent's seat: state, queue, offers, the call and its wrap-up. */
export function SeatPage() {
  const { t, lang } = useT();
  const [s, dispatch] = useReducer(seatReducer, initialSeat);
  const [news, setNews] = useState<News | null>(null);
  const [answering, setAnswering] = useState(false);
  const [offerError, setOfferError] = useState<string | null>(null);
  // Kept as a code so the message follows a change of language.
  const [loadError, setLoadError] = useState<string | null>(null);
  const now = useNow(1000);
  const stored = useRef(readStored());
  const localIds = useRef(0);
  // Handlers registered once read the current call through this ref.
  const current = useRef(s);
  current.current = s;

  useEffect(() => {
    let active = true;
    const refreshContext = (ticketId: string) =>
      boothRequest('call:context', { ticketId }).then(
        (context) => active && dispatch({ type: 'context', context }),
        () => undefined,
      );
    const load = async () => {
      try {
        const self = await boothRequest('agent:self', {});
        if (!active) return;
        dispatch({ type: 'self', self });
        setLoadError(null);
        const saved = stored.current;
        stored.current = null;
        if (!saved || current.current.call) return;
        if (saved.kind === 'call') {
          try {
            const context = await boothRequest('call:context', { ticketId: saved.ticketId });
            if (active) dispatch({ type: 'call', context, guest: saved.guest });
          } catch {
            if (active && !saved.guest && self.state === 'wrap_up') {
              dispatch({ type: 'wrapUpPending', ticketId: saved.ticketId });
            }
          }
        } else {
          dispatch({ type: 'wrapUpPending', ticketId: saved.ticketId });
        }
      } catch (e) {
        if (active) setLoadError(errorCode(e));
      }
    };
    const offs = [
      onBooth('agent:state', (self) => dispatch({ type: 'self', self })),
      onBooth('offer:new', (offer) => {
        setOfferError(null);
        dispatch({ type: 'offer', offer });
        setNews({
          say: (t, lang) =>
            fill(t('seat_news_offer'), {
              priority: t(PRIORITY[offer.priority] ?? 'seat_prio_normal'),
              bundle: offer.bundleName ? pick(lang, offer.bundleName) : t('seat_generalHelp'),
              site: offer.terminal.site || offer.terminal.id,
            }),
        });
      }),
      onBooth('offer:ended', ({ offerId, reason }) => {
        if (current.current.offer?.offerId !== offerId) return;
        dispatch({ type: 'offerEnded', offerId, reason });
        setNews({
          say: (t) => fill(t('seat_news_offerEnded'), { reason: t(OFFER_ENDED[reason]) }),
        });
      }),
      onBooth('call:ended', ({ ticketId, endedBy }) => {
        if (current.current.call?.ticketId === ticketId) {
          setNews(plain(ENDED_BY[endedBy] ?? 'seat_ended_unknown'));
        }
        dispatch({ type: 'callEnded', ticketId, endedBy });
      }),
      onBooth('chat:message', (message) => {
        dispatch({ type: 'chat', message });
        // Someone joined or left: the participants in the context changed.
        if (message.from === 'system' && current.current.call?.ticketId === message.ticketId) {
          void refreshContext(message.ticketId);
        }
      }),
      onBooth('remote:result', (result) => {
        dispatch({ type: 'result', result });
        // A card read or a filed case changes what the context shows.
        if (result.status === 'done') void refreshContext(result.ticketId);
      }),
      onBooth('call:invited', (context) => {
        dispatch({ type: 'invited', context });
        setNews(plain('seat_news_invited'));
      }),
      onReconnect(() => {
        void load();
        const call = current.current.call;
        if (call) void refreshContext(call.ticketId);
      }),
    ];
    void load();
    return () => {
      active = false;
      for (const off of offs) off();
    };
    // Subscribed once for the page's life; everything they read goes through refs.
  }, []);

  // The booth's draft changes without a push to the agent (the citizen fills in the form while
  // talking): the context is fetched again every few seconds during the call.
  const ticketId = s.call?.ticketId;
  useEffect(() => {
    if (!ticketId) return;
    const timer = setInterval(() => {
      boothRequest('call:context', { ticketId }).then(
        (context) => dispatch({ type: 'context', context }),
        () => undefined,
      );
    }, CONTEXT_REFRESH_MS);
    return () => clearInterval(timer);
  }, [ticketId]);

  // Keep what a reload needs to come back to the call or its wrap-up.
  useEffect(() => {
    if (s.call) writeStored({ kind: 'call', ticketId: s.call.ticketId, guest: s.guest });
    else if (s.wrapUp) writeStored({ kind: 'wrapUp', ticketId: s.wrapUp.ticketId });
    else if (!stored.current) writeStored(null);
  }, [s.call?.ticketId, s.guest, s.wrapUp?.ticketId]);

  const accept = async () => {
    const offer = s.offer;
    if (!offer) return;
    setAnswering(true);
    setOfferError(null);
    try {
      const context = await boothRequest('offer:accept', { offerId: offer.offerId });
      dispatch({ type: 'call', context });
      setNews(plain('seat_news_connected'));
    } catch (e) {
      setOfferError(errorText(e, lang));
    } finally {
      setAnswering(false);
    }
  };

  const reject = async () => {
    const offer = s.offer;
    if (!offer) return;
    setAnswering(true);
    setOfferError(null);
    try {
      await boothRequest('offer:reject', { offerId: offer.offerId });
      // offer:ended (rejected) follows and takes the panel away.
    } catch (e) {
      setOfferError(errorText(e, lang));
    } finally {
      setAnswering(false);
    }
  };

  const joinInvite = (context: CallContext) => {
    dispatch({ type: 'call', context, guest: true });
    setNews(plain('seat_news_connected'));
  };

  const requestAction = async (action: RemoteActionRequest) => {
    const call = s.call;
    if (!call) return;
    const localId = ++localIds.current;
    dispatch({ type: 'actionSent', localId, kind: action.kind });
    try {
      const res = await boothRequest('remote:request', { ticketId: call.ticketId, action });
      dispatch({ type: 'actionAcked', localId, ...res });
    } catch (e) {
      dispatch({ type: 'actionFailed', localId, error: errorCode(e) });
    }
  };

  return (
    <section class="seat" aria-labelledby="seat-title">
      <h2 id="seat-title">{t('seat_title')}</h2>
      <div class={`seat-news${s.offer ? ' seat-news-offer' : ''}`}>
        <span class="seat-news-label">{t('seat_latest')}</span>
        <p aria-live="assertive" aria-atomic="true" data-testid="seat-news">
          {news ? news.say(t, lang) : t('seat_news_idle')}
        </p>
      </div>
      {loadError && <p role="alert">⚠ {codeText(loadError, lang)}</p>}
      <StatusSwitch self={s.self} onSelf={(self) => dispatch({ type: 'self', self })} />
      {s.offer && (
        <OfferPanel
          offer={s.offer}
          now={now}
          busy={answering}
          error={offerError}
          onAccept={accept}
          onReject={reject}
        />
      )}
      {!s.offer && offerError && <p role="alert">⚠ {offerError}</p>}
      {s.invite && (
        <section class="seat-card seat-invite" aria-labelledby="seat-invite-title">
          <h3 id="seat-invite-title">{t('seat_inviteReceived')}</h3>
          <p>
            {s.invite.terminal.site || s.invite.terminal.id}
            {s.invite.bundleName ? ` · ${pick(lang, s.invite.bundleName)}` : ''}
          </p>
          <div class="seat-row">
            <button
              type="button"
              disabled={s.call !== null}
              onClick={() => s.invite && joinInvite(s.invite)}
            >
              {t('seat_joinCall')}
            </button>
            <button
              type="button"
              class="seat-secondary"
              onClick={() => dispatch({ type: 'inviteDismissed' })}
            >
              {t('seat_dismiss')}
            </button>
          </div>
          {s.call && <p class="seat-hint">{t('seat_inviteBusy')}</p>}
        </section>
      )}
      {s.call && (
        <CallView
          state={s}
          onRequest={requestAction}
          onRevealed={(identity) => dispatch({ type: 'revealed', identity })}
          onLeave={() => dispatch({ type: 'left' })}
        />
      )}
      {s.wrapUp && (
        <WrapUpForm
          wrapUp={s.wrapUp}
          onDone={() => {
            dispatch({ type: 'wrappedUp' });
            setNews(plain('seat_news_wrappedUp'));
          }}
        />
      )}
      {!s.call && <QueuePanel refreshKey={s.self?.state ?? ''} now={now} />}
      {!s.call && <CallBackPanel now={now} />}
      {!s.call && <OwnRatings />}
    </section>
  );
}
