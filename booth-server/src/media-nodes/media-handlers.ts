import { MediaRequests } from '@onething/contract/sockets/media';
import type { ForwardedMediaRequest } from '@onething/contract/sockets/media-node';
import type { RequestHandlers } from '@onething/contract/wire/request-router';
import { checkedAnswer } from './checked-answer.ts';
import type { MediaCalls } from './media-calls.ts';

/**
 * The media contract on a kiosk or staff socket: every request goes to the node that holds
 * the peer's half of the call (this process's own, or another over /media-node); the node's
 * answer is checked against the media contract here, and again before it leaves.
 */
export function mediaHandlers<Ctx>(
  calls: Pick<MediaCalls, 'media'>,
  peerIdOf: (ctx: Ctx) => string,
): RequestHandlers<typeof MediaRequests, Ctx> {
  const forward = (ctx: Ctx, request: ForwardedMediaRequest) =>
    calls.media(request.payload.callId, peerIdOf(ctx), request);
  /** The node's answer, checked against the media contract's response for the request. */
  const check = async <K extends keyof typeof MediaRequests & string>(
    event: K,
    answer: Promise<unknown>,
  ) => checkedAnswer(MediaRequests, event, await answer);
  return {
    'media:join': {
      handle: (payload, ctx) => check('media:join', forward(ctx, { event: 'media:join', payload })),
    },
    'media:createTransport': {
      handle: (payload, ctx) =>
        check('media:createTransport', forward(ctx, { event: 'media:createTransport', payload })),
    },
    'media:connectTransport': {
      handle: (payload, ctx) =>
        check('media:connectTransport', forward(ctx, { event: 'media:connectTransport', payload })),
    },
    'media:produce': {
      handle: (payload, ctx) =>
        check('media:produce', forward(ctx, { event: 'media:produce', payload })),
    },
    'media:consume': {
      handle: (payload, ctx) =>
        check('media:consume', forward(ctx, { event: 'media:consume', payload })),
    },
    'media:resumeConsumer': {
      handle: (payload, ctx) =>
        check('media:resumeConsumer', forward(ctx, { event: 'media:resumeConsumer', payload })),
    },
    'media:restartIce': {
      handle: (payload, ctx) =>
        check('media:restartIce', forward(ctx, { event: 'media:restartIce', payload })),
    },
    'media:setPaused': {
      handle: (payload, ctx) =>
        check('media:setPaused', forward(ctx, { event: 'media:setPaused', payload })),
    },
    'media:leave': {
      handle: (payload, ctx) =>
        check('media:leave', forward(ctx, { event: 'media:leave', payload })),
    },
  };
}
