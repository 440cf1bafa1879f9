import { MediaRequests } from '@onething/contract/sockets/media';
import type { ForwardedMediaRequest } from '@onething/contract/sockets/media-node';
import type { RequestHandlers } from '@onething/contract/wire/request-router';

/**
 * The media contract on a kiosk or staff socket: every request goes to the node that holds
 * the peer's half of the call (this process's own, or another over /media-node). The answer
 * is checked against the media contract before it leaves, as any other.
 */
export function mediaHandlers<Ctx>(
  calls: {
    media(callId: string, peerId: string, request: ForwardedMediaRequest): Promise<unknown>;
  },
  peerIdOf: (ctx: Ctx) => string,
): RequestHandlers<typeof MediaRequests, Ctx> {
  const handlers: RequestHandlers<typeof MediaRequests, Ctx> = {};
  for (const event of Object.keys(MediaRequests) as (keyof typeof MediaRequests)[]) {
    handlers[event] = {
      handle: (payload, ctx) =>
        calls.media(payload.callId, peerIdOf(ctx), {
          event,
          payload,
        } as ForwardedMediaRequest) as never,
    };
  }
  return handlers;
}
