import type { AgentInfo, ChatMessage } from '@onething/contract/sockets/booth';
import { describe, expect, it } from 'vitest';
import { card, caseView, catalogue, form, notice } from '../testing/fixtures.ts';
import { type FlowAction, flowReducer } from './flow-reducer.ts';
import { type FlowState, HELP_CHAT_MAX, initialState } from './flow-state.ts';
import { chatText } from '../video/help-words.ts';

function run(actions: FlowAction[], from: FlowState): FlowState {
  return actions.reduce(flowReducer, from);
}

const AGENT: AgentInfo = {
  id: 'agent-1',
  name: '李警官',
  department: 'PSB',
  departmentName: { zh: '公安局', en: 'Public Security Bureau' },
  regions: ['440113'],
};

/** A citizen on the form of the birth bundle. */
function atForm(): FlowState {
  return run(
    [
      { type: 'start', journey: 'apply' },
      { type: 'welcomeDone' },
      { type: 'cardInserted', card: card(), validity: 'valid' },
      { type: 'catalogueLoaded', catalogue: catalogue() },
      { type: 'bundleChosen', code: 'birth' },
      { type: 'noticeLoaded', notice: notice() },
      { type: 'noticeRead' },
      { type: 'itemsConfirmed' },
      { type: 'formLoaded', form: form() },
    ],
    initialState({ demo: false, bridgeConnected: true }),
  );
}

function waiting(from = atForm()): FlowState {
  return run(
    [
      { type: 'helpRequested' },
      { type: 'helpQueued', ticketId: 't1', position: 3, waitSeconds: 240 },
    ],
    from,
  );
}

function connected(from = atForm()): FlowState {
  return run(
    [{ type: 'helpConnected', ticketId: 't1', callId: 't1', agent: AGENT }],
    waiting(from),
  );
}

const chat = (text: string, ticketId = 't1'): ChatMessage => ({
  ticketId,
  from: 'agent',
  name: AGENT.name,
  text,
  at: Date.now(),
});

describe('video help in the flow', () => {
  it('queues, follows the position of its own ticket only, and connects', () => {
    let s = waiting();
    expect(s.help).toMatchObject({ phase: 'waiting', position: 3, waitSeconds: 240 });
    s = run(
      [
        { type: 'helpPosition', ticketId: 'other', position: 9, waitSeconds: 900 },
        { type: 'helpPosition', ticketId: 't1', position: 1, waitSeconds: 20 },
        { type: 'helpEscalated', ticketId: 't1' },
      ],
      s,
    );
    expect(s.help).toMatchObject({ position: 1, waitSeconds: 20, escalated: true });
    s = flowReducer(s, { type: 'helpConnected', ticketId: 't1', callId: 't1', agent: AGENT });
    expect(s.help).toMatchObject({ phase: 'connected', agent: AGENT, media: 'starting' });
    expect(s.screen).toBe('form');
  });

  it('keeps a failed request visible until closed, and does not ask twice while waiting', () => {
    const failed = run(
      [
        { type: 'helpRequested' },
        {
          type: 'helpRequestFailed',
          problem: { source: 'server', kind: 'unreachable', code: 'INTERNAL' },
        },
      ],
      atForm(),
    );
    expect(failed.help.phase).toBe('failed');
    expect(flowReducer(failed, { type: 'helpClosed' }).help.phase).toBe('idle');
    const w = waiting();
    expect(flowReducer(w, { type: 'helpRequested' })).toBe(w);
  });

  it('goes back to waiting when the agent is lost, keeping the chat and saying why', () => {
    const s = run(
      [
        { type: 'helpChat', message: chat('您好') },
        { type: 'helpMedia', media: 'live' },
        { type: 'helpRemoteVideo', on: true },
        {
          type: 'helpRequeued',
          ticketId: 't1',
          reason: 'agentLost',
        },
      ],
      connected(),
    );
    expect(s.help).toMatchObject({
      phase: 'waiting',
      media: 'off',
      remoteVideo: false,
      requeued: 'agentLost',
    });
    expect(s.help.chat.map((m) => chatText('zh-CN', m))).toEqual(['您好']);
  });

  it('keeps only the latest chat lines, and none of another ticket', () => {
    let s = connected();
    for (let i = 0; i < HELP_CHAT_MAX + 5; i++) {
      s = flowReducer(s, { type: 'helpChat', message: chat(`m${i}`) });
    }
    s = flowReducer(s, { type: 'helpChat', message: chat('not ours', 't2') });
    expect(s.help.chat).toHaveLength(HELP_CHAT_MAX);
    expect(chatText('zh-CN', s.help.chat.at(-1)!)).toBe(`m${HELP_CHAT_MAX + 4}`);
  });

  it('shows the case the agent filed as a receipt, and ignores a case nobody filed in a call', () => {
    expect(flowReducer(waiting(), { type: 'caseFiled', caseView: caseView() }).screen).toBe('form');
    const s = flowReducer(connected(), { type: 'caseFiled', caseView: caseView() });
    expect(s.screen).toBe('receipt');
    expect(s.caseView?.caseNumber).toBe(caseView().caseNumber);
    expect(s.help.caseNumber).toBe(caseView().caseNumber);
    const updated = flowReducer(s, {
      type: 'caseUpdated',
      caseView: caseView({ status: 'in_progress' }),
    });
    expect(updated.caseView?.status).toBe('in_progress');
    const other = flowReducer(s, {
      type: 'caseUpdated',
      caseView: caseView({ caseNumber: 'YJS-OTHER-0002' }),
    });
    expect(other.caseView?.caseNumber).toBe(caseView().caseNumber);
  });

  it('after a call that filed a case on the receipt, the next rating step rates the call', () => {
    const onReceipt = flowReducer(connected(), { type: 'caseFiled', caseView: caseView() });
    const ended = flowReducer(onReceipt, {
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: caseView().caseNumber,
      endedBy: 'agent',
    });
    expect(ended.screen).toBe('receipt');
    expect(ended.help.phase).toBe('ended');
    expect(ended.rating.call).toEqual({
      callId: 't1',
      caseNumber: caseView().caseNumber,
      agentName: AGENT.name,
    });
    const rated = run(
      [
        { type: 'receiptDone' },
        { type: 'ratingLevel', level: 'satisfied' },
        { type: 'ratingSent' },
      ],
      ended,
    );
    expect(rated.screen).toBe('finish');
  });

  it('mid-errand, rates the call and then returns to where the citizen was', () => {
    const ended = flowReducer(connected(), {
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: 'YJS-20250101-0009',
      endedBy: 'agent',
    });
    expect(ended.screen).toBe('rating');
    expect(ended.rating).toMatchObject({ returnTo: 'form', call: { callId: 't1' } });
    const skipped = flowReducer(ended, { type: 'ratingSkipped' });
    expect(skipped.screen).toBe('form');
    expect(skipped.rating.call).toBeNull();
    expect(skipped.form).not.toBeNull();
  });

  it('closes without a rating when the call produced no case, or the request was withdrawn', () => {
    const noCase = flowReducer(connected(), {
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: null,
      endedBy: 'agent',
    });
    expect(noCase.screen).toBe('form');
    expect(noCase.help).toMatchObject({ phase: 'ended', endedAfterCall: true, agent: null });
    expect(noCase.rating.call).toBeNull();
    const withdrawn = flowReducer(waiting(), {
      type: 'helpEnded',
      ticketId: 't1',
      callId: null,
      caseNumber: null,
      endedBy: 'cancelled',
    });
    expect(withdrawn.help.phase).toBe('idle');
    const stale = flowReducer(connected(), {
      type: 'helpEnded',
      ticketId: 'an-old-ticket',
      callId: null,
      caseNumber: null,
      endedBy: 'agent',
    });
    expect(stale.help.phase).toBe('connected');
  });

  it('forgets the call, its chat and any card read for it on wipe', () => {
    const s = run(
      [
        { type: 'helpChat', message: chat('住址是…') },
        { type: 'helpIdentity', card: card() },
        { type: 'wipe' },
      ],
      connected(),
    );
    expect(s.help).toMatchObject({ phase: 'idle', chat: [], identity: null, ticketId: null });
  });
});
