import { useEffect, useRef } from 'preact/hooks';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';

/**
 * A guardian's separate consent for a child's data, asked when 确认提交 is pressed. Like the
 * video-help consent: a dialog in the standard display, an inline panel in elder mode; the
 * heading takes focus so the question is heard before any answer; Escape answers nothing.
 */
export function GuardianConsent() {
  const s = useFlow();
  if (s.guardianConsent === 'declined') {
    return <DeclinedNotice />;
  }
  if (s.guardianConsent !== 'asking') return null;
  return <ConsentQuestion elder={s.elder} />;
}

function DeclinedNotice() {
  const t = useT();
  return <Message tone="error">{t('consent.minor.declined')}</Message>;
}

function ConsentQuestion({ elder }: { elder: boolean }) {
  const { session } = useServices();
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);

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
      <h2 id="guardian-consent-h" ref={heading} tabIndex={-1}>
        <Icon name="lock" /> {t('consent.minor.title')}
      </h2>
      <p class="consent-text">{t('consent.minor.text')}</p>
      <p class="consent-text strong">{t('consent.minor.question')}</p>
      <div class="button-row consent-buttons">
        <button
          type="button"
          class="btn btn-primary btn-large"
          onClick={() => void session.submission.answerGuardianConsent(true)}
        >
          <Icon name="check" /> {t('consent.minor.agree')}
        </button>
        <button
          type="button"
          class="btn btn-secondary btn-large"
          onClick={() => void session.submission.answerGuardianConsent(false)}
        >
          <Icon name="cross" /> {t('consent.minor.decline')}
        </button>
      </div>
    </>
  );

  if (elder) {
    return (
      <section
        class="consent consent-inline"
        aria-labelledby="guardian-consent-h"
        data-consent="minorData"
      >
        {body}
      </section>
    );
  }
  return (
    <dialog
      ref={dialog}
      class="consent consent-dialog"
      aria-labelledby="guardian-consent-h"
      data-consent="minorData"
      onCancel={(e) => e.preventDefault()}
    >
      {body}
    </dialog>
  );
}
