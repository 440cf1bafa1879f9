import type { ChatMessage } from '@onething/contract/sockets/booth';
import { type Lang, pick, strings } from '../i18n/strings.ts';
import { fill } from './format.ts';

/** Who said a chat line: the citizen and the booth by role, staff by their own name. */
export function chatWho(m: ChatMessage, lang: Lang): string {
  if (m.from === 'citizen') return pick(lang, strings.seat_chat_citizen);
  if (m.from === 'system') return pick(lang, strings.seat_chat_system);
  return m.name;
}

/** What a chat line says: the booth's own lines come as codes and are worded here. */
export function chatText(m: ChatMessage, lang: Lang): string {
  if (m.from !== 'system') return m.text;
  if (m.code === 'agentConnected') {
    return fill(pick(lang, strings.seat_chat_agentConnected), {
      name: m.params.name,
      department: pick(lang, m.params.departmentName),
    });
  }
  const key =
    m.params.role === 'supervisor' ? 'seat_chat_supervisorJoined' : 'seat_chat_agentJoined';
  return fill(pick(lang, strings[key]), { name: m.params.name });
}
