import type { PipeEndpoint } from '@onething/contract/sockets/media-node';
import type { CallRoom } from '../calls/call-room.ts';
import { createLogger } from '../logging/logger.ts';
import type {
  MsConsumer,
  MsPipeTransport,
  MsProducer,
  RtpParameters,
} from '../media/mediasoup-api.ts';
import type { NodeControl } from './node-control.ts';

const log = createLogger('media-pipe');

export interface PipeOptions {
  /** This node's id, named to the other node with each producer sent. */
  localNodeId: string;
  listenIp: string;
  /** What the other node sends to (this host's address as seen from there). */
  announcedAddress?: string | undefined;
  srtp: boolean;
}

/**
 * One call's pipe between this node's router and the same call's router on another node:
 * a mediasoup PipeTransport on each side, connected to the other's announced address and port
 * (with SRTP keys when enabled). Each homed producer is sent by consuming it on this pipe
 * transport and asking the other node to produce it on its own with the same id; pause,
 * resume and close of the source follow over the control contract.
 */
export class CallPipe {
  readonly callId: string;
  readonly remoteNodeId: string;
  readonly #room: CallRoom;
  readonly #remote: NodeControl;
  readonly #transport: MsPipeTransport;
  readonly #localNodeId: string;
  readonly #sent = new Map<string, MsConsumer>();
  /** Producers being sent: a link and a new producer may both try to send the same one. */
  readonly #sending = new Set<string>();
  #closed = false;

  private constructor(
    room: CallRoom,
    remoteNodeId: string,
    remote: NodeControl,
    t: MsPipeTransport,
    localNodeId: string,
  ) {
    this.callId = room.id;
    this.remoteNodeId = remoteNodeId;
    this.#room = room;
    this.#remote = remote;
    this.#transport = t;
    this.#localNodeId = localNodeId;
  }

  /** Creates this side's pipe transport; connect it with the other side's endpoint. */
  static async create(
    room: CallRoom,
    remoteNodeId: string,
    remote: NodeControl,
    options: PipeOptions,
  ): Promise<CallPipe> {
    const transport = await room.createPipeTransport({
      listenInfo: {
        protocol: 'udp',
        ip: options.listenIp,
        ...(options.announcedAddress ? { announcedAddress: options.announcedAddress } : {}),
      },
      // Across hosts packets get lost: retransmit (both sides must enable it).
      enableRtx: true,
      enableSrtp: options.srtp,
      appData: { remoteNodeId },
    });
    return new CallPipe(room, remoteNodeId, remote, transport, options.localNodeId);
  }

  /** Where the other node sends: the tuple's local address is the announced one when set. */
  get endpoint(): PipeEndpoint {
    const { localAddress, localPort } = this.#transport.tuple;
    return {
      ip: localAddress,
      port: localPort,
      ...(this.#transport.srtpParameters ? { srtpParameters: this.#transport.srtpParameters } : {}),
    };
  }

  get closed(): boolean {
    return this.#closed || this.#transport.closed;
  }

  async connect(remote: PipeEndpoint): Promise<void> {
    await this.#transport.connect({
      ip: remote.ip,
      port: remote.port,
      ...(remote.srtpParameters ? { srtpParameters: remote.srtpParameters } : {}),
    });
  }

  /** Sends a homed peer's producer to the other node, which produces it with the same id. */
  async send(peerId: string, producer: MsProducer): Promise<void> {
    if (this.closed || this.#sent.has(producer.id) || this.#sending.has(producer.id)) return;
    this.#sending.add(producer.id);
    try {
      await this.#send(peerId, producer);
    } finally {
      this.#sending.delete(producer.id);
    }
  }

  async #send(peerId: string, producer: MsProducer): Promise<void> {
    const consumer = await this.#transport.consume({ producerId: producer.id });
    this.#sent.set(producer.id, consumer);
    const state = (s: 'paused' | 'resumed' | 'closed') =>
      void this.#remote
        .request('pipe:producerState', { callId: this.callId, producerId: producer.id, state: s })
        .catch((err: unknown) => log.warn({ call: this.callId, err }, 'pipe state not sent'));
    consumer.on('producerpause', () => state('paused'));
    consumer.on('producerresume', () => state('resumed'));
    consumer.on('producerclose', () => {
      this.#sent.delete(producer.id);
      state('closed');
    });
    consumer.on('transportclose', () => this.#sent.delete(producer.id));
    try {
      await this.#remote.request('pipe:produce', {
        callId: this.callId,
        fromNodeId: this.#localNodeId,
        peerId,
        producerId: producer.id,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters,
        paused: consumer.producerPaused,
      });
    } catch (e) {
      this.#sent.delete(producer.id);
      consumer.close();
      throw e;
    }
    // A change while the far side was producing may have reached it before its producer
    // existed: bring it in line (as mediasoup's own pipeToRouter does).
    if (producer.closed) state('closed');
    else if (producer.paused !== consumer.producerPaused) {
      state(producer.paused ? 'paused' : 'resumed');
    }
  }

  /** Produces here what the other node sent, under the source producer's id. */
  async receive(request: {
    peerId: string;
    producerId: string;
    kind: 'audio' | 'video';
    rtpParameters: RtpParameters;
    paused: boolean;
  }): Promise<string> {
    const producer = await this.#transport.produce({
      id: request.producerId,
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      paused: request.paused,
      appData: { peerId: request.peerId, piped: true },
    });
    this.#room.addPipedProducer(request.peerId, producer);
    return producer.id;
  }

  /** Closing the transport closes what was piped through it (mediasoup closes them). */
  close(): void {
    this.#closed = true;
    this.#sent.clear();
    if (!this.#transport.closed) this.#transport.close();
  }
}
