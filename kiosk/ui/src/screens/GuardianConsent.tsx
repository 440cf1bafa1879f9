import { ConsentFrame } from '../ui/ConsentFrame.tsx';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';

/**
 * A guardian's separate consent for a child's data, asked when 确认提交 is pressed, in the
 * kiosk's consent frame (a dialog, or inline in elder mode); after 不同意 the review says that
 * nothing was filed.
 */
export function GuardianConsent() {
  const s = useFlow();
  const t = useT();
  if (s.guardianConsent === 'declined') {
    return <Message tone="error">{t('consent.minor.declined')}</Message>;
  }
  if (s.guardianConsent !== 'asking') return null;
  return <ConsentQuestion elder={s.elder} />;
}

function ConsentQuestion({ elder }: { elder: boolean }) {
  const { session } = useServices();
  const t = useT();
  return (
    <ConsentFrame consent="minorData" title={t('consent.minor.title')} elder={elder}>
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
    </ConsentFrame>
  );
}
