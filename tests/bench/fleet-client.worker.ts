import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { healthyHeartbeat } from '../../booth-server/src/testing/heartbeat.ts';

/** One client process holding many simulated terminals, each a real socket.io client. */
// A file when the credentials are too many for one environment variable (the cluster bench).
const data = process.env.BENCH_WORKER_FILE
  ? readFileSync(process.env.BENCH_WORKER_FILE, 'utf8')
  : (process.env.BENCH_WORKER_DATA ?? '{}');
const { url, credentials, intervalMs } = JSON.parse(data) as {
  url: string;
  credentials: string[];
  intervalMs: number;
};
const send = (m: unknown) => process.send?.(m);
const sockets: Socket[] = [];
let acked = 0;
let failed = 0;

for (const credential of credentials) {
  const s = io(`${url}/bridge`, {
    transports: ['websocket'],
    auth: { credential },
    forceNew: true,
    reconnection: true,
  });
  sockets.push(s);
  await new Promise<void>((resolve) => {
    s.once('connect', () => resolve());
    s.once('connect_error', () => resolve());
  });
  // Spread beats over the interval, as real terminals booted at different times would be.
  const offset = Math.random() * intervalMs;
  setTimeout(() => {
    const beat = () =>
      s
        .timeout(10_000)
        .emitWithAck('telemetry:heartbeat', healthyHeartbeat())
        .then((r: { ok: boolean }) => (r.ok ? acked++ : failed++))
        .catch(() => failed++);
    void beat();
    setInterval(beat, intervalMs);
  }, offset);
}
send({ type: 'connected', count: sockets.filter((s) => s.connected).length });
process.on('message', (m: string) => {
  if (m === 'report') send({ type: 'report', acked, failed });
  if (m === 'count') send({ type: 'count', connected: sockets.filter((s) => s.connected).length });
  if (m === 'stop') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
