import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Screen } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import { t } from '../i18n/strings.ts';
import { AttractScreen } from '../screens/AttractScreen.tsx';
import { OutOfServiceScreen } from '../screens/OutOfServiceScreen.tsx';
import type { VoiceGuide } from '../speech/voice-guide.ts';
import {
  type LazyUi,
  problemMessage,
  type Services,
  type Shell,
  ShellContext,
  useFlow,
  useShell,
  useT,
} from './context.ts';
import { requeuedWords } from '../video/help-words.ts';
import { Message } from './Message.tsx';
import { CardRemovedNotice, IdleWarning } from './SessionNotices.tsx';
import { Header, NavBar, ProblemBanner, Progress } from './Shell.tsx';

/** The screens that render before the rest of the app has loaded. */
const SHELL_SCREENS: Partial<Record<Screen, FunctionComponent>> = {
  attract: AttractScreen,
  outOfService: OutOfServiceScreen,
};

/** A flow screen whose code is still on its way (only if a tap beat the loading). */
function Loading() {
  const t = useT();
  return <Message tone="pending">{t('busy.loading')}</Message>;
}

/**
 * One polite live region for the whole app: step changes and problems are announced here,
 * once each, in the citizen's language.
 */
function LiveRegion() {
  const s = useFlow();
  const [text, setText] = useState('');
  const say = (message: string) => {
    // clearing first makes a repeated message be announced again
    setText('');
    setTimeout(() => setText(message), 50);
  };
  useEffect(() => {
    // the new screen's h1 is in the DOM after this render
    const h1 = document.querySelector('main h1');
    if (h1?.textContent) say(t(s.lang, 'live.step', { title: h1.textContent }));
  }, [s.screen]);
  useEffect(() => {
    if (s.problem) say(problemMessage(s.lang, s.problem));
  }, [s.problem]);
  useEffect(() => {
    if (s.identifyProblem) say(t(s.lang, `identify.problem.${s.identifyProblem}`));
  }, [s.identifyProblem]);
  useEffect(() => {
    if (s.fieldErrors.length) say(t(s.lang, 'form.errorsTitle', { count: s.fieldErrors.length }));
  }, [s.fieldErrors]);
  useEffect(() => {
    const first = s.status.invalid[0];
    if (first) say(t(s.lang, `status.invalid.${first}`));
  }, [s.status.invalid]);
  useEffect(() => {
    if (s.status.refused) say(t(s.lang, `status.refused.${s.status.refused}`));
  }, [s.status.refused]);
  const idle = s.idleSecondsLeft !== null;
  useEffect(() => {
    if (idle)
      say(
        `${t(s.lang, 'idle.title')} ${t(s.lang, 'idle.body', { seconds: s.idleSecondsLeft ?? 0 })}`,
      );
  }, [idle]);
  useEffect(() => {
    if (s.cardRemovedWarning) say(t(s.lang, 'cardRemoved.title'));
  }, [s.cardRemovedWarning]);
  const h = s.help;
  useEffect(() => {
    if (h.phase === 'connected' && h.agent) {
      say(t(s.lang, 'help.connectedTitle', { name: h.agent.name }));
    } else if (h.phase === 'ended') {
      say(t(s.lang, h.endedAfterCall ? 'help.ended' : 'help.endedWaiting'));
    } else if (h.phase === 'failed' && h.problem) {
      say(problemMessage(s.lang, h.problem));
    }
  }, [h.phase]);
  useEffect(() => {
    if (h.requeued) say(requeuedWords(s.lang, h.requeued));
  }, [h.requeued]);
  useEffect(() => {
    if (h.escalated) say(t(s.lang, 'help.escalated'));
  }, [h.escalated]);
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

function Frame() {
  const shell = useShell();
  const s = useFlow();
  const Current = shell.ui?.screens[s.screen] ?? SHELL_SCREENS[s.screen] ?? Loading;
  const session = shell.services?.session;

  useEffect(() => {
    const root = document.documentElement;
    root.lang = s.lang;
    root.dataset.elder = String(s.elder);
  }, [s.lang, s.elder]);

  // every tap, key or keystroke counts as "still here"
  useEffect(() => {
    if (!session) return;
    const onActivity = () => session.activity();
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const e of events)
      document.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, onActivity, { capture: true });
    };
  }, [session]);

  const Help = shell.ui?.VideoHelpArea;
  const Sim = shell.ui?.SimPanel;
  return (
    <div class="app" data-journey={s.journey ?? 'none'}>
      <Header />
      <Progress />
      <main id="main" aria-busy={s.busy !== null}>
        <IdleWarning />
        <CardRemovedNotice />
        <div id="video-help">{Help && s.screen !== 'attract' && <Help />}</div>
        <ProblemBanner />
        <Current key={s.screen} />
      </main>
      <NavBar />
      {Sim && <Sim />}
      <LiveRegion />
    </div>
  );
}

/** What main.tsx hands the app: enough for the first paint, and how to load the rest. */
export interface Boot {
  store: FlowStore;
  voice: VoiceGuide;
  /** Loads the services and the remaining screens; null when there is nothing to serve. */
  load: (() => Promise<{ services: Services; ui: LazyUi }>) | null;
}

const RELOAD_MS = 5_000;

export function App({ boot }: { boot: Boot }) {
  const [loaded, setLoaded] = useState<{ services: Services; ui: LazyUi } | null>(null);

  useEffect(() => {
    const load = boot.load;
    if (!load) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const go = () =>
      load().then(
        (l) => live && setLoaded(l),
        () => {
          // the server may be restarting: keep the attract screen up and try again
          if (live) retry = setTimeout(go, RELOAD_MS);
        },
      );
    // a frame callback runs before the first paint; the timeout inside it, after
    const frame = requestAnimationFrame(() => {
      retry = setTimeout(go, 0);
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(retry);
    };
  }, [boot]);

  const shell = useMemo<Shell>(
    () => ({
      store: boot.store,
      voice: boot.voice,
      services: loaded?.services ?? null,
      ui: loaded?.ui ?? null,
      ready: () => {
        if (loaded) return Promise.resolve(loaded.services);
        if (!boot.load) return Promise.reject(new Error('out of service'));
        return boot.load().then((l) => {
          setLoaded(l);
          return l.services;
        });
      },
    }),
    [boot, loaded],
  );

  return (
    <ShellContext.Provider value={shell}>
      <Frame />
    </ShellContext.Provider>
  );
}
