import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Icon } from './Icon.tsx';

/**
 * Where the kiosk asks for a consent, in plain words with two big buttons (the children). A
 * dialog on top of everything in the standard display; in elder mode an inline panel instead
 * (pop-ups confuse, and are easily missed). The heading takes focus, not 同意: the citizen hears
 * what is asked before any answer. Escape answers nothing: only the buttons do.
 */
export function ConsentFrame({
  consent,
  title,
  elder,
  children,
}: {
  /** What is asked (`data-consent`), e.g. readIdCard or minorData. */
  consent: string;
  title: string;
  elder: boolean;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = `consent-h-${consent}`;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open && typeof d.showModal === 'function') d.showModal();
    heading.current?.focus();
    return () => {
      if (d?.open) d.close();
    };
  }, []);

  const body = (
    <>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        <Icon name="lock" /> {title}
      </h2>
      {children}
    </>
  );
  if (elder) {
    return (
      <section class="consent consent-inline" aria-labelledby={headingId} data-consent={consent}>
        {body}
      </section>
    );
  }
  return (
    <dialog
      ref={dialog}
      class="consent consent-dialog"
      aria-labelledby={headingId}
      data-consent={consent}
      onCancel={(e) => e.preventDefault()}
    >
      {body}
    </dialog>
  );
}
