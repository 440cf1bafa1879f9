import { render } from 'preact';
import { consumeLaunchFragment } from './api/launch-fragment.ts';
import { resolveConfig } from './config.ts';
import { initialState } from './flow/flow-state.ts';
import { FlowStore } from './flow/store.ts';
import { VoiceGuide } from './speech/voice-guide.ts';
import { App, type Boot } from './ui/App.tsx';
import './styles/kiosk.css';

/*
 * The first paint needs only this module's imports: the store, the frame and the attract
 * screen. Everything else (flow screens, the zod-checked APIs, socket.io, the call's media) is
 * in ./app/full.ts, fetched right after that paint (see App), so the terminal shows its
 * start button as soon as the browser can draw.
 */

// Kept in memory for ui:reload only: a reloaded page must be able to launch again.
const launchHref = window.location.href;
// Read once, then removed from the address bar: the token must not linger in history.
const launch = consumeLaunchFragment(window.location, window.history);
const config = resolveConfig(launch.ok ? launch.params.overrides : {});

const store = new FlowStore(
  initialState({
    demo: false,
    bridgeConnected: null,
    screen: launch.ok ? 'attract' : 'outOfService',
  }),
);
const voice = new VoiceGuide();

/** Reloads the page as the launcher opened it, fragment included (removed again at start-up). */
function relaunch(): void {
  window.history.replaceState(null, '', launchHref);
  window.location.reload();
}

let loading: ReturnType<NonNullable<Boot['load']>> | null = null;
const boot: Boot = {
  store,
  voice,
  load: launch.ok
    ? () => {
        loading ??= import('./app/full.ts')
          .then((m) => m.start({ store, voice, config, launch: launch.params, reload: relaunch }))
          .catch((e: unknown) => {
            // a failed fetch may succeed later: let the next call try again
            loading = null;
            throw e;
          });
        return loading;
      }
    : null,
};

const root = document.getElementById('app');
if (root) render(<App boot={boot} />, root);

/** The on-screen keyboard and its pinyin dictionary: chunks of their own, after the first paint. */
function loadKeyboard(): void {
  import('./input/keyboard-host.ts').then(
    (m) => m.attachKeyboard(store),
    // the server may be restarting: try again, as the app's own loading does
    () => setTimeout(loadKeyboard, 5_000),
  );
}
// a frame callback runs before the first paint; the timeout inside it, after
if (launch.ok) requestAnimationFrame(() => setTimeout(loadKeyboard, 0));
