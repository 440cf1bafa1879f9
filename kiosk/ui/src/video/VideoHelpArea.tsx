import { useEffect, useRef } from 'preact/hooks';
import { helpFailureMessage, useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { CallPanel } from './CallPanel.tsx';
import { HelpUnavailableBody } from './HelpUnavailablePanel.tsx';
import { positionWords, requeuedWords, waitWords } from './help-words.ts';

/**
 * The video-help area above the current screen: calling, the queue, the call, or a short
 * note after it. The citizen's screen stays below it, so they can keep going while they wait
 * and the agent can guide them through it.
 */
export function VideoHelpArea() {
  const { help } = useServices();
  const s = useFlow();
  const t = useT();
  const h = s.help;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [h.phase]);

  if (h.phase === 'idle') return null;
  if (h.phase === 'connected') return <CallPanel />;

  const title =
    h.phase === 'waiting'
      ? t('help.waitingTitle')
      : h.phase === 'unavailable'
        ? t(h.unavailable?.open ? 'help.noAgent.title' : 'help.closed.title')
        : h.phase === 'callBackBooked'
          ? t('help.callBack.bookedTitle')
          : t('help.title');
  return (
    <aside class="video-help-panel" aria-labelledby="video-help-h" data-help-phase={h.phase}>
      <h2 id="video-help-h" ref={heading} tabIndex={-1}>
        <Icon name="video" /> {title}
      </h2>
      {h.phase === 'requesting' && <Message tone="pending">{t('help.requesting')}</Message>}
      {h.phase === 'waiting' && (
        <>
          {h.requeued && <Message tone="info">{requeuedWords(s.lang, h.requeued)}</Message>}
          {/* position and wait change while waiting: read out when they do */}
          <p class="help-position" role="status" data-testid="help-position">
            {h.position !== null && positionWords(s.lang, h.position)}{' '}
            {h.waitSeconds !== null && waitWords(s.lang, h.waitSeconds)}
          </p>
          {h.escalated && <Message tone="info">{t('help.escalated')}</Message>}
          {h.reconnecting && <Message tone="warning">{t('help.reconnecting')}</Message>}
          <p class="hint">{t('help.keepWorking')}</p>
        </>
      )}
      {h.phase === 'failed' && (
        <Message tone="warning">{helpFailureMessage(s.lang, h.problem)}</Message>
      )}
      {h.phase === 'unavailable' && <HelpUnavailableBody />}
      {h.phase === 'callBackBooked' && (
        <Message tone="success">
          {t('help.callBack.booked', { phone: h.callBackPhone ?? '' })}
        </Message>
      )}
      {h.phase === 'ended' && (
        <Message tone="info">{t(h.endedAfterCall ? 'help.ended' : 'help.endedWaiting')}</Message>
      )}
      <div class="button-row">
        {(h.phase === 'requesting' || h.phase === 'waiting') && (
          <button type="button" class="btn btn-secondary" onClick={() => void help.cancel()}>
            <Icon name="cross" /> {t('help.cancel')}
          </button>
        )}
        {h.phase === 'failed' && (
          <button type="button" class="btn btn-primary" onClick={() => void help.request()}>
            {t('help.retry')}
          </button>
        )}
        {(h.phase === 'failed' ||
          h.phase === 'ended' ||
          h.phase === 'unavailable' ||
          h.phase === 'callBackBooked') && (
          <button type="button" class="btn btn-secondary" onClick={() => help.close()}>
            {t('help.close')}
          </button>
        )}
      </div>
    </aside>
  );
}
