import { render } from 'preact';
import { BridgeClient } from './api/bridge-client.ts';
import { consumeLaunchFragment } from './api/launch-fragment.ts';
import { ServerApi } from './api/server-api.ts';
import { DocumentCamera } from './camera/document-camera.ts';
import { resolveConfig } from './config.ts';
import { initialState } from './flow/flow-state.ts';
import { FlowStore } from './flow/store.ts';
import { KioskSession } from './session/kiosk-session.ts';
import { VoiceGuide } from './speech/voice-guide.ts';
import { App } from './ui/App.tsx';
import './styles/kiosk.css';

// Read once, then removed from the address bar: the token must not linger in history.
const launch = consumeLaunchFragment(window.location, window.history);
const config = resolveConfig(launch.ok ? launch.params.overrides : {});

const bridge = launch.ok
  ? new BridgeClient({
      bridgeUrl: launch.params.bridgeUrl,
      token: launch.params.token,
      timeoutMs: config.bridgeTimeoutMs,
    })
  : null;

const api = new ServerApi({
  getToken: (refresh) =>
    bridge ? bridge.sessionToken(refresh) : Promise.reject(new Error('no device bridge')),
  timeoutMs: config.requestTimeoutMs,
  maxUploadBytes: config.maxUploadBytes,
});

const camera = new DocumentCamera();
const voice = new VoiceGuide();
const store = new FlowStore(
  initialState({
    demo: false,
    bridgeConnected: bridge?.connected ?? false,
    screen: launch.ok ? 'attract' : 'outOfService',
  }),
);
const session = new KioskSession({
  store,
  bridge,
  api,
  config,
  // ASSUMPTION: the booth server will serve a public status page at /status?case=…
  statusBase: `${window.location.origin}/status`,
  stopCamera: () => camera.stop(),
  stopVoice: () => voice.stop(),
});
session.attach();
window.addEventListener('pagehide', () => session.wipe());

const root = document.getElementById('app');
if (root) render(<App services={{ session, camera, voice }} />, root);
