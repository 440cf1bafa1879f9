import type { ErrorCode } from '@onething/contract/errors';
import { localizedMessage } from '@onething/contract/errors';
import { createContext, type FunctionComponent } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { DocumentCamera } from '../camera/document-camera.ts';
import type { FlowState, Lang, Problem, Screen } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import { type Params, type StringKey, t } from '../i18n/strings.ts';
import type { KioskSession } from '../session/kiosk-session.ts';
import type { VoiceGuide } from '../speech/voice-guide.ts';
import type { VideoHelp } from '../video/video-help.ts';

/** What the screens work with; loaded right after the first paint (see main.tsx). */
export interface Services {
  session: KioskSession;
  camera: DocumentCamera;
  voice: VoiceGuide;
  help: VideoHelp;
}

/** The screens and panels that come with the services. */
export interface LazyUi {
  screens: Partial<Record<Screen, FunctionComponent>>;
  VideoHelpArea: FunctionComponent;
  SimPanel: FunctionComponent;
}

/**
 * What the first paint has: the store, voice, and a way to wait for the rest. The attract
 * screen and the frame render from this alone, so they come up before the flow screens,
 * zod-checked APIs, socket.io and the call's media code are even fetched.
 */
export interface Shell {
  store: FlowStore;
  voice: VoiceGuide;
  /** Null until the rest of the app has loaded. */
  services: Services | null;
  ui: LazyUi | null;
  /** Resolves once it has loaded (loading starts right after the first paint). */
  ready(): Promise<Services>;
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const s = useContext(ShellContext);
  if (!s) throw new Error('ShellContext missing');
  return s;
}

/** The services, for components that render only once they have loaded. */
export function useServices(): Services {
  const s = useShell().services;
  if (!s) throw new Error('services not loaded yet');
  return s;
}

/** The flow state; re-renders on every change. */
export function useFlow(): FlowState {
  const { store } = useShell();
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe((s) => setState(s));
  }, [store]);
  return state;
}

export type Translate = (key: StringKey, params?: Params) => string;

/** t() bound to the citizen's language. */
export function useT(): Translate {
  const { lang } = useFlow();
  return useCallback((key: StringKey, params?: Params) => t(lang, key, params), [lang]);
}

/**
 * The kiosk's one code→text mapper: a refusal's code in the citizen's language, from the
 * contract's catalogue; the sentences around it are the kiosk's own strings.
 */
function codeText(lang: Lang, code: ErrorCode): string {
  return localizedMessage(code, lang);
}

/** What a failed call means, in words. */
export function problemMessage(lang: Lang, p: Problem): string {
  if (p.kind === 'unreachable') {
    return t(lang, p.source === 'server' ? 'problem.offline' : 'problem.bridgeOffline');
  }
  if (p.kind === 'badResponse') return t(lang, 'problem.badResponse');
  if (p.kind === 'badRequest') return t(lang, 'problem.badRequest');
  const message = codeText(lang, p.code);
  return t(lang, p.source === 'server' ? 'problem.server' : 'problem.device', { message });
}

/** Why video help could not be called: the server's refusal, or no answer at all. */
export function helpFailureMessage(lang: Lang, p: Problem | null): string {
  if (p?.kind === 'server') return t(lang, 'help.refused', { message: codeText(lang, p.code) });
  return t(lang, 'help.unreachable');
}
