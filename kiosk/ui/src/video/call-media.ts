import { CallClient, CallEvent, type SignallingSocket } from '@onething/web-call/call-client';

declare global {
  interface Window {
    /** The live call's client, for the end-to-end tests (inbound statistics). */
    __kioskCall?: CallClient;
  }
}

/** What the call's media tells the video-help controller. */
export interface CallMediaEvents {
  /** The agent's picture started (or stopped) arriving. */
  remoteVideo(on: boolean): void;
  /** The worst 0–10 score among the call's peers. */
  quality(score: number): void;
  reconnecting(on: boolean): void;
  /** Recovery gave up: no more media in this call. */
  failed(): void;
}

/** One call's media at the booth. */
export interface CallMedia {
  /** 'receiveOnly': no camera or microphone here; the agent is still seen and heard. */
  readonly outcome: 'live' | 'receiveOnly';
  readonly local: MediaStream | null;
  readonly remote: MediaStream;
  setEnabled(kind: 'audio' | 'video', on: boolean): Promise<void>;
  leave(): Promise<void>;
}

export type StartCallMedia = (
  signalling: SignallingSocket,
  callId: string,
  events: CallMediaEvents,
) => Promise<CallMedia>;

async function openCameraAndMic(): Promise<MediaStream | null> {
  if (!navigator.mediaDevices?.getUserMedia) return null;
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: true,
    });
  } catch {
    return null;
  }
}

/**
 * Joins the call's SFU room through the shared CallClient (mediasoup-client; this module is
 * loaded only when help is asked for). Without a camera or microphone the booth still joins to
 * see and hear the agent; a join the server refuses (MEDIA_UNAVAILABLE, no room) rejects, and
 * the caller carries on with text chat.
 */
export const startCallMedia: StartCallMedia = async (signalling, callId, events) => {
  const local = await openCameraAndMic();
  const stopLocal = () => {
    for (const t of local?.getTracks() ?? []) t.stop();
  };
  const client = new CallClient(signalling, callId);
  window.__kioskCall = client;
  const remote = new MediaStream();
  const tracks = new Map<string, MediaStreamTrack>();
  const scores = new Map<string, number>();
  const videoShowing = () =>
    [...tracks.values()].some((t) => t.kind === 'video' && t.readyState === 'live' && t.enabled);

  client.on(CallEvent.RemoteTrack, ({ producerId, track }) => {
    tracks.set(producerId, track);
    remote.addTrack(track);
    if (track.kind === 'video') events.remoteVideo(true);
  });
  client.on(CallEvent.RemoteTrackEnded, ({ producerId }) => {
    const track = tracks.get(producerId);
    tracks.delete(producerId);
    if (track) remote.removeTrack(track);
    events.remoteVideo(videoShowing());
  });
  client.on(CallEvent.RemotePaused, ({ producerId, paused }) => {
    const track = tracks.get(producerId);
    // the agent turned their camera off on purpose: say so rather than show a frozen frame
    if (track?.kind === 'video') events.remoteVideo(!paused);
  });
  client.on(CallEvent.Quality, ({ peerId, score }) => {
    scores.set(peerId, score);
    events.quality(Math.min(...scores.values()));
  });
  client.on(CallEvent.PeerLeft, ({ peerId }) => scores.delete(peerId));
  client.on(CallEvent.Reconnecting, () => events.reconnecting(true));
  client.on(CallEvent.Reconnected, () => events.reconnecting(false));
  client.on(CallEvent.Failed, () => events.failed());

  const leave = async () => {
    stopLocal();
    if (window.__kioskCall === client) delete window.__kioskCall;
    await client.leave();
  };
  try {
    await client.join(local ?? new MediaStream());
  } catch (e) {
    await leave();
    throw e;
  }
  return {
    outcome: local ? 'live' : 'receiveOnly',
    local,
    remote,
    async setEnabled(kind, on) {
      // the track itself is switched too: a muted microphone is muted here, whatever the server says
      for (const t of local?.getTracks() ?? []) if (t.kind === kind) t.enabled = on;
      await client.setEnabled(kind, on);
    },
    leave,
  };
};
