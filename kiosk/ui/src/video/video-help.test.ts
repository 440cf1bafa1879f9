import { describe, expect, it, vi } from 'vitest';
import { AGENT, harness, toCall, toForm } from '../testing/video-help-harness.ts';
import { chatText } from './help-words.ts';

describe('VideoHelp: asking for help', () => {
  it('asks for the chosen bundle, never naming a priority (the server derives it), and shows the queue', async () => {
    const h = harness();
    toForm(h);
    h.dispatch({ type: 'setElder', elder: true });
    await h.help.request();
    expect(h.server.sent('help:request')).toEqual([{ bundleCode: 'birth', language: 'zh-CN' }]);
    expect(h.store.state.help).toMatchObject({ phase: 'waiting', position: 2, waitSeconds: 90 });
    h.server.push('help:position', { ticketId: 't1', position: 1, estimatedWaitSeconds: 15 });
    h.server.push('help:escalated', { ticketId: 't1', scope: 'province' });
    expect(h.store.state.help).toMatchObject({ position: 1, waitSeconds: 15, escalated: true });
  });

  it('asks without a bundle before one is chosen', async () => {
    const h = harness();
    await h.help.request();
    expect(h.server.sent('help:request')).toEqual([{ language: 'zh-CN' }]);
  });

  it('says why when help cannot be asked for', async () => {
    const refused = harness({
      server: { 'help:request': () => ({ ok: false, error: { code: 'CONFLICT', message: 'm' } }) },
    });
    await refused.help.request();
    expect(refused.store.state.help).toMatchObject({
      phase: 'failed',
      problem: { kind: 'server', code: 'CONFLICT' },
    });
    const offline = harness();
    offline.server.connected = false;
    await offline.help.request();
    expect(offline.store.state.help.problem?.kind).toBe('unreachable');
  });

  it('says honestly when video help is closed or nobody is online: no queue, a call-back instead', async () => {
    const nextOpenAt = Date.parse('2026-12-08T09:00:00+08:00');
    const closed = harness({
      server: {
        'help:availability': () => ({
          ok: true,
          data: { open: false, agentsOnline: 0, nextOpenAt, hotline: '12345' },
        }),
      },
    });
    toForm(closed);
    await closed.help.request();
    expect(closed.server.sent('help:request')).toEqual([]);
    expect(closed.server.sent('help:availability')).toEqual([{ bundleCode: 'birth' }]);
    expect(closed.store.state.help).toMatchObject({
      phase: 'unavailable',
      unavailable: { open: false, nextOpenAt, hotline: '12345' },
      waitSeconds: null,
    });
    await closed.help.bookCallBack('13812345678');
    expect(closed.server.sent('help:callBack')).toEqual([
      { phone: '13812345678', bundleCode: 'birth', language: 'zh-CN' },
    ]);
    expect(closed.store.state.help).toMatchObject({
      phase: 'callBackBooked',
      callBackPhone: '138****5678',
    });

    const nobody = harness({
      server: {
        'help:availability': () => ({
          ok: true,
          data: { open: true, agentsOnline: 0, nextOpenAt: null, hotline: '12345' },
        }),
        'help:callBack': () => ({ ok: false, error: { code: 'INTERNAL', message: 'm' } }),
      },
    });
    await nobody.help.request();
    expect(nobody.store.state.help).toMatchObject({
      phase: 'unavailable',
      unavailable: { open: true },
    });
    await nobody.help.bookCallBack('13812345678');
    expect(nobody.store.state.help).toMatchObject({ phase: 'unavailable', callBackFailed: true });
  });

  it('waits for the server socket when help is asked for just after start-up', async () => {
    const h = harness();
    h.server.connected = false;
    const asked = h.help.request();
    h.server.open();
    await asked;
    expect(h.store.state.help.phase).toBe('waiting');
  });

  it('withdraws the ticket when the citizen cancels, and when the session is wiped', async () => {
    const h = harness();
    await h.help.request();
    await h.help.cancel();
    expect(h.server.sent('help:cancel')).toEqual([{ ticketId: 't1' }]);
    expect(h.store.state.help.phase).toBe('idle');

    const w = harness();
    await w.help.request();
    w.help.end();
    await vi.waitFor(() => expect(w.server.sent('help:cancel')).toEqual([{ ticketId: 't1' }]));
  });

  it('cancels a ticket whose answer arrives after the citizen gave up', async () => {
    // the citizen gives up while the server is filing the ticket
    const h: ReturnType<typeof harness> = harness({
      server: {
        'help:request': () => {
          void h.help.cancel();
          return { ok: true, data: { ticketId: 't1', position: 1, estimatedWaitSeconds: 30 } };
        },
      },
    });
    await h.help.request();
    expect(h.store.state.help.phase).toBe('idle');
    expect(h.server.sent('help:cancel')).toEqual([{ ticketId: 't1' }]);
  });
});

describe('VideoHelp: the call', () => {
  it('joins the media when an agent answers and ends it on hang-up, at once', async () => {
    const h = harness();
    toForm(h);
    await toCall(h);
    expect(h.media.started).toEqual(['t1']);
    expect(h.store.state.help).toMatchObject({ phase: 'connected', agent: AGENT });
    h.media.events?.quality(4);
    expect(h.store.state.help.quality).toBe(4);
    await h.help.setDevice('mic', false);
    expect(h.media.enabled).toEqual([['audio', false]]);
    expect(h.store.state.help.mic).toBe(false);
    await h.help.hangup();
    expect(h.media.left).toBe(1);
    expect(h.server.sent('call:hangup')).toEqual([{ ticketId: 't1' }]);
    expect(h.store.state.help).toMatchObject({ phase: 'ended', endedAfterCall: true });
    expect(h.store.state.screen).toBe('form');
  });

  it('carries on with text chat when the server has no media for the call', async () => {
    const h = harness({ media: 'refused' });
    await h.help.request();
    h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
    await vi.waitFor(() => expect(h.store.state.help.media).toBe('unavailable'));
    expect(await h.help.send('  我听不清  ')).toBe(true);
    expect(h.server.sent('chat:send')).toEqual([{ ticketId: 't1', text: '我听不清' }]);
    h.server.push('chat:message', {
      ticketId: 't1',
      from: 'agent',
      name: AGENT.name,
      text: '请看屏幕',
      at: 1,
    });
    expect(h.store.state.help.chat.map((m) => chatText('zh-CN', m))).toEqual(['请看屏幕']);
  });

  it('keeps a chat line that did not go out, and says so', async () => {
    const h = harness({
      server: { 'chat:send': () => ({ ok: false, error: { code: 'CONFLICT', message: 'x' } }) },
    });
    await toCall(h);
    expect(await h.help.send('hello')).toBe(false);
    expect(h.store.state.help.chatFailed).toBe(true);
  });

  it('goes back to waiting without media when the agent is lost, and joins again on the next answer', async () => {
    const h = harness();
    await toCall(h);
    h.server.push('help:requeued', { ticketId: 't1', reason: 'agentLost' });
    expect(h.media.left).toBe(1);
    expect(h.store.state.help.phase).toBe('waiting');
    h.server.push('help:connected', { ticketId: 't1', callId: 't1', agent: AGENT });
    await vi.waitFor(() => expect(h.media.started).toEqual(['t1', 't1']));
  });

  it('says the connection is being recovered while the server socket is away', async () => {
    const h = harness();
    await toCall(h);
    h.server.connected = false;
    h.server.push('disconnect');
    expect(h.store.state.help.reconnecting).toBe(true);
    h.server.open();
    expect(h.store.state.help.reconnecting).toBe(false);
  });
});
