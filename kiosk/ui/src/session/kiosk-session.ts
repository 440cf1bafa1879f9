import type { BridgeClient } from '../api/bridge-client.ts';
import type { ServerApi } from '../api/server-api.ts';
import type { KioskConfig } from '../config.ts';
import { DemoSimulator } from '../demo/demo-simulator.ts';
import type { FlowAction } from '../flow/flow-reducer.ts';
import { backTarget } from '../flow/navigation.ts';
import type { FlowState, Journey, Lang } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import { classifyScan } from '../identify/classify-scan.ts';
import { ApplicationForm } from './application-form.ts';
import { AutoWipe } from './auto-wipe.ts';
import { BundleChoice } from './bundle-choice.ts';
import { Identification } from './identification.ts';
import type { TimerHost } from './inactivity-timer.ts';
import { InstantCertificate } from './instant-certificate.ts';
import { Materials, type ObjectUrls } from './materials.ts';
import { PaperWatch } from './paper-watch.ts';
import { Printing } from './printing.ts';
import { Rating } from './rating.ts';
import { SessionCalls } from './session-calls.ts';
import { StatusLookup } from './status-lookup.ts';
import { Submission } from './submission.ts';

export interface KioskSessionDeps {
  store: FlowStore;
  /** Null when the launcher gave no bridge (the UI then shows "out of service"). */
  bridge: BridgeClient | null;
  api: ServerApi;
  config: KioskConfig;
  /** Base of the status-lookup URL printed as the receipt's QR code. */
  statusBase: string;
  /** Stops the document camera; the camera itself belongs to the materials screen. */
  stopCamera?: () => void;
  /** Silences voice guidance. */
  stopVoice?: () => void;
  /** Withdraws a video-help request or ends the call (the next citizen must not inherit it). */
  endHelp?: () => void;
  /** Reloads the page as launched (the bridge's ui:reload); the session is wiped first. */
  reload?: () => void;
  newKey?: () => string;
  timers?: TimerHost;
  objectUrls?: ObjectUrls;
}

/**
 * The kiosk's side effects around the pure flow reducer, one part per stretch of the citizen's
 * journey (identification, bundle choice, form, materials, submission, printing, rating, status
 * lookup, instant certificates, demo devices). Screens call the parts; they never call the APIs
 * themselves. The session owns the parts: it routes the bridge's notifications and screen changes
 * to them, and when the citizen is gone (finish, inactivity, card removal by policy,
 * maintenance, revocation, reload) it stops and forgets them all at once.
 */
export class KioskSession {
  readonly store: FlowStore;
  readonly config: KioskConfig;
  readonly identification: Identification;
  readonly bundles: BundleChoice;
  readonly form: ApplicationForm;
  readonly materials: Materials;
  readonly submission: Submission;
  readonly printing: Printing;
  readonly rating: Rating;
  readonly status: StatusLookup;
  readonly instant: InstantCertificate;
  readonly demo: DemoSimulator;
  /** The receipt paper, known before a flow that prints starts. */
  readonly paper: PaperWatch;
  readonly #bridge: BridgeClient | null;
  readonly #statusBase: string;
  readonly #deps: KioskSessionDeps;
  readonly #calls: SessionCalls;
  readonly #autoWipe: AutoWipe;
  readonly #unsubscribe: (() => void)[] = [];
  /** Out of service because the server revoked the terminal (not a maintenance order). */
  #revoked = false;

  constructor(deps: KioskSessionDeps) {
    const { store, bridge, api, config } = deps;
    this.store = store;
    this.config = config;
    this.#bridge = bridge;
    this.#statusBase = deps.statusBase;
    this.#deps = deps;
    const calls = new SessionCalls(store);
    this.#calls = calls;
    const newKey = deps.newKey ?? (() => crypto.randomUUID());
    const wipe = () => this.wipe();
    this.#autoWipe = new AutoWipe({
      store,
      config,
      wipe,
      ...(deps.timers && { timers: deps.timers }),
    });
    this.identification = new Identification({
      store,
      calls,
      bridge,
      cardRemoval: config.cardRemoval,
      wipe,
    });
    this.materials = new Materials({
      store,
      calls,
      api,
      stopCamera: () => this.#deps.stopCamera?.(),
      newKey,
      ...(deps.objectUrls && { objectUrls: deps.objectUrls }),
    });
    this.bundles = new BundleChoice({ store, calls, api, materials: this.materials });
    this.form = new ApplicationForm({ store, calls, api });
    this.printing = new Printing({ store, calls, bridge, statusBase: deps.statusBase });
    this.submission = new Submission({ store, calls, bridge, api, printing: this.printing });
    this.rating = new Rating({ store, calls, bridge, api, newKey });
    this.status = new StatusLookup({ store, calls, api });
    this.instant = new InstantCertificate({ store, calls, api, printing: this.printing });
    this.paper = new PaperWatch({ store, api });
    this.demo = new DemoSimulator({ store, bridge });
  }

  get state(): FlowState {
    return this.store.state;
  }

  /** Starts listening to the bridge and to the flow's screen changes. */
  attach(): void {
    this.#unsubscribe.push(this.store.subscribe((s, prev) => this.#onChange(s, prev)));
    void this.loadPlace();
    const b = this.#bridge;
    if (!b) return;
    this.#unsubscribe.push(
      b.onConnection((connected) => {
        this.store.dispatch({ type: 'bridgeConnection', connected });
        if (connected) void this.demo.probe();
        // the server is reached with the bridge's token: asked again once the bridge is there
        if (connected) void this.loadPlace();
      }),
      ...this.identification.listen(b),
      b.on('scanner:scan', (p) => void this.#onScan(p.text)),
      ...this.printing.listen(b),
      ...this.submission.listen(b),
      ...this.paper.listen(b),
      b.on('ui:maintenance', (p) => this.#onMaintenance(p.on, p.message)),
      b.on('ui:reload', () => {
        this.wipe();
        this.#deps.reload?.();
      }),
    );
    if (b.connected) void this.demo.probe();
  }

  /** The terminal's place and hotline for the attract screen; quietly left out if unreachable. */
  async loadPlace(): Promise<void> {
    if (this.store.state.place) return;
    try {
      this.store.dispatch({ type: 'place', place: await this.#deps.api.terminalInfo() });
    } catch {
      // the attract screen simply shows no place; the next start-up asks again
    }
  }

  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
    this.#autoWipe.stop();
  }

  /** Any tap, key press or typing. */
  activity(): void {
    this.#autoWipe.activity();
  }

  // ---- navigation and preferences

  start(journey: Journey): void {
    this.store.dispatch({ type: 'start', journey });
  }
  setLang(lang: Lang): void {
    this.store.dispatch({ type: 'setLang', lang });
  }
  setElder(elder: boolean): void {
    this.store.dispatch({ type: 'setElder', elder });
    this.#autoWipe.setElder(elder);
  }
  setVoice(voice: boolean): void {
    this.store.dispatch({ type: 'setVoice', voice });
    if (!voice) this.#deps.stopVoice?.();
  }
  welcomeDone(): void {
    this.store.dispatch({ type: 'welcomeDone' });
  }
  back(): void {
    if (backTarget(this.state) === 'attract') {
      this.wipe();
      return;
    }
    this.#deps.stopCamera?.();
    this.store.dispatch({ type: 'back' });
  }
  dismissProblem(): void {
    this.store.dispatch({ type: 'dismissProblem' });
  }
  /** The idle warning's "continue" button. */
  stillHere(): void {
    this.#autoWipe.activity();
  }

  /** Repeats the call that failed last, if any. */
  retry(): Promise<void> {
    return this.#calls.retry();
  }

  // ---- ending the session

  /** The Finish button, the inactivity timeout and (by policy) card removal all end here. */
  wipe(): void {
    this.#endSession({ type: 'wipe' });
  }

  /**
   * The booth server revoked this terminal (`session:ended` revoked on /kiosk): nobody can be
   * served here. Like maintenance: stop the camera and any call, forget the citizen, and show
   * the out-of-service screen until the server accepts the terminal again.
   */
  terminalRevoked(): void {
    this.#revoked = true;
    this.#onMaintenance(true, undefined);
  }

  /** The server accepted this terminal again after a revocation. */
  terminalRestored(): void {
    if (!this.#revoked) return;
    this.#revoked = false;
    this.#onMaintenance(false, undefined);
  }

  /** Stops everything of the current citizen, then applies `action` (which wipes the state). */
  #endSession(action: Extract<FlowAction, { type: 'wipe' | 'maintenance' }>): void {
    this.#calls.forget();
    this.#deps.endHelp?.();
    this.#deps.stopCamera?.();
    this.#deps.stopVoice?.();
    this.materials.forgetPreviews();
    this.#autoWipe.stop();
    this.store.dispatch(action);
    // the bridge forgets the card too; if it is away it has nothing newer to forget
    this.#bridge?.request('session:wipe', {}).catch(() => {});
  }

  /**
   * Maintenance on: whoever is at the terminal is stopped and forgotten, and the out-of-service
   * screen names where to go instead. Off: back to the attract screen, again with nothing kept.
   */
  #onMaintenance(on: boolean, alternative: string | undefined): void {
    const action = { type: 'maintenance', on, ...(alternative && { alternative }) } as const;
    const inMaintenance = this.state.maintenance !== null;
    // "off" repeated (the bridge also says it after a heartbeat) must not end a citizen's session
    if (!on && !inMaintenance) return;
    // already out of service: only the named alternative can change, and nobody is being served
    if (on && inMaintenance) this.store.dispatch(action);
    else this.#endSession(action);
  }

  /** A receipt's QR code is for the status lookup; any other code may identify the citizen. */
  async #onScan(text: string): Promise<void> {
    const meaning = classifyScan(text, this.#statusBase);
    if (this.status.scanned(meaning)) return;
    await this.identification.scanned(meaning);
  }

  /** Effects of entering a screen: timers, the camera, loading what it shows. */
  #onChange(s: FlowState, prev: FlowState): void {
    this.#autoWipe.changed(s, prev);
    if (s.screen === prev.screen) return;
    if (prev.screen === 'materials') this.#deps.stopCamera?.();
    this.bundles.entered(s);
    this.form.entered(s);
  }
}
