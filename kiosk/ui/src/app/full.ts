import { BridgeClient } from '../api/bridge-client.ts';
import { KioskSocket } from '../api/kiosk-socket.ts';
import type { LaunchParams } from '../api/launch-fragment.ts';
import { ServerApi } from '../api/server-api.ts';
import { DocumentCamera } from '../camera/document-camera.ts';
import type { KioskConfig } from '../config.ts';
import { SimPanel } from '../demo/SimPanel.tsx';
import type { FlowStore } from '../flow/store.ts';
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
import { QueuedScreen } from '../screens/QueuedScreen.tsx';
import { RatingScreen } from '../screens/RatingScreen.tsx';
import { ReceiptScreen } from '../screens/ReceiptScreen.tsx';
import { ReviewScreen } from '../screens/ReviewScreen.tsx';
import { StatusLookupScreen } from '../screens/StatusLookupScreen.tsx';
import { CorrectionSupplyScreen } from '../screens/CorrectionSupplyScreen.tsx';
import { StatusViewScreen } from '../screens/StatusViewScreen.tsx';
import { WelcomeScreen } from '../screens/WelcomeScreen.tsx';
import { KioskSession } from '../session/kiosk-session.ts';
import type { VoiceGuide } from '../speech/voice-guide.ts';
import type { LazyUi, Services } from '../ui/context.ts';
import { VideoHelpArea } from '../video/VideoHelpArea.tsx';
import { VideoHelp } from '../video/video-help.ts';

/** Everything after the attract screen: loaded right after the first paint. */
export const ui: LazyUi = {
  screens: {
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
    correctionSupply: CorrectionSupplyScreen,
    instantChoose: InstantChooseScreen,
    instantConfirm: InstantConfirmScreen,
    instantPrint: InstantPrintScreen,
  },
  VideoHelpArea,
  SimPanel,
};

/** Connects the terminal: device bridge, booth server (REST and socket), session, video help. */
export function start(env: {
  store: FlowStore;
  voice: VoiceGuide;
  config: KioskConfig;
  launch: LaunchParams;
  /** Reloads the page as launched (ui:reload). */
  reload: () => void;
}): { services: Services; ui: LazyUi } {
  const { store, voice, config, launch, reload } = env;
  const bridge = new BridgeClient({
    bridgeUrl: launch.bridgeUrl,
    token: launch.token,
    timeoutMs: config.bridgeTimeoutMs,
  });
  const getToken = (refresh: boolean) => bridge.sessionToken(refresh);
  const api = new ServerApi({
    getToken,
    timeoutMs: config.requestTimeoutMs,
    maxUploadBytes: config.maxUploadBytes,
  });
  const socket = new KioskSocket({
    getToken,
    hello: () => ({ language: store.state.lang, elderMode: store.state.elder }),
  });
  const camera = new DocumentCamera();
  let help: VideoHelp | null = null;
  const session = new KioskSession({
    store,
    bridge,
    api,
    config,
    // The booth server serves the public status page at /status?case=…
    statusBase: `${window.location.origin}/status`,
    stopCamera: () => camera.stop(),
    stopVoice: () => voice.stop(),
    endHelp: () => help?.end(),
    reload,
  });
  help = new VideoHelp({
    store,
    socket,
    bridge,
    api,
    onCaseFiled: (view) => session.submission.caseFiledByAgent(view),
  });
  session.attach();
  help.attach();
  // A revoked terminal serves nobody: the server says so before it ends the socket.
  socket.on('session:ended', (p) => {
    if (p.reason === 'revoked') session.terminalRevoked();
  });
  socket.onConnection((connected) => {
    if (connected) session.terminalRestored();
  });
  // the server socket needs the bridge's token: once the bridge is back, do not wait out a backoff
  bridge.onConnection((connected) => {
    if (connected) socket.reconnect();
  });
  window.addEventListener('pagehide', () => session.wipe());
  return { services: { session, camera, voice, help }, ui };
}
