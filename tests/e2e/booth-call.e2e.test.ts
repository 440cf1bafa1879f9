import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeWorkerBinary } from '../../booth-server/src/media/worker-binary.ts';
import { loadDemoDataset } from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { connectSocket, login, request } from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { type Stack, startStack } from './support/stack.ts';
import { STEP_MS } from './support/timing.ts';
import { fillFormPages } from './support/kiosk-page.ts';

const skip = browserSkipReason();
const worker = probeWorkerBinary();
const withMedia = !skip && worker.found;
if (!skip && !worker.found) {
  console.warn(
    `[skip] booth call: the real-media checks (frames decoded, audio received) are skipped, no mediasoup worker: ${worker.reason}. The rest of the call runs without video.`,
  );
}

/** 林晓雯, the demo resident who has just had a baby. */
const CITIZEN_ID = '33990219940612022X';
const CITIZEN_NAME = '林晓雯';
const MASKED_NAME = '林**';
const MASKED_ID = '339***********022X';

/** What 林晓雯 types into the 新生儿出生一件事 form (the rest is prefilled from shared data). */
const typed = (await loadDemoDataset()).scenarios.find((sc) => sc.bundle === 'YJSP001')?.typed;
if (!typed) throw new Error('the demo dataset has no 新生儿出生一件事 scenario');

type InboundStats = { kind: string; framesDecoded?: number; packetsReceived?: number }[];

/** Frames decoded and audio packets received by a page's call client (kiosk or seat). */
async function inbound(
  page: Page,
  side: 'kiosk' | 'seat',
): Promise<{ video: number; audio: number }> {
  const stats: InboundStats = await page.evaluate(
    async (key) => {
      const call = (
        window as unknown as Record<string, { inboundStats(): Promise<unknown> } | undefined>
      )[key];
      return call ? ((await call.inboundStats()) as InboundStats) : [];
    },
    side === 'kiosk' ? '__kioskCall' : '__seatCall',
  );
  return {
    video: Math.max(0, ...stats.filter((s) => s.kind === 'video').map((s) => s.framesDecoded ?? 0)),
    audio: Math.max(
      0,
      ...stats.filter((s) => s.kind === 'audio').map((s) => s.packetsReceived ?? 0),
    ),
  };
}

/**
 * 政务晓屋 video help end to end: the real kiosk UI (with a real device bridge on simulated
 * hardware) calls, and the real agent console answers, each in its own Chromium context.
 */
describe.skipIf(!!skip)('a 政务晓屋 video call between the kiosk and the agent console', () => {
  let browser: Browser;
  let stack: Stack | null = null;
  let local: Socket | null = null;
  const contexts: BrowserContext[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    local = null;
    await stack?.close();
    stack = null;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function start(terminalId: string): Promise<Stack> {
    stack = await startStack(
      {
        OFFER_TIMEOUT_SECONDS: 60,
        WRAP_UP_SECONDS: 2,
        RECONNECT_GRACE_SECONDS: 2,
        ...(withMedia
          ? {
              MEDIA_DISABLED: false,
              MEDIA_WORKERS: 1,
              MEDIA_PORT: 45000 + Math.floor(Math.random() * 2000),
            }
          : {}),
      },
      { terminalId },
    );
    // The bridge's local API, as the kiosk itself reaches it: for the simulated card reader.
    const params = new URLSearchParams(new URL(stack.kioskUrl).hash.slice(1));
    const sim = io(`${params.get('bridge')}/local`, {
      transports: ['websocket'],
      auth: { token: params.get('token') },
    });
    await new Promise<void>((resolve, reject) => {
      sim.once('connect', () => resolve());
      sim.once('connect_error', reject);
    });
    local = sim;
    sockets.push(sim);
    return stack;
  }

  async function placeCard(): Promise<void> {
    const placed = (await local
      ?.timeout(5000)
      .emitWithAck('sim:placeCard', { personId: CITIZEN_ID })) as { ok: boolean };
    expect(placed.ok, JSON.stringify(placed)).toBe(true);
  }

  /** The kiosk, with 林晓雯's card read and 新生儿出生一件事 chosen. */
  async function citizenStarts(s: Stack): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
    contexts.push(context);
    const kiosk = await context.newPage();
    await kiosk.goto(s.kioskUrl);
    // The demo controls show once the kiosk has reached the bridge: a card is seen from then on.
    await kiosk.locator('.sim-panel').waitFor();
    await placeCard();
    await kiosk.getByRole('button', { name: '确定，继续' }).click();
    await kiosk.getByRole('heading', { level: 1, name: '您要办什么事？' }).waitFor();
    await kiosk
      .getByRole('button', { name: /新生儿出生一件事/ })
      .first()
      .click();
    await kiosk.locator('[data-screen="notice"]').waitFor();
    return kiosk;
  }

  /**
   * The citizen fills in the form as a person would: each answer into its field (a choice by
   * its radio button), in order, so fields that appear after a choice are there when reached.
   */
  async function fillForm(kiosk: Page): Promise<void> {
    await fillFormPages(kiosk, typed ?? {}, 'zh-CN');
  }

  /** The agent console in its own context: 李警官 signs in and goes 空闲. */
  async function agentSignsIn(s: Stack): Promise<{ context: BrowserContext; seat: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const seat = await context.newPage();
    await seat.goto(`${s.server.url}/agent/`);
    await seat.getByLabel('用户名').fill('agent.police');
    await seat.getByLabel('密码').fill('demo-agent-2026');
    await seat.getByRole('button', { name: '登录' }).click();
    await seat.getByRole('heading', { level: 2, name: '坐席工作台' }).waitFor();
    await seat.getByRole('button', { name: '空闲', exact: true }).click();
    // A citizen already waiting in a queue of theirs is offered at once.
    await expect.poll(() => seat.locator('.seat-current').textContent()).toMatch(/空闲|来电中/);
    // 新生儿出生一件事 is led by the health commission, which has no agent on duty here: the
    // supervisor opens a tidal window (潮汐窗口) so the police agent also takes HEALTH calls.
    const supervisor = await connectSocket(s.server.url, '/staff', {
      cookie: await login(s.server.url, 'supervisor', 'demo-supervisor-2026'),
    });
    sockets.push(supervisor);
    const snap = await request<any>(supervisor, 'supervisor:snapshot', {});
    const agent = snap.data.agents.find((a: { name: string }) => a.name === '李警官');
    const moved = await request<any>(supervisor, 'supervisor:moveAgent', {
      agentId: agent.id,
      departments: ['PSB', 'HEALTH'],
    });
    expect(moved.ok, JSON.stringify(moved)).toBe(true);
    return { context, seat };
  }

  it('connects a citizen to an agent: video (with a media worker), chat, ID card, 收件受理 and its receipt, wrap-up, 好差评', async () => {
    const s = await start('E2E-BOOTH-CALL');
    const kiosk = await citizenStarts(s);
    const { seat } = await agentSignsIn(s);
    expect(await seat.locator('.seat-current').textContent()).toContain('空闲');
    await snapshot(kiosk, 'booth-call', '01-kiosk-notice');
    await snapshot(seat, 'booth-call', '02-agent-available');

    // 视频帮办: the citizen is told where they stand in words.
    await kiosk.getByRole('button', { name: '视频帮办' }).click();
    const position = kiosk.getByTestId('help-position');
    await expect
      .poll(() => position.textContent().catch(() => ''))
      .toMatch(/您是下一位|您前面还有/);
    await snapshot(kiosk, 'booth-call', '03-kiosk-queued');

    // The agent's offer rings, counting down.
    const offer = seat.getByTestId('offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('番禺区政务服务中心');
    const countdown = async () =>
      Number(await offer.locator('[role="timer"] strong').textContent());
    const first = await countdown();
    expect(first).toBeGreaterThan(50);
    await expect.poll(countdown).toBeLessThan(first);
    await snapshot(seat, 'booth-call', '04-agent-offer');

    await seat.getByRole('button', { name: '接听' }).click();
    await seat.getByTestId('call-view').waitFor();
    const callPanel = kiosk.locator('.call-panel');
    await callPanel.waitFor();
    expect(await callPanel.getByRole('heading', { level: 2 }).textContent()).toContain(
      '已接通：李警官',
    );
    // The agent sees the citizen's errand (the draft) without a push.
    const contextPanel = seat.getByRole('region', { name: '市民情况' });
    await expect.poll(() => contextPanel.textContent()).toContain('新生儿出生一件事');

    if (withMedia) {
      // Each side sees the other: frames decode and audio arrives, and keep doing so.
      await kiosk.getByTestId('agent-video').waitFor();
      await seat.getByTestId('remote-video').waitFor({ timeout: STEP_MS });
      for (const [page, side] of [
        [kiosk, 'kiosk'],
        [seat, 'seat'],
      ] as const) {
        const before = await inbound(page, side);
        await expect
          .poll(async () => (await inbound(page, side)).video, { timeout: STEP_MS })
          .toBeGreaterThan(before.video + 10);
        await expect
          .poll(async () => (await inbound(page, side)).audio, { timeout: STEP_MS })
          .toBeGreaterThan(before.audio + 10);
      }
      // ...and the pictures are on screen, not only decoded.
      const width = (video: Locator) => video.evaluate((v: HTMLVideoElement) => v.videoWidth);
      await expect.poll(() => width(kiosk.getByTestId('agent-video'))).toBeGreaterThan(0);
      await expect.poll(() => width(seat.getByTestId('remote-video'))).toBeGreaterThan(0);
      await expect
        .poll(() => seat.getByTestId('quality').textContent(), { timeout: STEP_MS })
        .toMatch(/(良好|一般|较差)（\d+\/10）/);
    } else {
      // No media server: both sides say so plainly, and the call goes on by text.
      await expect.poll(() => callPanel.textContent()).toContain('视频暂时无法接通');
      await seat.getByTestId('video-unavailable').waitFor();
    }
    await snapshot(kiosk, 'booth-call', '05-kiosk-connected');
    await snapshot(seat, 'booth-call', '06-agent-connected');

    // Chat both ways.
    await kiosk.getByLabel('输入消息').fill('您好，我想办新生儿出生登记');
    await kiosk.getByRole('button', { name: '发送', exact: true }).click();
    const seatChat = seat.locator('.seat-chat-log');
    await expect.poll(() => seatChat.textContent()).toContain('您好，我想办新生儿出生登记');
    await seat.getByLabel('输入消息').fill('好的，我先读一下您的身份证');
    await seat.getByRole('button', { name: '发送' }).click();
    const kioskChat = kiosk.getByRole('log', { name: '聊天记录' });
    await expect
      .poll(() => kioskChat.textContent())
      .toContain('李警官：好的，我先读一下您的身份证');
    await snapshot(kiosk, 'booth-call', '07-kiosk-chat');
    await snapshot(seat, 'booth-call', '08-agent-chat');

    // Filing now fails, and the agent is told why in words: the form is not filled in yet.
    const printer = s.bridge.hardware.simulators?.printer;
    if (!printer) throw new Error('the stack has no simulated receipt printer');
    const caseStatus = seat
      .locator('.seat-actions li')
      .filter({ hasText: '收件受理' })
      .getByRole('status');
    await seat.getByRole('button', { name: '收件受理' }).click();
    const early = kiosk.locator('dialog.consent[data-consent="acceptCase"]');
    await early.getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => caseStatus.textContent()).toContain('未能完成');
    // Refused before the card was read with consent: the agent holds no identity to file with.
    expect(await caseStatus.textContent()).toContain('提交的内容不符合要求');
    await expect
      .poll(() => kiosk.getByTestId('agent-activity').textContent())
      .toContain('没有完成：代您提交申请');
    expect(await kiosk.locator('[data-screen="notice"]').count()).toBe(1);
    expect(printer.receipts).toHaveLength(0);
    await snapshot(seat, 'booth-call', '09-agent-case-refused');

    // The agent guides; the citizen carries on with the form below the call, and the agent
    // follows their progress.
    await seat.getByLabel('输入消息').fill('请点“我已了解”，把申请表填好，我在这边看着');
    await seat.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => kioskChat.textContent()).toContain('把申请表填好');
    await kiosk.getByRole('button', { name: '我已了解，选择要办的事项' }).click();
    await kiosk.getByRole('button', { name: '下一步：填写申请表' }).click();
    await kiosk.locator('[data-screen="form"]').waitFor();
    await fillForm(kiosk);
    await expect.poll(() => contextPanel.textContent()).toContain('填写表单');
    const answered = async () =>
      Number((await contextPanel.textContent())?.match(/已填写\s*(\d+)\s*项/)?.[1] ?? 0);
    await expect.poll(answered).toBeGreaterThanOrEqual(Object.keys(typed ?? {}).length);
    await kiosk.getByRole('button', { name: '检查并继续' }).click();
    await kiosk.locator('[data-screen="materials"]').waitFor();
    await snapshot(kiosk, 'booth-call', '10-kiosk-form-filled');

    // The citizen signed in with their card, but the agent sees nothing of it before consent.
    expect(await contextPanel.textContent()).toContain('尚未读取身份证');
    expect(await contextPanel.textContent()).not.toContain('林');

    // 请放置身份证: the citizen is asked first; the card already on the reader is the one read.
    await seat.getByRole('button', { name: '请放置身份证' }).click();
    const readStatus = seat.locator('.seat-actions li').filter({ hasText: '请放置身份证' });
    await expect.poll(() => readStatus.getByRole('status').textContent()).toContain('等待市民同意');
    const consent = kiosk.locator('dialog.consent[data-consent="readIdCard"]');
    await consent.waitFor();
    expect(await consent.textContent()).toContain('李警官请求您同意');
    await snapshot(kiosk, 'booth-call', '11-kiosk-consent-card');
    await consent.getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => readStatus.getByRole('status').textContent()).toContain('已完成');
    const identity = seat.getByTestId('identity');
    await expect.poll(() => identity.textContent()).toContain(MASKED_NAME);
    expect(await identity.textContent()).toContain(MASKED_ID);
    expect(await seat.locator('.seat').textContent()).not.toContain(CITIZEN_ID);
    expect(await seat.locator('.seat').textContent()).not.toContain(CITIZEN_NAME);
    await expect
      .poll(() => kiosk.getByTestId('agent-activity').textContent())
      .toContain('已完成：读取您的身份证');
    await snapshot(seat, 'booth-call', '12-agent-identity');

    // 收件受理 again: the citizen agrees, the case is filed, its number shows, a receipt prints.
    await seat.getByRole('button', { name: '收件受理' }).click();
    const accept = kiosk.locator('dialog.consent[data-consent="acceptCase"]');
    await accept.waitFor();
    await snapshot(kiosk, 'booth-call', '13-kiosk-consent-case');
    await accept.getByRole('button', { name: '同意', exact: true }).click();
    await expect.poll(() => caseStatus.textContent()).toMatch(/已提交，办件编号 YJ\S+/);
    const caseNumber = (await caseStatus.textContent())?.match(/YJ[\w-]+/)?.[0] as string;
    const onKiosk = kiosk.locator('.case-number-value');
    await expect.poll(() => onKiosk.textContent()).toBe(caseNumber);
    expect(await kiosk.locator('main').textContent()).toContain(
      `工作人员已代您提交申请，办件编号 ${caseNumber}`,
    );
    await expect.poll(() => printer.receipts.length, { timeout: STEP_MS }).toBe(1);
    const receipt = printer.receipts[0];
    expect(receipt?.lines.join('\n')).toContain(caseNumber);
    expect(receipt?.cut).not.toBeNull();
    await snapshot(kiosk, 'booth-call', '14-kiosk-case-filed');
    await snapshot(seat, 'booth-call', '15-agent-case-filed');

    // The agent ends the call: wrap-up on the console, the call's end on the kiosk.
    await seat.getByRole('button', { name: '结束通话' }).click();
    await seat.getByRole('button', { name: '确认结束' }).click();
    const wrapUp = seat.getByRole('region', { name: '通话小结' });
    await wrapUp.waitFor();
    expect(await wrapUp.textContent()).toContain(`办件编号 ${caseNumber}`);
    expect(await seat.getByLabel('处理结果').inputValue()).toBe('caseAccepted');
    expect(await seat.evaluate(() => '__seatCall' in window)).toBe(false);
    await expect.poll(() => kiosk.locator('.call-panel').count()).toBe(0);
    expect(await kiosk.evaluate(() => '__kioskCall' in window)).toBe(false);
    await expect.poll(() => s.server.server.calls.roomCount()).toBe(0);
    await seat.getByLabel('备注（可选）').fill('已代为受理，回执已打印');
    await snapshot(seat, 'booth-call', '16-agent-wrap-up');
    await seat.getByRole('button', { name: '提交小结' }).click();
    await expect.poll(() => wrapUp.count()).toBe(0);

    // 好差评 for the call, naming who served.
    await snapshot(kiosk, 'booth-call', '17-kiosk-call-ended');
    await kiosk.getByRole('button', { name: '下一步：评价服务' }).click();
    await kiosk.getByRole('heading', { level: 1, name: '请评价刚才的视频帮办' }).waitFor();
    expect(await kiosk.locator('main').textContent()).toContain('为您服务的是李警官');
    await kiosk.getByRole('button', { name: '非常满意' }).click();
    await snapshot(kiosk, 'booth-call', '18-kiosk-rating');
    await kiosk.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => kiosk.locator('main').textContent()).toContain('感谢您的评价');
    // The rating counts for the agent who served (who rated stays unknown to them).
    const mine = await seat.request.get(`${s.server.url}/api/ratings/mine`);
    expect(await mine.json()).toEqual({
      count: 1,
      counts: { very_satisfied: 1, satisfied: 0, basic: 0, unsatisfied: 0, very_unsatisfied: 0 },
    });
    await snapshot(kiosk, 'booth-call', '19-kiosk-rated');
  });

  it('puts the citizen back at the head of the queue, calmly, when the agent’s browser goes', async () => {
    const s = await start('E2E-BOOTH-LOST');
    const kiosk = await citizenStarts(s);
    const { context, seat } = await agentSignsIn(s);
    await kiosk.getByRole('button', { name: '视频帮办' }).click();
    await seat.getByTestId('offer').waitFor();
    await seat.getByRole('button', { name: '接听' }).click();
    await kiosk.locator('.call-panel').waitFor();
    await snapshot(kiosk, 'booth-call', '20-kiosk-connected');

    // The agent's browser disappears; after the grace period the citizen is told, plainly.
    await context.close();
    const panel = kiosk.locator('.video-help-panel');
    await expect
      .poll(() => panel.textContent(), { timeout: STEP_MS })
      .toContain('工作人员的网络中断了，您已回到队列最前面，请稍候。');
    expect(await panel.getAttribute('data-help-phase')).toBe('waiting');
    expect(await kiosk.getByTestId('help-position').textContent()).toContain('您是下一位');
    expect(await kiosk.locator('.call-panel').count()).toBe(0);
    expect(await kiosk.evaluate(() => '__kioskCall' in window)).toBe(false);
    // Calm: an information note, not a warning or an error, and the errand is still below.
    expect(await panel.locator('.message-info').textContent()).toContain('您已回到队列最前面');
    expect(await panel.locator('.message-warning, .message-error').count()).toBe(0);
    await kiosk.locator('[data-screen="notice"]').waitFor();
    await snapshot(kiosk, 'booth-call', '21-kiosk-requeued');

    // The agent is back (a new browser): the waiting citizen is the first one offered.
    const again = await agentSignsIn(s);
    await again.seat.getByTestId('offer').waitFor();
    await snapshot(again.seat, 'booth-call', '22-agent-offer-again');
    await again.seat.getByRole('button', { name: '接听' }).click();
    await kiosk.locator('.call-panel').waitFor();
    expect(await kiosk.locator('.call-panel h2').textContent()).toContain('已接通：李警官');
  });
});
