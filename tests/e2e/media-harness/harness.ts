/**
 * A bare page for the real-media test: one CallClient over a socket.io connection, with the
 * synthetic camera and microphone Chromium provides. It proves the SFU path independently of
 * either app's UI.
 */
import { io } from 'socket.io-client';
import { CallClient } from '../../../web-call/src/call-client.ts';

declare global {
  interface Window {
    startCall(opts: {
      namespace: string;
      auth: Record<string, string>;
      callId: string;
    }): Promise<string[]>;
    callStats(): Promise<{ kind: string; framesDecoded?: number; packetsReceived?: number }[]>;
  }
}

let client: CallClient | null = null;

window.startCall = async ({ namespace, auth, callId }) => {
  const socket = io(namespace, { transports: ['websocket'], auth });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const local = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: 640, height: 360 },
  });
  client = new CallClient(socket, callId);
  const { peers } = await client.join(local);
  return peers.map((p) => p.role);
};

window.callStats = async () => (client ? client.inboundStats() : []);
