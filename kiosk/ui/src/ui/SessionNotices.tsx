import { useEffect, useRef } from 'preact/hooks';
import { useFlow, useShell, useT } from './context.ts';
import { Icon } from './Icon.tsx';

/**
 * "Are you still there?": an in-page notice (no pop-up) with a visible countdown and one
 * button to carry on. The button takes focus so a switch or Enter answers it at once.
 */
export function IdleWarning() {
  const { services } = useShell();
  const { idleSecondsLeft } = useFlow();
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  const showing = idleSecondsLeft !== null;
  useEffect(() => {
    if (showing) button.current?.focus();
  }, [showing]);
  if (!showing || !services) return null;
  return (
    <section class="session-notice idle-warning" aria-labelledby="idle-h" data-notice="idle">
      <h2 id="idle-h">
        <Icon name="clock" /> {t('idle.title')}
      </h2>
      <p>{t('idle.body', { seconds: idleSecondsLeft })}</p>
      <p class="countdown" aria-hidden="true">
        {idleSecondsLeft}
      </p>
      <button
        type="button"
        ref={button}
        class="btn btn-primary btn-large"
        onClick={() => services.session.stillHere()}
      >
        {t('idle.continue')}
      </button>
    </section>
  );
}

/** Card taken out mid-flow with the 'warn' policy. */
export function CardRemovedNotice() {
  const { services } = useShell();
  const { cardRemovedWarning } = useFlow();
  const t = useT();
  if (!cardRemovedWarning || !services) return null;
  return (
    <section class="session-notice" aria-labelledby="card-removed-h" data-notice="cardRemoved">
      <h2 id="card-removed-h">
        <Icon name="card" /> {t('cardRemoved.title')}
      </h2>
      <p>{t('cardRemoved.body')}</p>
      <button
        type="button"
        class="btn btn-primary"
        onClick={() => services.session.identification.dismissCardWarning()}
      >
        {t('cardRemoved.continue')}
      </button>
    </section>
  );
}
