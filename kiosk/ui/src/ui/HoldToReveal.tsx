import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from './context.ts';

/** How long a held value stays visible at most, so a forgotten finger does not leave it up. */
const REVEAL_MS = 4000;

/**
 * A personal number (ID, bank account) shown masked on a public screen. Holding the button
 * shows the whole value until the finger lifts or a few seconds pass; nothing is kept, so a
 * wipe (which unmounts the screen) leaves nothing behind.
 */
export function HoldToReveal({
  value,
  masked,
  label,
}: {
  value: string;
  masked: string;
  /** What the value is, for the button's accessible name. */
  label: string;
}) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hide = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setShown(false);
  };
  const show = () => {
    hide();
    setShown(true);
    timer.current = setTimeout(hide, REVEAL_MS);
  };
  useEffect(() => hide, []);
  return (
    <span class="masked-value">
      <span class="masked-text">{shown ? value : masked}</span>
      <button
        type="button"
        class="btn btn-secondary btn-reveal"
        aria-label={t('form.revealName', { label })}
        aria-pressed={shown}
        onPointerDown={show}
        onPointerUp={hide}
        onPointerLeave={hide}
        onPointerCancel={hide}
        onKeyDown={(e) => {
          if (e.key === ' ' || e.key === 'Enter') show();
        }}
        onKeyUp={hide}
        onBlur={hide}
        onContextMenu={(e) => e.preventDefault()}
      >
        {t('form.reveal')}
      </button>
    </span>
  );
}
