import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../flow/flow-state.ts';
import { t } from '../i18n/strings.ts';
import { Icon } from '../ui/Icon.tsx';

/**
 * Where the video-help call will live. Today no call can be placed from the kiosk, so the panel
 * says so plainly. The real call (ticket → queue position → agent → mediasoup room) plugs in
 * here: give it a `status` beyond 'unavailable' and render the call inside.
 */
export type VideoHelpStatus = 'unavailable' | 'connecting';

export function VideoHelpPanel({
  lang,
  status,
  onClose,
}: {
  lang: Lang;
  status: VideoHelpStatus;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <aside class="video-help-panel" aria-labelledby="video-help-h" data-video-status={status}>
      <h2 id="video-help-h" ref={heading} tabIndex={-1}>
        <Icon name="video" /> {t(lang, 'video.title')}
      </h2>
      <p class="message message-info">
        <Icon name={status === 'connecting' ? 'clock' : 'info'} />
        <span>{t(lang, status === 'connecting' ? 'video.connecting' : 'video.unavailable')}</span>
      </p>
      <button type="button" class="btn btn-secondary" onClick={onClose}>
        {t(lang, 'video.close')}
      </button>
    </aside>
  );
}
