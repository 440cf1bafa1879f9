import { useState } from 'preact/hooks';
import type { Journey } from '../flow/flow-state.ts';
import { useFlow, useShell, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';
import { AttractInfo } from './AttractInfo.tsx';

export function AttractScreen() {
  const shell = useShell();
  const { identifyProblem } = useFlow();
  const t = useT();
  const [notReady, setNotReady] = useState(false);
  // usually loaded by the time a finger lands; if not, the tap waits for it rather than being lost
  const start = (journey: Journey, elder = false) => {
    setNotReady(false);
    shell.ready().then(
      (s) => {
        s.session.start(journey);
        // chosen here so an elder never has to find it in small print (MIIT 适老化)
        if (elder) s.session.setElder(true);
      },
      () => setNotReady(true),
    );
  };
  return (
    <ScreenLayout name="attract" title={t('attract.title')} intro={t('attract.subtitle')}>
      {notReady && <Message tone="warning">{t('attract.notReady')}</Message>}
      {identifyProblem && (
        <Message tone="warning">{t(`identify.problem.${identifyProblem}`)}</Message>
      )}
      <div class="attract-main">
        <button type="button" class="btn btn-primary btn-hero" onClick={() => start('apply')}>
          <Icon name="doc" size="1.4em" />
          {t('attract.start')}
        </button>
        <button
          type="button"
          class="btn btn-secondary btn-large attract-elder"
          onClick={() => start('apply', true)}
        >
          {t('form.elderStart')}
        </button>
        <p class="hint">
          <Icon name="card" /> {t('attract.startHint')}
        </p>
      </div>
      <div class="attract-more">
        <button type="button" class="btn btn-secondary btn-large" onClick={() => start('status')}>
          <Icon name="search" />
          {t('attract.status')}
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={() => start('instant')}>
          <Icon name="printer" />
          {t('attract.instant')}
        </button>
      </div>
      <p class="hint">
        <Icon name="qr" /> {t('attract.scanHint')}
      </p>
      <AttractInfo />
    </ScreenLayout>
  );
}
