import { useEffect, useRef } from 'preact/hooks';
import type { Lang } from '../flow/flow-state.ts';
import { t } from '../i18n/strings.ts';
import { useFlow } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';

const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/**
 * Nobody has chosen a language on this screen, so it speaks both. In maintenance it names the
 * nearest terminal in service (the bridge's ui:maintenance message), else says "another one".
 */
export function OutOfServiceScreen() {
  const { maintenance } = useFlow();
  const place = maintenance?.alternative ?? null;
  const heading = useRef<HTMLHeadingElement>(null);
  // like every screen: a screen reader starts at its heading
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="screen screen-outOfService" data-screen="outOfService" aria-labelledby="h-oos">
      <h1 id="h-oos" ref={heading} tabIndex={-1}>
        <Icon name="warning" size="1.1em" /> <span lang="zh-CN">{t('zh-CN', 'oos.title')}</span>
        <span class="oos-second" lang="en">
          {t('en', 'oos.title')}
        </span>
      </h1>
      <div class="screen-body oos-body">
        {LANGS.map((lang) => (
          <div key={lang} class="oos-lang" lang={lang}>
            {place ? (
              <>
                <p class="oos-place">
                  <Icon name="info" /> {t(lang, 'oos.goTo')}
                  {/* the server names places in Chinese only: read them as Chinese */}
                  <span lang="zh-CN">{place}</span>
                </p>
                <p>{t(lang, 'oos.goToNote')}</p>
              </>
            ) : (
              <p>{t(lang, 'oos.body')}</p>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
