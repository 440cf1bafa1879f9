import { z } from 'zod';
import { defineNotifications, defineRequests } from '../wire/contract.ts';
import { SessionNotifications } from './session.ts';

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

/** Events the citizen's kiosk UI sends. */
export const KioskRequests = defineRequests({
  'session:start': {
    request: z.object({ language: Language, elderMode: z.boolean() }).strict(),
    response: z.object({ sessionId: z.string(), terminalId: z.string().nullable() }),
  },
});

/** Events the server pushes to a kiosk UI session. */
export const KioskNotifications = defineNotifications({
  ...SessionNotifications,
});
