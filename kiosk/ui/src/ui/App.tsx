import type { FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { SimPanel } from '../demo/SimPanel.tsx';
import type { Screen } from '../flow/flow-state.ts';
import { t } from '../i18n/strings.ts';
import { AttractScreen } from '../screens/AttractScreen.tsx';
import { ChooseBundleScreen } from '../screens/ChooseBundleScreen.tsx';
import { ChooseItemsScreen } from '../screens/ChooseItemsScreen.tsx';
import { FinishScreen } from '../screens/FinishScreen.tsx';
import { FormScreen } from '../screens/FormScreen.tsx';
import { IdentifyScreen } from '../screens/IdentifyScreen.tsx';
import {
  InstantChooseScreen,
  InstantConfirmScreen,
  InstantPrintScreen,
} from '../screens/InstantScreens.tsx';
import { MaterialsScreen } from '../screens/MaterialsScreen.tsx';
import { NoticeScreen } from '../screens/NoticeScreen.tsx';
import { OutOfServiceScreen } from '../screens/OutOfServiceScreen.tsx';
import { QueuedScreen } from '../screens/QueuedScreen.tsx';
import { RatingScreen } from '../screens/RatingScreen.tsx';
import { ReceiptScreen } from '../screens/ReceiptScreen.tsx';
import { ReviewScreen } from '../screens/ReviewScreen.tsx';
import { StatusLookupScreen } from '../screens/StatusLookupScreen.tsx';
import { StatusViewScreen } from '../screens/StatusViewScreen.tsx';
import { WelcomeScreen } from '../screens/WelcomeScreen.tsx';
import { VideoHelpPanel } from '../video/VideoHelpPanel.tsx';
import { problemMessage, type Services, ServicesContext, useFlow, useServices } from './context.ts';
import { CardRemovedNotice, IdleWarning } from './SessionNotices.tsx';
import { Header, NavBar, ProblemBanner, Progress } from './Shell.tsx';

const SCREENS: Record<Screen, FunctionComponent> = {
  outOfService: OutOfServiceScreen,
  attract: AttractScreen,
  welcome: WelcomeScreen,
  identify: IdentifyScreen,
  chooseBundle: ChooseBundleScreen,
  notice: NoticeScreen,
  chooseItems: ChooseItemsScreen,
  form: FormScreen,
  materials: MaterialsScreen,
  review: ReviewScreen,
  receipt: ReceiptScreen,
  queued: QueuedScreen,
  rating: RatingScreen,
  finish: FinishScreen,
  statusLookup: StatusLookupScreen,
  statusView: StatusViewScreen,
  instantChoose: InstantChooseScreen,
  instantConfirm: InstantConfirmScreen,
  instantPrint: InstantPrintScreen,
};

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
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

function Frame() {
  const { session } = useServices();
  const s = useFlow();
  const videoButton = useRef<HTMLElement | null>(null);
  const Current = SCREENS[s.screen];

  useEffect(() => {
    const root = document.documentElement;
    root.lang = s.lang;
    root.dataset.elder = String(s.elder);
  }, [s.lang, s.elder]);

  // every tap, key or keystroke counts as "still here"
  useEffect(() => {
    const onActivity = () => session.activity();
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const e of events)
      document.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, onActivity, { capture: true });
    };
  }, [session]);

  const closeVideo = () => {
    session.videoHelp(false);
    videoButton.current = document.querySelector('.btn-video');
    videoButton.current?.focus();
  };

  return (
    <div class="app" data-journey={s.journey ?? 'none'}>
      <Header />
      <Progress />
      <main id="main" aria-busy={s.busy !== null}>
        <IdleWarning />
        <CardRemovedNotice />
        <div id="video-help">
          {s.videoHelpOpen && s.screen !== 'attract' && (
            <VideoHelpPanel lang={s.lang} status="unavailable" onClose={closeVideo} />
          )}
        </div>
        <ProblemBanner />
        <Current key={s.screen} />
      </main>
      <NavBar />
      <SimPanel />
      <LiveRegion />
    </div>
  );
}

export function App({ services }: { services: Services }) {
  return (
    <ServicesContext.Provider value={services}>
      <Frame />
    </ServicesContext.Provider>
  );
}
