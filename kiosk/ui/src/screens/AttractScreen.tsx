import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

export function AttractScreen() {
  const { session } = useServices();
  const { identifyProblem } = useFlow();
  const t = useT();
  return (
    <ScreenLayout name="attract" title={t('attract.title')} intro={t('attract.subtitle')}>
      {identifyProblem && (
        <Message tone="warning">{t(`identify.problem.${identifyProblem}`)}</Message>
      )}
      <div class="attract-main">
        <button
          type="button"
          class="btn btn-primary btn-hero"
          onClick={() => session.start('apply')}
        >
          <Icon name="doc" size="1.4em" />
          {t('attract.start')}
        </button>
        <p class="hint">
          <Icon name="card" /> {t('attract.startHint')}
        </p>
      </div>
      <div class="attract-more">
        <button
          type="button"
          class="btn btn-secondary btn-large"
          onClick={() => session.start('status')}
        >
          <Icon name="search" />
          {t('attract.status')}
        </button>
        <button
          type="button"
          class="btn btn-secondary btn-large"
          onClick={() => session.start('instant')}
        >
          <Icon name="printer" />
          {t('attract.instant')}
        </button>
      </div>
      <p class="hint">
        <Icon name="qr" /> {t('attract.scanHint')}
      </p>
    </ScreenLayout>
  );
}
