import type { CallClient } from '@onething/contract/calls/call-client';
import type { RemoteActionRequest } from '@onething/contract/events/booth';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from './booth-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { ContextPanel } from './ContextPanel.tsx';
import { MediaPanel } from './MediaPanel.tsx';
import { RemoteActions } from './RemoteActions.tsx';
import type { SeatState } from './seat-state.ts';
import { TransferPanel } from './TransferPanel.tsx';
import { useCallMedia } from './use-call-media.ts';

declare global {
  interface Window {
    /**
     * The seat's current CallClient. Only for the end-to-end tests: Playwright reads
     * `inboundStats()` from it to prove that the citizen's media really arrives. Nothing in the
     * console reads it.
     */
    __seatCall?: CallClient;
  }
}

function exposeForTests(client: CallClient | null): void {
  if (client) window.__seatCall = client;
  else delete window.__seatCall;
}

/** The call: video, the citizen's context, remote actions, chat, transfer and ending it. */
export function CallView({
  state,
  onRequest,
  onRevealed,
  onLeave,
}: {
  state: SeatState;
  onRequest: (action: RemoteActionRequest) => void;
  onRevealed: (identity: IdentityCardData) => void;
  /** A guest leaves the call they were invited to. */
  onLeave: () => void;
}) {
  const { t, lang } = useT();
  const call = state.call;
  const media = useCallMedia(call?.callId ?? null, { send: true, onClient: exposeForTests });
  const heading = useRef<HTMLHeadingElement>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  // The call replaces the offer the agent just answered: focus follows to its heading.
  useEffect(() => heading.current?.focus(), [call?.ticketId]);
  useEffect(() => {
    if (confirmEnd) confirmButton.current?.focus();
  }, [confirmEnd]);

  if (!call) return null;

  const end = async () => {
    setEnding(true);
    setEndError(null);
    try {
      await boothRequest('call:end', { ticketId: call.ticketId });
      // call:ended follows from the server and takes the seat to wrap-up.
    } catch (e) {
      setEndError(requestErrorText(e, lang));
      setEnding(false);
    }
  };

  return (
    <section class="seat-call" aria-labelledby="seat-call-title" data-testid="call-view">
      <div class="seat-call-head">
        <h3 id="seat-call-title" ref={heading} tabIndex={-1}>
          <span class="seat-icon" aria-hidden="true">
            ◉
          </span>{' '}
          {t(state.guest ? 'seat_guestCallTitle' : 'seat_callTitle')}
        </h3>
        {state.guest ? (
          <button type="button" class="seat-end" onClick={onLeave}>
            {t('seat_leaveCall')}
          </button>
        ) : (
          <button
            type="button"
            class="seat-end"
            aria-expanded={confirmEnd}
            disabled={ending}
            onClick={() => setConfirmEnd(!confirmEnd)}
          >
            <span aria-hidden="true">✆</span> {t('seat_endCall')}
          </button>
        )}
      </div>
      {confirmEnd && !state.guest && (
        <fieldset class="seat-confirm">
          <legend>{t('seat_endConfirmQuestion')}</legend>
          <button
            type="button"
            class="seat-end"
            ref={confirmButton}
            disabled={ending}
            onClick={end}
          >
            {t('seat_endConfirm')}
          </button>
          <button type="button" class="seat-secondary" onClick={() => setConfirmEnd(false)}>
            {t('seat_keepTalking')}
          </button>
        </fieldset>
      )}
      {endError && <p role="alert">⚠ {endError}</p>}
      <div class="seat-call-grid">
        <div class="seat-col">
          <MediaPanel media={media} send />
          <ChatPanel ticketId={call.ticketId} messages={state.chat} canSend />
          {!state.guest && <TransferPanel ticketId={call.ticketId} />}
        </div>
        <div class="seat-col">
          <ContextPanel
            context={call}
            identity={state.identity}
            canReveal
            onRevealed={onRevealed}
          />
          <RemoteActions runs={state.runs} results={state.results} onRequest={onRequest} />
        </div>
      </div>
    </section>
  );
}
