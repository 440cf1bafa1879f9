import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** Language, elder mode and voice: big radio choices, one confirm button. */
export function WelcomeScreen() {
  const { session, voice } = useServices();
  const s = useFlow();
  const t = useT();
  return (
    <ScreenLayout
      name="welcome"
      title={t('welcome.title')}
      intro={t('welcome.intro')}
      actions={
        <button
          type="button"
          class="btn btn-primary btn-large"
          onClick={() => session.welcomeDone()}
        >
          {t('welcome.continue')}
        </button>
      }
    >
      <fieldset class="choice-group">
        <legend>{t('welcome.language')}</legend>
        <label class="choice" lang="zh-CN">
          <input
            type="radio"
            name="lang"
            checked={s.lang === 'zh-CN'}
            onChange={() => session.setLang('zh-CN')}
          />
          <span>{t('lang.zh')}</span>
        </label>
        <label class="choice" lang="en">
          <input
            type="radio"
            name="lang"
            checked={s.lang === 'en'}
            onChange={() => session.setLang('en')}
          />
          <span>{t('lang.en')}</span>
        </label>
      </fieldset>
      <fieldset class="choice-group">
        <legend>{t('welcome.display')}</legend>
        <label class="choice">
          <input
            type="radio"
            name="elder"
            checked={!s.elder}
            onChange={() => session.setElder(false)}
          />
          <span>{t('welcome.standard')}</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="elder"
            checked={s.elder}
            onChange={() => session.setElder(true)}
          />
          <span>{t('welcome.elder')}</span>
        </label>
      </fieldset>
      <fieldset class="choice-group">
        <legend>
          <Icon name="speaker" /> {t('welcome.voice')}
        </legend>
        {voice.available ? (
          <>
            <label class="choice">
              <input
                type="radio"
                name="voice"
                checked={s.voice}
                onChange={() => session.setVoice(true)}
              />
              <span>{t('welcome.voiceOn')}</span>
            </label>
            <label class="choice">
              <input
                type="radio"
                name="voice"
                checked={!s.voice}
                onChange={() => session.setVoice(false)}
              />
              <span>{t('welcome.voiceOff')}</span>
            </label>
          </>
        ) : (
          <p>{t('welcome.voiceUnavailable')}</p>
        )}
      </fieldset>
    </ScreenLayout>
  );
}
