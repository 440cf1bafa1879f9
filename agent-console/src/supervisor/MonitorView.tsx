import type { CallContext, ChatMessage } from '@onething/contract/sockets/booth';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { onBooth } from '../seat/booth-api.ts';
import { ChatPanel } from '../seat/ChatPanel.tsx';
import { ContextPanel } from '../seat/ContextPanel.tsx';
import { MediaPanel } from '../seat/MediaPanel.tsx';
import { useCallMedia } from '../seat/use-call-media.ts';

/**
 * Silent monitoring: the supervisor joins the call receiving only (an empty local stream, so
 * nothing is sent), sees both sides' video and the chat. The citizen and the agent were told.
 */
export function MonitorView({
  context,
  agentName,
  onStop,
}: {
  context: CallContext;
  agentName: string;
  onStop: () => void;
}) {
  const { t } = useT();
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [ended, setEnded] = useState(false);
  // Once the call is over there is nothing to receive: leave the media room.
  const media = useCallMedia(ended ? null : context.callId, { send: false });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    const offs = [
      onBooth('chat:message', (m) => {
        if (m.ticketId === context.ticketId) setChat((c) => [...c, m].slice(-200));
      }),
      onBooth('call:ended', ({ ticketId }) => {
        if (ticketId === context.ticketId) setEnded(true);
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [context.ticketId]);

  return (
    <section class="sup-monitor" aria-labelledby="sup-monitor-title" data-testid="monitor">
      <div class="seat-call-head">
        <h3 id="sup-monitor-title" ref={heading} tabIndex={-1}>
          <span class="seat-icon" aria-hidden="true">
            ◎
          </span>{' '}
          {t('sup_monitoring')} · {agentName} · {context.terminal.site || context.terminal.id}
        </h3>
        <button type="button" class="seat-secondary" onClick={onStop}>
          {t('sup_stopMonitor')}
        </button>
      </div>
      <p class="seat-audit-note">
        <span aria-hidden="true">ⓘ</span> {t('sup_monitorNote')}
      </p>
      {ended ? (
        <p role="status" class="seat-warn">
          {t('sup_monitorEnded')}
        </p>
      ) : (
        <div class="seat-call-grid">
          <div class="seat-col">
            <MediaPanel media={media} send={false} />
          </div>
          <div class="seat-col">
            <ContextPanel
              context={context}
              identity={null}
              canReveal={false}
              onRevealed={() => undefined}
            />
            <ChatPanel ticketId={context.ticketId} messages={chat} canSend={false} />
          </div>
        </div>
      )}
    </section>
  );
}
