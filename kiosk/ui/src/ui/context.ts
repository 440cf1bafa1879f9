import type { ErrorCode } from '@onething/shared/errors';
import { localizedMessage } from '@onething/shared/errors';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { DocumentCamera } from '../camera/document-camera.ts';
import type { FlowState, Lang, Problem } from '../flow/flow-state.ts';
import { type Params, type StringKey, t } from '../i18n/strings.ts';
import type { KioskSession } from '../session/kiosk-session.ts';
import type { VoiceGuide } from '../speech/voice-guide.ts';

export interface Services {
  session: KioskSession;
  camera: DocumentCamera;
  voice: VoiceGuide;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext missing');
  return s;
}

/** The flow state; re-renders on every change. */
export function useFlow(): FlowState {
  const { session } = useServices();
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.store.subscribe((s) => setState(s));
  }, [session]);
  return state;
}

export type Translate = (key: StringKey, params?: Params) => string;

/** t() bound to the citizen's language. */
export function useT(): Translate {
  const { lang } = useFlow();
  return useCallback((key: StringKey, params?: Params) => t(lang, key, params), [lang]);
}

/** What a failed call means, in words. */
export function problemMessage(lang: Lang, p: Problem): string {
  if (p.kind === 'unreachable') {
    return t(lang, p.source === 'server' ? 'problem.offline' : 'problem.bridgeOffline');
  }
  if (p.kind === 'badResponse') return t(lang, 'problem.badResponse');
  if (p.kind === 'badRequest') return t(lang, 'problem.badRequest');
  const message = localizedMessage(p.code satisfies ErrorCode, lang);
  return t(lang, p.source === 'server' ? 'problem.server' : 'problem.device', { message });
}
