import type { ChatMessage } from '@onething/contract/events/booth';
import { type Lang, strings } from '../i18n/strings.ts';
import { fill } from './format.ts';

/** Who said a chat line: the citizen and the booth by role, staff by their own name. */
export function chatWho(m: ChatMessage, lang: Lang): string {
  if (m.from === 'citizen') return strings.seat_chat_citizen[lang];
  if (m.from === 'system') return strings.seat_chat_system[lang];
  return m.name;
}

/** What a chat line says: the booth's own lines come as codes and are worded here. */
export function chatText(m: ChatMessage, lang: Lang): string {
  if (m.from !== 'system') return m.text;
  if (m.code === 'agentConnected') {
    return fill(strings.seat_chat_agentConnected[lang], {
      name: m.params.name,
      department: m.params.departmentName[lang],
    });
  }
  const key =
    m.params.role === 'supervisor' ? 'seat_chat_supervisorJoined' : 'seat_chat_agentJoined';
  return fill(strings[key][lang], { name: m.params.name });
}
