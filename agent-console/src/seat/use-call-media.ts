import { CallClient, CallEvent } from '@onething/web-call/call-client';
import { CallError } from '@onething/web-call/call-error';
import type { PeerInfo } from '@onething/contract/sockets/media';
import { useEffect, useState } from 'preact/hooks';
import { staffSocket } from '../realtime/staff-socket.ts';

/**
 * The video side of a call in the console: camera and microphone (when sending), the call
 * client, the remote peers' streams, quality and reconnection. Chat and remote actions do not
 * depend on any of it: when the server has no media the call goes on without video.
 */
export type MediaPhase =
  /** Getting the camera and joining. */
  | 'starting'
  | 'live'
  /** The server has no video for this call (no media worker, or the room was never opened). */
  | 'unavailable'
  /** Joining or reconnecting failed for another reason. */
  | 'failed';

export interface RemotePeer {
  peerId: string;
  role: PeerInfo['role'] | 'unknown';
  name: string;
  stream: MediaStream;
  /** The peer turned their camera off (their producer is paused on purpose). */
  videoPaused: boolean;
}

export interface CallMedia {
  phase: MediaPhase;
  /** The error code behind 'unavailable' or 'failed'. */
  reason: string | null;
  local: MediaStream | null;
  /** getUserMedia refused or found no device: the agent joins receiving only. */
  deviceError: boolean;
  remotes: RemotePeer[];
  /** Latest 0–10 score of what each peer receives. */
  scores: Record<string, number>;
  reconnecting: boolean;
  micOn: boolean;
  camOn: boolean;
  setEnabled(kind: 'audio' | 'video', on: boolean): void;
}

/** Codes with which media:join says this call has no video on the server. */
const NO_MEDIA_CODES = new Set(['MEDIA_UNAVAILABLE', 'NOT_IN_CALL']);

interface Track {
  peerId: string;
  track: MediaStreamTrack;
}

export function useCallMedia(
  callId: string | null,
  opts: { send: boolean; onClient?: (client: CallClient | null) => void },
): CallMedia {
  const [phase, setPhase] = useState<MediaPhase>('starting');
  const [reason, setReason] = useState<string | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [deviceError, setDeviceError] = useState(false);
  const [remotes, setRemotes] = useState<RemotePeer[]>([]);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [reconnecting, setReconnecting] = useState(false);
  const [client, setClient] = useState<CallClient | null>(null);
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const { send, onClient } = opts;

  useEffect(() => {
    if (!callId) return;
    let active = true;
    setPhase('starting');
    setReason(null);
    setRemotes([]);
    setScores({});
    setReconnecting(false);
    setDeviceError(false);
    setMicOn(true);
    setCamOn(true);
    const call = new CallClient(staffSocket(), callId);
    const peers = new Map<string, PeerInfo>();
    const tracks = new Map<string, Track>();
    const paused = new Set<string>();
    let stream: MediaStream | null = null;

    // One MediaStream per remote peer holding all its tracks; a new object on every change so
    // each <video> is handed its current tracks.
    const publish = () => {
      if (!active) return;
      const byPeer = new Map<string, { tracks: MediaStreamTrack[]; videoPaused: boolean }>();
      for (const [producerId, t] of tracks) {
        const entry = byPeer.get(t.peerId) ?? { tracks: [], videoPaused: false };
        entry.tracks.push(t.track);
        if (t.track.kind === 'video' && paused.has(producerId)) entry.videoPaused = true;
        byPeer.set(t.peerId, entry);
      }
      setRemotes(
        [...byPeer].map(([peerId, e]) => {
          const info = peers.get(peerId);
          return {
            peerId,
            role: info?.role ?? 'unknown',
            name: info?.displayName ?? '',
            stream: new MediaStream(e.tracks),
            videoPaused: e.videoPaused,
          };
        }),
      );
    };

    const offs = [
      call.on(CallEvent.RemoteTrack, ({ peerId, producerId, track }) => {
        tracks.set(producerId, { peerId, track });
        publish();
      }),
      call.on(CallEvent.RemoteTrackEnded, ({ producerId }) => {
        tracks.delete(producerId);
        paused.delete(producerId);
        publish();
      }),
      call.on(CallEvent.RemotePaused, ({ producerId, paused: p }) => {
        if (p) paused.add(producerId);
        else paused.delete(producerId);
        publish();
      }),
      call.on(CallEvent.PeerJoined, (p) => {
        peers.set(p.peerId, p);
        publish();
      }),
      call.on(CallEvent.PeerLeft, ({ peerId }) => {
        for (const [id, t] of tracks) if (t.peerId === peerId) tracks.delete(id);
        setScores(({ [peerId]: _gone, ...rest }) => rest);
        publish();
      }),
      call.on(CallEvent.Quality, ({ peerId, score }) =>
        setScores((s) => ({ ...s, [peerId]: score })),
      ),
      call.on(CallEvent.Reconnecting, () => setReconnecting(true)),
      call.on(CallEvent.Reconnected, () => {
        setReconnecting(false);
        setPhase('live');
      }),
      call.on(CallEvent.Failed, ({ reason: why }) => {
        setReconnecting(false);
        setPhase('failed');
        setReason(why);
      }),
    ];

    const stopLocal = () => {
      for (const t of stream?.getTracks() ?? []) t.stop();
    };

    void (async () => {
      stream = new MediaStream();
      if (send) {
        try {
          stream = await navigator.mediaDevices.getUserMedia({
            audio: true,
            video: { width: { ideal: 1280 }, height: { ideal: 720 } },
          });
        } catch {
          // No camera, or the browser refused: the agent still sees and hears the citizen.
          if (active) setDeviceError(true);
        }
      }
      if (!active) {
        stopLocal();
        return;
      }
      setLocal(stream);
      try {
        const joined = await call.join(stream);
        if (!active) return;
        for (const p of joined.peers) peers.set(p.peerId, p);
        publish();
        setPhase('live');
        setClient(call);
        onClient?.(call);
      } catch (e) {
        if (!active) return;
        const code = e instanceof CallError ? e.code : 'INTERNAL';
        setPhase(NO_MEDIA_CODES.has(code) ? 'unavailable' : 'failed');
        setReason(code);
        // Without a call to send to, the camera light should go off.
        stopLocal();
        setLocal(null);
      }
    })();

    return () => {
      active = false;
      for (const off of offs) off();
      stopLocal();
      void call.leave();
      setClient(null);
      setLocal(null);
      onClient?.(null);
    };
  }, [callId, send, onClient]);

  const setEnabled = (kind: 'audio' | 'video', on: boolean) => {
    // The local preview follows too, so the agent sees what the citizen sees.
    for (const t of local?.getTracks() ?? []) if (t.kind === kind) t.enabled = on;
    if (kind === 'audio') setMicOn(on);
    else setCamOn(on);
    void client?.setEnabled(kind, on).catch(() => undefined);
  };

  return {
    phase,
    reason,
    local,
    deviceError,
    remotes,
    scores,
    reconnecting,
    micOn,
    camOn,
    setEnabled,
  };
}
