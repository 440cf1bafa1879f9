import { useState } from 'preact/hooks';
import { backTarget } from '../flow/navigation.ts';
import type { FlowState, Screen } from '../flow/flow-state.ts';
import type { StringKey } from '../i18n/strings.ts';
import { problemMessage, useFlow, useShell, useT } from './context.ts';
import { EndSessionDialog } from './EndSessionDialog.tsx';
import { Icon } from './Icon.tsx';
import { Message } from './Message.tsx';

/** The banner: service name and the settings that must stay reachable on every screen. */
export function Header() {
  const { store, services, voice } = useShell();
  const s = useFlow();
  const t = useT();
  const other = s.lang === 'en' ? 'zh-CN' : 'en';
  // elder mode and voice belong to a citizen's session: offered once one has started
  const session = s.screen !== 'attract' && s.screen !== 'outOfService' ? services?.session : null;
  return (
    <header class="app-header">
      <p class="app-name">{t('app.name')}</p>
      <fieldset class="settings">
        <legend class="visually-hidden">{t('shell.settings')}</legend>
        <button
          type="button"
          class="btn btn-toggle"
          onClick={() => store.dispatch({ type: 'setLang', lang: other })}
        >
          {/* the name starts with the visible word (WCAG 2.5.3), each part in its own language */}
          <span lang={other}>{t('lang.switch')}</span>
          <span class="visually-hidden">{t('lang.switchName')}</span>
        </button>
        {session && (
          <button
            type="button"
            class="btn btn-toggle"
            aria-pressed={s.elder}
            onClick={() => session.setElder(!s.elder)}
          >
            {t('toggle.elder')}
            <span class="toggle-state" aria-hidden="true">
              {s.elder ? t('toggle.on') : t('toggle.off')}
            </span>
          </button>
        )}
        {session && voice.available && (
          <button
            type="button"
            class="btn btn-toggle"
            aria-pressed={s.voice}
            onClick={() => session.setVoice(!s.voice)}
          >
            <Icon name="speaker" /> {t('toggle.voice')}
            <span class="toggle-state" aria-hidden="true">
              {s.voice ? t('toggle.on') : t('toggle.off')}
            </span>
          </button>
        )}
      </fieldset>
    </header>
  );
}

const APPLY_STEPS: { key: StringKey; screens: Screen[] }[] = [
  { key: 'progress.identify', screens: ['identify'] },
  { key: 'progress.choose', screens: ['chooseBundle'] },
  { key: 'progress.notice', screens: ['notice'] },
  { key: 'progress.items', screens: ['chooseItems'] },
  { key: 'progress.form', screens: ['form'] },
  { key: 'progress.materials', screens: ['materials'] },
  { key: 'progress.review', screens: ['review'] },
  { key: 'progress.receipt', screens: ['receipt', 'queued'] },
];

/** Where the citizen stands in an application, in words ("step 3 of 8: notice"). */
export function Progress() {
  const s = useFlow();
  const t = useT();
  if (s.journey !== 'apply') return null;
  const index = APPLY_STEPS.findIndex((st) => st.screens.includes(s.screen));
  if (index < 0) return null;
  const step = APPLY_STEPS[index]!;
  return (
    <nav class="progress" aria-label={t('progress.label')}>
      <p class="progress-text">
        {t('progress.step', { n: index + 1, total: APPLY_STEPS.length, name: t(step.key) })}
      </p>
      {!s.elder && (
        <ol class="progress-steps" aria-hidden="true">
          {APPLY_STEPS.map((st, i) => (
            <li key={st.key} class={i < index ? 'done' : i === index ? 'current' : ''}>
              {i < index && <Icon name="check" />} {t(st.key)}
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}

function showsOwnProblem(s: FlowState): boolean {
  if (s.screen === 'instantPrint' && s.problem?.source === 'bridge') return true;
  return s.screen === 'review' && (s.submitPhase === 'failed' || s.submitPhase === 'unreachable');
}

/** Failed calls and lost connections, said plainly, with "try again" where it helps. */
export function ProblemBanner() {
  const { services } = useShell();
  const s = useFlow();
  const t = useT();
  return (
    <div class="banners">
      {s.bridgeConnected === false && s.screen !== 'outOfService' && (
        <Message tone="warning">{t('problem.bridgeOffline')}</Message>
      )}
      {s.problem && !showsOwnProblem(s) && (
        <div class="problem">
          <Message tone="error">{problemMessage(s.lang, s.problem)}</Message>
          <div class="button-row">
            {s.problem.retryable && (
              <button
                type="button"
                class="btn btn-primary"
                disabled={s.busy !== null}
                onClick={() => void services?.session.retry()}
              >
                {t('nav.retry')}
              </button>
            )}
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => services?.session.dismissProblem()}
            >
              {t('problem.dismiss')}
            </button>
          </div>
        </div>
      )}
      {!s.problem && s.offline && <Message tone="warning">{t('problem.offline')}</Message>}
    </div>
  );
}

/** Screens that carry their own finishing button. */
const OWN_FINISH: ReadonlySet<Screen> = new Set(['finish', 'instantPrint']);

/**
 * Back, video help and 结束办理 (at the far end, away from 上一步, and asking first: it wipes
 * the session).
 */
export function NavBar() {
  const { services } = useShell();
  const s = useFlow();
  const t = useT();
  const [ending, setEnding] = useState(false);
  if (s.screen === 'attract' || s.screen === 'outOfService' || !services) return null;
  const { session, help } = services;
  const back = backTarget(s);
  const open = s.help.phase !== 'idle';
  const onVideo = () => {
    if (s.help.phase === 'idle' || s.help.phase === 'failed' || s.help.phase === 'ended') {
      void help.request();
    }
    // the panel is already up: bring the citizen to it
    document.getElementById('video-help-h')?.focus();
  };
  return (
    <nav class="nav-bar" aria-label={t('nav.label')}>
      {back && (
        <button type="button" class="btn btn-secondary btn-nav" onClick={() => session.back()}>
          <Icon name="back" /> {t('nav.back')}
        </button>
      )}
      <button
        type="button"
        class="btn btn-video"
        aria-expanded={open}
        aria-controls="video-help"
        data-help-phase={s.help.phase}
        onClick={onVideo}
      >
        <Icon name="video" size="1.4em" /> {t('video.button')}
      </button>
      {!OWN_FINISH.has(s.screen) && (
        <button
          type="button"
          class="btn btn-secondary btn-nav btn-end"
          aria-haspopup="dialog"
          onClick={() => setEnding(true)}
        >
          <Icon name="exit" /> {t('nav.finish')}
        </button>
      )}
      {ending && (
        <EndSessionDialog
          onContinue={() => setEnding(false)}
          onEnd={() => {
            setEnding(false);
            session.wipe();
          }}
        />
      )}
    </nav>
  );
}
