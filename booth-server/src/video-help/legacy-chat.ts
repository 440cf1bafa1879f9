import type { SystemChatMessage } from '@onething/contract/sockets/booth';
import { z } from 'zod';

/**
 * A system chat line as call records stored it before system lines became codes: the server
 * wrote the Chinese text itself (`李警官（云溪市公安局）已接通`, `陈主管（主管）加入了通话`,
 * `王科员 加入了通话`). Those three were the only lines it wrote, so each reads back into its
 * code; anything else is dropped (null) rather than shown in one language to every reader.
 */
export const LegacySystemChat = z
  .object({ ticketId: z.string(), from: z.literal('system'), text: z.string(), at: z.number() })
  .transform(({ ticketId, text, at }): SystemChatMessage | null => {
    const line = { ticketId, from: 'system' as const, at };
    const supervisor = /^(.+)（主管）加入了通话$/.exec(text);
    if (supervisor)
      return { ...line, code: 'guestJoined', params: { name: supervisor[1]!, role: 'supervisor' } };
    const agent = /^(.+) 加入了通话$/.exec(text);
    if (agent) return { ...line, code: 'guestJoined', params: { name: agent[1]!, role: 'agent' } };
    const connected = /^(.+)（([^（）]+)）已接通$/.exec(text);
    if (connected) {
      // The record kept only the Chinese department name.
      const department = connected[2]!;
      return {
        ...line,
        code: 'agentConnected',
        params: { name: connected[1]!, departmentName: { zh: department, en: department } },
      };
    }
    return null;
  });
