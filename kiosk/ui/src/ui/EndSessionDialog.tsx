import { useEffect, useRef } from 'preact/hooks';
import { useT } from './context.ts';
import { Icon } from './Icon.tsx';

/**
 * 结束办理 asks first: ending wipes what the citizen has filled in and photographed, so a
 * stray tap must not do it. A modal dialog keeps focus inside; Escape (or the backdrop)
 * means "continue", the safe answer.
 */
export function EndSessionDialog({
  onContinue,
  onEnd,
}: {
  onContinue: () => void;
  onEnd: () => void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    stay.current?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="consent consent-dialog end-dialog"
      aria-labelledby="end-h"
      aria-describedby="end-body"
      onCancel={(e) => {
        e.preventDefault();
        onContinue();
      }}
    >
      <h2 id="end-h">
        <Icon name="warning" /> {t('form.end.title')}
      </h2>
      <p id="end-body" class="consent-text">
        {t('form.end.body')}
      </p>
      <div class="button-row end-actions">
        <button type="button" ref={stay} class="btn btn-primary btn-large" onClick={onContinue}>
          {t('form.end.continue')}
        </button>
        <button type="button" class="btn btn-secondary btn-large btn-danger" onClick={onEnd}>
          <Icon name="exit" /> {t('form.end.confirm')}
        </button>
      </div>
    </dialog>
  );
}
