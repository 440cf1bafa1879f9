import type {
  ChatMessage,
  RemoteActionRequest,
  RequeueReason,
} from '@onething/contract/sockets/booth';
import type { HelpAction, Lang } from '../flow/flow-state.ts';
import { pick, t } from '../i18n/strings.ts';

/** The queue position in words: "you are next", "1 person ahead", "3 people ahead". */
export function positionWords(lang: Lang, position: number): string {
  if (position <= 1) return t(lang, 'help.position.next');
  if (position === 2) return t(lang, 'help.position.oneAhead');
  return t(lang, 'help.position.ahead', { ahead: position - 1 });
}

/** The estimated wait in words, rounded to whole minutes. */
export function waitWords(lang: Lang, seconds: number): string {
  if (seconds < 60) return t(lang, 'help.wait.soon');
  const minutes = Math.round(seconds / 60);
  return minutes <= 1 ? t(lang, 'help.wait.oneMinute') : t(lang, 'help.wait.minutes', { minutes });
}

/** Why the citizen is waiting again, after a call went back to the queue. */
export function requeuedWords(lang: Lang, reason: RequeueReason): string {
  return t(lang, reason === 'agentLost' ? 'help.requeued.agentLost' : 'help.requeued.transfer');
}

/** What a chat line says: the booth's own lines come as codes and are worded here. */
export function chatText(lang: Lang, m: ChatMessage): string {
  if (m.from !== 'system') return m.text;
  if (m.code === 'agentConnected') {
    return t(lang, 'help.chat.agentConnected', {
      name: m.params.name,
      department: pick(lang, m.params.departmentName),
    });
  }
  return t(
    lang,
    m.params.role === 'supervisor' ? 'help.chat.supervisorJoined' : 'help.chat.agentJoined',
    {
      name: m.params.name,
    },
  );
}

/** mediasoup's 0–10 score of the call, in words. */
export function qualityWords(lang: Lang, score: number | null): string {
  if (score === null) return t(lang, 'help.quality.unknown');
  if (score >= 7) return t(lang, 'help.quality.good');
  if (score >= 4) return t(lang, 'help.quality.fair');
  return t(lang, 'help.quality.poor');
}

/** What a remote action does, as the end of a sentence ("read your ID card"). */
export function actionWhat(lang: Lang, req: RemoteActionRequest): string {
  switch (req.kind) {
    case 'readIdCard':
      return t(lang, 'help.what.readIdCard');
    case 'showForm':
      return t(lang, 'help.what.showForm', { title: req.title });
    case 'captureDocument':
      return t(lang, 'help.what.captureDocument', { material: req.material });
    case 'print':
      return t(lang, 'help.what.print', { title: req.title });
    case 'acceptCase':
      return t(lang, 'help.what.acceptCase');
  }
}

/** The "what the agent is doing on your terminal" line. */
export function activityWords(lang: Lang, action: HelpAction | null): string {
  if (!action) return t(lang, 'help.activity.none');
  const what = actionWhat(lang, action.request);
  switch (action.stage) {
    case 'ask':
      return t(lang, 'help.activity.ask', { agent: action.agentName, what });
    case 'placeCard':
    case 'capture':
    case 'working':
      return t(lang, 'help.activity.working', { what });
    case 'done':
      return t(lang, 'help.activity.done', { what });
    case 'declined':
      return t(lang, 'help.activity.declined', { what });
    case 'failed':
      return t(lang, 'help.activity.failed', { what });
  }
}
