import { useFlow, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** Waits for the bridge: card:inserted / card:error, or an electronic-ID QR code. */
export function IdentifyScreen() {
  const { identifyProblem, busy } = useFlow();
  const t = useT();
  return (
    <ScreenLayout name="identify" title={t('identify.title')} intro={t('identify.intro')}>
      <div class="identify-art" aria-hidden="true">
        <Icon name="card" size="6em" />
      </div>
      {identifyProblem ? (
        <Message tone="warning">{t(`identify.problem.${identifyProblem}`)}</Message>
      ) : (
        <Message tone="pending">
          {busy === 'eid' ? t('identify.checkingEid') : t('identify.waiting')}
        </Message>
      )}
      <p class="hint">
        <Icon name="qr" /> {t('identify.orScan')}
      </p>
    </ScreenLayout>
  );
}
