import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

export function FinishScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  return (
    <ScreenLayout
      name="finish"
      title={t('finish.title')}
      intro={t('finish.intro')}
      actions={
        <button type="button" class="btn btn-primary btn-large" onClick={() => session.wipe()}>
          <Icon name="exit" /> {t('nav.finish')}
        </button>
      }
    >
      {s.rating.sent && <Message tone="success">{t('finish.rated')}</Message>}
    </ScreenLayout>
  );
}
