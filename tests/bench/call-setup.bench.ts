import { probeWorkerBinary } from '../../booth-server/src/media/worker-binary.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import {
  connectSocket,
  login,
  request,
  startTestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { buildMediaHarness } from '../e2e/media-harness/build.ts';
import { browserSkipReason, launchBrowser } from '../e2e/support/browser.ts';

const RUNS = Number(process.env.BENCH_CALL_RUNS ?? 5);

/** Call set-up: from the agent's accept to the first decoded remote video frame on each side. */
export async function run(): Promise<void> {
  const worker = probeWorkerBinary();
  const skip = browserSkipReason() ?? (worker.found ? null : worker.reason);
  if (skip) {
    process.stdout.write(`skipped: ${skip}\n`);
    return;
  }
  const t = await startTestServer({
    MEDIA_DISABLED: false,
    MEDIA_WORKERS: 1,
    MEDIA_PORT: 44000 + Math.floor(Math.random() * 2000),
    STATIC_DIR_KIOSK: await buildMediaHarness(),
  });
  const browser = await launchBrowser();
  try {
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const agentCookie = await login(t.url, 'agent.police', 'demo-agent-2026');
    const agentSocket = await connectSocket(t.url, '/staff', { cookie: agentCookie });
    const offers: { offerId: string }[] = [];
    agentSocket.on('offer:new', (o) => offers.push(o));
    const booth: number[] = [];
    const agent: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const kiosk = await kioskSession(t.url, admin, `BENCH-CALL-${i}`);
      const boothSocket = await connectSocket(t.url, '/kiosk', { auth: { token: kiosk.token } });
      await request(agentSocket, 'agent:setState', { state: 'available' });
      const help = await request<{ ticketId: string }>(boothSocket, 'help:request', {
        department: 'PSB',
        language: 'zh-CN',
      });
      while (offers.length === 0) await new Promise((r) => setTimeout(r, 10));
      const offer = offers.shift() as { offerId: string };
      const boothPage = await browser.newPage();
      const context = await browser.newContext();
      const [name, value] = agentCookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: t.url }]);
      const agentPage = await context.newPage();
      await boothPage.goto(`${t.url}/kiosk/`);
      await agentPage.goto(`${t.url}/kiosk/`);
      const t0 = Date.now();
      await request(agentSocket, 'offer:accept', { offerId: offer.offerId });
      const callId = help.data.ticketId;
      const firstFrame = async (
        page: typeof boothPage,
        namespace: string,
        auth: Record<string, string>,
      ) => {
        await page.evaluate((o) => window.startCall(o), { namespace, auth, callId });
        for (;;) {
          const stats = await page.evaluate(() => window.callStats());
          if (stats.some((s) => s.kind === 'video' && (s.framesDecoded ?? 0) > 0))
            return Date.now() - t0;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const [b, a] = await Promise.all([
        firstFrame(boothPage, '/kiosk', { token: kiosk.token }),
        firstFrame(agentPage, '/staff', {}),
      ]);
      booth.push(b);
      agent.push(a);
      await request(agentSocket, 'call:end', { ticketId: callId });
      await boothPage.close();
      await context.close();
      boothSocket.close();
      await new Promise((r) => setTimeout(r, 1200));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    process.stdout.write(
      [
        `calls measured           ${RUNS}`,
        `accept → first frame at the booth   median ${median(booth)} ms   (runs: ${booth.join(', ')})`,
        `accept → first frame at the agent   median ${median(agent)} ms   (runs: ${agent.join(', ')})`,
      ].join('\n') + '\n',
    );
    agentSocket.close();
  } finally {
    await browser.close();
    await t.close();
  }
}
