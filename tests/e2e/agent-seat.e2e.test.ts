import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@onething/contract/sockets/booth';
import { chatText } from '../../agent-console/src/seat/chat-text.ts';
import { probeWorkerBinary } from '../../booth-server/src/media/worker-binary.ts';
import {
  identityCardOf,
  loadDemoDataset,
} from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import { enrolTerminal } from '../../booth-server/src/testing/terminals.ts';
import {
  connectSocket,
  login,
  readJson,
  request,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { buildMediaHarness } from './media-harness/build.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { STEP_MS } from './support/timing.ts';
import { recordEvents } from '../../booth-server/src/testing/event-recorder.ts';

const skip = browserSkipReason();
const worker = probeWorkerBinary();
const mediaSkip = skip ?? (worker.found ? null : `no mediasoup worker: ${worker.reason}`);
if (mediaSkip) console.warn(`[skip] agent seat with real media: ${mediaSkip}`);
const dataset = await loadDemoDataset();
const person = dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0];
if (!person) throw new Error('the demo dataset has no people');
const citizen = identityCardOf(person);
/** 孙德华, 84: the queue serves him as elderly once his card is read. */
const elderPerson = dataset.people.find((p) => p.idNumber === '33990319420810015X');
if (!elderPerson) throw new Error('the demo dataset lost 孙德华');
const elder = identityCardOf(elderPerson);
const maskedName = `${[...citizen.name][0]}${'*'.repeat([...citizen.name].length - 1)}`;

/** Accessibility violations inside a part of the console, as "rule: target" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const WRAP_UP_SECONDS = 2;

describe.skipIf(!!skip)('agent seat and supervisor dashboard in real Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let admin: string;
  let auditor: string;
  const sockets: Socket[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // Media is off in test servers (MEDIA_DISABLED): the seat must say so and work without it.
    t = await startTestServer({ OFFER_TIMEOUT_SECONDS: 60, WRAP_UP_SECONDS });
    admin = await login(t.url, 'admin', 'demo-admin-2026');
    auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function kiosk(terminalId: string) {
    const session = await kioskSession(t.url, admin, terminalId);
    const socket = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });
    sockets.push(socket);
    return { socket, rec: recordEvents(socket, STEP_MS), session };
  }

  async function signIn(
    username: string,
    password: string,
    viewport = { width: 1280, height: 900 },
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    return page;
  }

  it('lets an agent take a booth call: offer, accept, chat, ID card, reveal, case, end, wrap-up', async () => {
    const page = await signIn('agent.police', 'demo-agent-2026');
    await page.getByRole('heading', { level: 2, name: '坐席工作台' }).waitFor();
    const current = page.locator('.seat-current');
    await expect.poll(() => current.textContent()).toContain('离线');

    await page.getByRole('button', { name: '空闲', exact: true }).click();
    await expect.poll(() => current.textContent()).toContain('空闲');
    const queue = page.getByRole('region', { name: '我的队列' });
    await expect.poll(() => queue.textContent()).toContain('目前没有人排队');
    expect(await queue.textContent()).toContain('广州市公安局番禺区分局');
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await snapshot(page, 'seat', '01-available');

    // 孙德华 (84) asks for the police at a booth with his card on the reader: the server, not
    // the kiosk, gives him elderly priority.
    const booth = await kiosk('B-SEAT');
    expect((await booth.session.attest(elder)).ok).toBe(true);
    const help = await request<any>(booth.socket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    expect(help.ok, JSON.stringify(help)).toBe(true);
    const ticketId: string = help.data.ticketId;

    const offer = page.getByTestId('offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('老年人优先');
    // The offer names the booth (its site follows in the queue list once the ticket is known).
    expect(await offer.textContent()).toContain('番禺区政务服务中心');
    const countdown = async () =>
      Number(await offer.locator('[role="timer"] strong').textContent());
    const first = await countdown();
    expect(first).toBeGreaterThan(50);
    expect(first).toBeLessThanOrEqual(60);
    await expect.poll(countdown).toBeLessThan(first);
    // Focus is on Accept, so Enter answers; the news line announced the offer.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toContain('接听');
    expect(await page.getByTestId('seat-news').textContent()).toContain('新来电：老年人优先');
    expect(await current.textContent()).toContain('来电中');
    // The queue lists the ticket being offered, without personal data.
    await expect.poll(() => queue.textContent()).toContain('老年人优先');
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await snapshot(page, 'seat', '02-offer');

    await page.getByRole('button', { name: '接听' }).click();
    const callView = page.getByTestId('call-view');
    await callView.waitFor();
    await booth.rec.next('help:connected');
    await expect.poll(() => current.textContent()).toContain('通话中');
    // No media server here: the seat says so plainly and everything else keeps working.
    const noVideo = page.getByTestId('video-unavailable');
    await noVideo.waitFor();
    expect(await noVideo.textContent()).toContain('视频暂不可用');
    expect(await page.getByTestId('remote-video').count()).toBe(0);

    // Chat both ways.
    const chatLog = page.locator('.seat-chat-log');
    await expect.poll(() => chatLog.textContent()).toContain('已接通');
    await request(booth.socket, 'chat:send', { ticketId, text: '您好，我想办出生登记' });
    await expect.poll(() => chatLog.textContent()).toContain('您好，我想办出生登记');
    await page.getByLabel('输入消息').fill('好的，请先把身份证放到读卡区');
    await page.getByRole('button', { name: '发送' }).click();
    const fromAgent = await booth.rec.next('chat:message', (m) => m.from === 'agent');
    expect(fromAgent).toMatchObject({ text: '好的，请先把身份证放到读卡区', name: '李警官' });
    await expect.poll(() => page.getByLabel('输入消息').inputValue()).toBe('');
    await snapshot(page, 'seat', '03-call-chat');

    // A reload mid-call comes back to the same call (the server still holds it).
    await page.reload();
    await callView.waitFor();
    await expect.poll(() => current.textContent()).toContain('通话中');
    expect(await page.getByRole('region', { name: '市民情况' }).textContent()).toContain(
      '番禺区政务服务中心',
    );
    await request(booth.socket, 'chat:send', { ticketId, text: '还在吗？' });
    await expect.poll(() => chatLog.textContent()).toContain('还在吗？');

    // Read the ID card: waits for the citizen's consent, then shows the identity masked.
    await page.getByRole('button', { name: '请放置身份证' }).click();
    const readStatus = page.locator('.seat-actions li').filter({ hasText: '请放置身份证' });
    await expect.poll(() => readStatus.getByRole('status').textContent()).toContain('等待市民同意');
    const ask = await booth.rec.next('remote:action', (a) => a.request.kind === 'readIdCard');
    // The errand is his daughter-in-law's: 林晓雯 places her card, the bridge attests it, and
    // the citizen consents; the card the agent gets is the attested one.
    expect((await booth.session.attest(citizen)).ok).toBe(true);
    await request(booth.socket, 'remote:respond', { actionId: ask.actionId, consent: true });
    await expect.poll(() => readStatus.getByRole('status').textContent()).toContain('已完成');
    const identity = page.getByTestId('identity');
    await expect.poll(() => identity.textContent()).toContain(maskedName);
    expect(await identity.textContent()).toContain('339***********022X');
    expect(await page.locator('.seat').textContent()).not.toContain(citizen.idNumber);
    await snapshot(page, 'seat', '04-identity-masked');

    // Reveal: a reason is asked inline, the full identity shows, and the audit log has it.
    await page.getByRole('button', { name: '查看完整身份信息' }).click();
    const reason = page.getByLabel('查看原因（必填）');
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: '确认查看' }).click();
    expect(await page.getByRole('alert').filter({ hasText: '至少 2 个字' }).count()).toBe(1);
    await reason.fill('核验身份');
    await page.getByRole('button', { name: '确认查看' }).click();
    await expect.poll(() => identity.textContent()).toContain(citizen.name);
    expect(await identity.textContent()).toContain(citizen.idNumber);
    expect(await page.locator('.seat-identity').textContent()).toContain('已记入审计日志');
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=booth.identity.reveal`, {
        headers: { cookie: auditor },
      }),
    );
    expect(audit.entries[0].details.reason).toBe('核验身份');
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await snapshot(page, 'seat', '05-identity-revealed');

    // 收件受理: the booth's draft is filed as a case, and its number shows.
    const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP001');
    await request(booth.socket, 'draft:update', {
      ticketId,
      draft: {
        bundleCode: 'YJSP001',
        itemCodes: [],
        answers: scenario?.typed ?? {},
        identity: citizen,
        step: 'review',
      },
    });
    // The citizen's progress reaches the agent's context panel without a push.
    const contextPanel = page.getByRole('region', { name: '市民情况' });
    await expect.poll(() => contextPanel.textContent()).toContain('新生儿出生一件事');
    expect(await contextPanel.textContent()).toContain('核对信息');
    await page.getByRole('button', { name: '收件受理' }).click();
    const accept = await booth.rec.next('remote:action', (a) => a.request.kind === 'acceptCase');
    await request(booth.socket, 'remote:respond', { actionId: accept.actionId, consent: true });
    const caseStatus = page
      .locator('.seat-actions li')
      .filter({ hasText: '收件受理' })
      .getByRole('status');
    await expect.poll(() => caseStatus.textContent()).toMatch(/已提交，办件编号 YJ\S+/);
    const caseNumber = (await caseStatus.textContent())?.match(/YJ\S+/)?.[0];

    // A declined capture says so.
    await page.getByLabel('材料名称').fill('户口簿');
    await page.getByRole('button', { name: '采集材料' }).click();
    const capture = await booth.rec.next(
      'remote:action',
      (a) => a.request.kind === 'captureDocument',
    );
    expect(capture.request.material).toBe('户口簿');
    await request(booth.socket, 'remote:respond', { actionId: capture.actionId, consent: false });
    await expect
      .poll(() =>
        page
          .locator('.seat-actions li')
          .filter({ hasText: '材料名称' })
          .getByRole('status')
          .textContent(),
      )
      .toContain('市民已拒绝');

    // A form and a printout reach the booth as the agent wrote them.
    await page.getByRole('button', { name: '展示表单' }).click();
    await page.getByLabel('表单标题').fill('出生登记信息核对');
    await page.getByLabel('第 1 行项目').fill('新生儿姓名');
    await page.getByLabel('第 1 行内容').fill('林小满');
    await page.getByRole('button', { name: '展示给市民' }).click();
    const form = await booth.rec.next('remote:action', (a) => a.request.kind === 'showForm');
    expect(form.request).toEqual({
      kind: 'showForm',
      title: '出生登记信息核对',
      fields: [{ label: '新生儿姓名', value: '林小满' }],
    });
    await page.getByRole('button', { name: '在晓屋打印' }).click();
    await page.getByLabel('打印标题').fill('办理须知');
    await page.getByLabel('打印内容（每行一段）').fill('请携带户口簿原件。\n\n办结后短信通知。');
    await page.getByRole('button', { name: '发送打印' }).click();
    const print = await booth.rec.next('remote:action', (a) => a.request.kind === 'print');
    expect(print.request.paragraphs).toEqual(['请携带户口簿原件。', '办结后短信通知。']);
    expect(print.needsConsent).toBe(false);
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await snapshot(page, 'seat', '06-actions');
    // A tablet held upright: the call view stacks into one column without sideways scrolling.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    await snapshot(page, 'seat', '06b-call-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });

    // End the call (confirmed inline), then the wrap-up form.
    await page.getByRole('button', { name: '结束通话' }).click();
    await page.getByRole('button', { name: '确认结束' }).click();
    const ended = await booth.rec.next('help:ended');
    expect(ended).toMatchObject({ endedBy: 'agent', caseNumber });
    const wrapUp = page.getByRole('region', { name: '通话小结' });
    await wrapUp.waitFor();
    expect(await callView.count()).toBe(0);
    expect(await wrapUp.textContent()).toContain('您结束了通话');
    expect(await wrapUp.textContent()).toContain(`办件编号 ${caseNumber}`);
    expect(await page.getByLabel('处理结果').inputValue()).toBe('caseAccepted');
    // Personal data left the screen with the call.
    expect(await page.locator('.seat').textContent()).not.toContain(citizen.name);
    await page.getByLabel('备注（可选）').fill('已受理，告知市民短信通知');
    expect(await axeViolations(page, '.seat')).toEqual([]);
    await snapshot(page, 'seat', '07-wrap-up');
    await page.getByRole('button', { name: '提交小结' }).click();
    await expect.poll(() => wrapUp.count()).toBe(0);
    expect(await page.getByTestId('seat-news').textContent()).toContain('通话小结已提交');
    const wrapAudit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=booth.wrap_up`, {
        headers: { cookie: auditor },
      }),
    );
    expect(wrapAudit.entries[0].details).toMatchObject({
      disposition: 'caseAccepted',
      note: '已受理，告知市民短信通知',
    });
    // After the wrap-up time the agent is available again.
    await expect
      .poll(() => current.textContent(), { timeout: WRAP_UP_SECONDS * 1000 + STEP_MS })
      .toContain('空闲');
    expect(await current.textContent()).toContain('今日已接待 1 位');
    await snapshot(page, 'seat', '08-after-call');

    // A second offer, rejected: the panel goes and says why.
    const again = await request<any>(booth.socket, 'help:request', {
      department: 'PSB',
      language: 'en',
    });
    expect(again.ok).toBe(true);
    await page.getByTestId('offer').waitFor();
    await page.getByRole('button', { name: '拒接' }).click();
    await expect.poll(() => page.getByTestId('offer').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('seat-news').textContent())
      .toContain('来电已结束：您已拒接');
    const cancelled = await request<any>(booth.socket, 'help:cancel', {
      ticketId: again.data.ticketId,
    });
    expect(cancelled.ok, JSON.stringify(cancelled)).toBe(true);
    await page.getByRole('button', { name: '离线', exact: true }).click();
    await expect.poll(() => current.textContent()).toContain('离线');
  });

  it('shows a supervisor the PSB queue and its agent, lets them listen in and move the agent', async () => {
    // The agent works from a socket here; the supervisor watches in the browser.
    const agent = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'agent.police', 'demo-agent-2026'),
    });
    sockets.push(agent);
    const agentRec = recordEvents(agent, STEP_MS);
    await request(agent, 'agent:setState', { state: 'available' });

    const page = await signIn('supervisor', 'demo-supervisor-2026');
    await page.getByRole('heading', { level: 2, name: '队列监控' }).waitFor();
    const psb = page.locator('tr[data-queue="PSB"]');
    await expect.poll(() => psb.textContent()).toContain('广州市公安局番禺区分局');
    expect(await psb.textContent()).toContain('空闲');
    const police = page.locator('tr[data-agent="李警官"]');
    await expect.poll(() => police.textContent()).toContain('空闲');
    expect(await police.textContent()).toContain('广州市公安局番禺区分局');
    expect(await page.getByRole('list', { name: '概况' }).textContent()).toContain('满意度');
    expect(await axeViolations(page, '.sup')).toEqual([]);
    await snapshot(page, 'seat', '10-supervisor');

    // A call starts: it appears live, and the supervisor listens in.
    const booth = await kiosk('B-SUP');
    const help = await request<any>(booth.socket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    const offer = await agentRec.next('offer:new');
    await request(agent, 'offer:accept', { offerId: offer.offerId });
    await expect.poll(() => police.textContent()).toContain('通话中');
    const monitorButton = page.getByRole('button', { name: '旁听：李警官 的通话' });
    await monitorButton.waitFor();
    await monitorButton.click();
    const monitor = page.getByTestId('monitor');
    await monitor.waitFor();
    expect(await monitor.textContent()).toContain('番禺区政务服务中心');
    await expect
      .poll(() => monitor.getByTestId('video-unavailable').textContent())
      .toContain('视频暂不可用');
    // Everyone is told: the system line reaches the agent and the supervisor's chat view.
    // The line comes as a code; the console words it (chatText is what its chat panel shows).
    const joined = (m: ChatMessage) => m.from === 'system' && /主管/.test(chatText(m, 'zh-CN'));
    expect(chatText(await agentRec.next('chat:message', joined), 'zh-CN')).toContain('陈主管');
    await request(booth.socket, 'chat:send', {
      ticketId: help.data.ticketId,
      text: '请问要带什么材料？',
    });
    await expect
      .poll(() => monitor.locator('.seat-chat-log').textContent())
      .toContain('请问要带什么材料？');
    expect(await monitor.getByLabel('输入消息').count()).toBe(0);
    expect(await axeViolations(page, '.sup')).toEqual([]);
    await snapshot(page, 'seat', '11-supervisor-monitor');
    await request(agent, 'call:end', { ticketId: help.data.ticketId });
    await expect.poll(() => monitor.textContent()).toContain('该通话已结束');
    await page.getByRole('button', { name: '停止旁听' }).click();
    await expect.poll(() => monitor.count()).toBe(0);

    // 潮汐窗口: the agent also serves civil affairs from now on.
    await page.getByRole('button', { name: '调整队列：李警官' }).click();
    await page.getByRole('checkbox', { name: '广州市番禺区民政局' }).check();
    await snapshot(page, 'seat', '12-supervisor-move');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => police.textContent()).toContain('广州市番禺区民政局');
    const self = await request<any>(agent, 'agent:self', {});
    expect(self.data.queues).toEqual(['PSB', 'CIVIL']);
    // The same dashboard in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Queues and agents' }).waitFor();
    expect(await psb.textContent()).toContain('Panyu Public Security Bureau');
    await snapshot(page, 'seat', '13-supervisor-english');
    await request(agent, 'agent:setState', { state: 'offline' }).catch(() => undefined);
  });

  it('tells a supervisor of Panyu, in their language, why a call from a Chengdu booth cannot be monitored', async () => {
    const credential = await enrolTerminal(t.url, admin, 'B-CHENGDU', {
      region: '510104',
      site: '锦江区政务服务中心',
    });
    const minted = await readJson(
      await fetch(`${t.url}/api/terminal/kiosk-session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}` },
      }),
    );
    const booth = await connectSocket(t.url, '/kiosk', { auth: { token: minted.token } });
    const remote = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'agent.remote', 'demo-agent-2026'),
    });
    sockets.push(booth, remote);
    const remoteRec = recordEvents(remote, STEP_MS);
    await request(remote, 'agent:setState', { state: 'available' });
    const help = await request<any>(booth, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    const offer = await remoteRec.next('offer:new');
    await request(remote, 'offer:accept', { offerId: offer.offerId });

    const page = await signIn('supervisor', 'demo-supervisor-2026', { width: 1440, height: 900 });
    await page.getByRole('heading', { level: 2, name: '队列监控' }).waitFor();
    await page.getByRole('button', { name: '旁听：赵坐席（跨省） 的通话' }).click();
    const alert = page.locator('.sup [role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('该通话来自您不负责的地区，无法监听');
    expect(await page.getByTestId('monitor').count()).toBe(0);
    await snapshot(page, 'seat', '14-supervisor-monitor-other-region');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Queues and agents' }).waitFor();
    await page.getByRole('button', { name: 'Monitor: call of 赵坐席（跨省）' }).click();
    await expect
      .poll(() => alert.textContent())
      .toContain('This call comes from a region you do not supervise');
    await snapshot(page, 'seat', '15-supervisor-monitor-other-region-english');
    await request(remote, 'call:end', { ticketId: help.data.ticketId });
    await request(remote, 'agent:setState', { state: 'offline' }).catch(() => undefined);
  });
});

type InboundStats = { kind: string; framesDecoded?: number; packetsReceived?: number }[];

/** The seat's CallClient, which the console exposes to tests as window.__seatCall. */
function seatStats(page: Page): Promise<InboundStats> {
  return page.evaluate(async () => {
    const call = (window as unknown as { __seatCall?: { inboundStats(): Promise<InboundStats> } })
      .__seatCall;
    return call ? call.inboundStats() : [];
  });
}

describe.skipIf(!!mediaSkip)('agent seat with real media through the SFU', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer({
      MEDIA_DISABLED: false,
      MEDIA_WORKERS: 1,
      MEDIA_PORT: 43000 + Math.floor(Math.random() * 2000),
      OFFER_TIMEOUT_SECONDS: 60,
      // The booth side is the bare media harness page (a CallClient and the fake camera).
      STATIC_DIR_KIOSK: await buildMediaHarness(),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the citizen’s video, decodes it, rates the quality and mutes on request', async () => {
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const session = await kioskSession(t.url, admin, 'MEDIA-SEAT');
    const boothSocket = await connectSocket(t.url, '/kiosk', { auth: { token: session.token } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/agent/`);
    await page.getByLabel('用户名').fill('agent.police');
    await page.getByLabel('密码').fill('demo-agent-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '空闲', exact: true }).click();
    await expect.poll(() => page.locator('.seat-current').textContent()).toContain('空闲');

    const help = await request<any>(boothSocket, 'help:request', {
      department: 'PSB',
      language: 'zh-CN',
    });
    await page.getByTestId('offer').waitFor();
    await page.getByRole('button', { name: '接听' }).click();
    await page.getByTestId('local-video').waitFor();

    const boothPage = await browser.newPage();
    await boothPage.goto(`${t.url}/kiosk/`);
    await boothPage.evaluate((o) => window.startCall(o), {
      namespace: '/kiosk',
      auth: { token: session.token },
      callId: help.data.ticketId as string,
    });

    const remote = page.getByTestId('remote-video');
    await remote.waitFor({ timeout: STEP_MS });
    await expect
      .poll(() => remote.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: STEP_MS })
      .toBeGreaterThan(0);
    const flowing = async () => {
      const stats = await seatStats(page);
      const video = Math.max(
        0,
        ...stats.filter((s) => s.kind === 'video').map((s) => s.framesDecoded ?? 0),
      );
      const audio = Math.max(
        0,
        ...stats.filter((s) => s.kind === 'audio').map((s) => s.packetsReceived ?? 0),
      );
      return Math.min(video, audio);
    };
    await expect.poll(flowing, { timeout: STEP_MS }).toBeGreaterThan(10);
    await expect
      .poll(() => page.getByTestId('quality').textContent(), { timeout: STEP_MS })
      .toMatch(/(良好|一般|较差)（\d+\/10）/);
    await snapshot(page, 'seat', '20-real-media-call');

    await page.getByRole('button', { name: '静音麦克风' }).click();
    await page.getByRole('button', { name: '打开麦克风' }).waitFor();
    expect(await page.locator('.seat-local figcaption').textContent()).toContain('已静音');

    await page.getByRole('button', { name: '结束通话' }).click();
    await page.getByRole('button', { name: '确认结束' }).click();
    await page.getByRole('region', { name: '通话小结' }).waitFor();
    expect(await page.evaluate(() => '__seatCall' in window)).toBe(false);
    await expect.poll(() => t.server.calls.roomCount()).toBe(0);
    boothSocket.close();
    await context.close();
  });
});
