import { MediaNodeRequests } from '@onething/contract/sockets/media-node';
import type { RequestHandlers } from '@onething/contract/wire/request-router';
import { checkedAnswer, checkedRequest } from './checked-answer.ts';
import type { MediaNode } from './media-node.ts';
import type { NodeControl } from './node-control.ts';

type Handlers = Required<RequestHandlers<typeof MediaNodeRequests, unknown>>;

/** The control contract's handlers over one node, served on /media-node and used in-process. */
export function nodeHandlers(node: MediaNode): Handlers {
  return {
    'room:open': { handle: (r) => node.open(r) },
    'room:admit': { handle: (r) => node.admit(r) },
    'room:close': { handle: (r) => node.close(r.callId) },
    'room:rejoin': { handle: (r) => node.rejoin(r.callId, r.reason) },
    'room:media': { handle: (r) => node.media(r.callId, r.peerId, r.request) },
    'room:link': { handle: (r) => node.link(r.callId, r.peerNodeId, r.peerControlUrl) },
    'room:unlink': {
      handle: (r) => {
        node.unlink(r.callId, r.nodeId);
        return { unlinked: true as const };
      },
    },
    'pipe:accept': { handle: (r) => node.accept(r) },
    'pipe:produce': { handle: (r) => node.pipeProduce(r) },
    'pipe:producerState': { handle: (r) => node.producerState(r) },
    'node:status': { handle: () => node.status() },
  };
}

/**
 * The node of this very process, called without a network hop: the one-process path (and a
 * booth server's own node in registry mode). Request and answer are checked by the same
 * contract as over the wire.
 */
export function localControl(node: MediaNode): NodeControl {
  const handlers = nodeHandlers(node);
  return {
    request: async (name, payload) => {
      const req = checkedRequest(MediaNodeRequests, name, payload);
      // The handler of `name` takes that request's payload: the table is keyed like the contract.
      const answer: unknown = await Reflect.apply(handlers[name].handle, undefined, [
        req,
        undefined,
      ]);
      return checkedAnswer(MediaNodeRequests, name, answer);
    },
  };
}
