import type {
  CallContext,
  ChatMessage,
  OfferView,
  RemoteActionResult,
} from '@onething/contract/sockets/booth';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { describe, expect, it } from 'vitest';
import {
  type ActionRun,
  CHAT_LIMIT,
  canRequestState,
  caseNumberOf,
  formFields,
  initialSeat,
  latestRuns,
  paragraphsOf,
  runStatus,
  type SeatEvent,
  type SeatState,
  seatReducer,
} from './seat-state.ts';
import { chatText } from './chat-text.ts';

const offer = (offerId: string): OfferView => ({
  offerId,
  ticketId: `T-${offerId}`,
  expiresAt: 20_000,
  priority: 'elderly',
  language: 'zh-CN',
  bundleName: null,
  terminal: { id: 'B-1', site: '番禺区政务服务中心', region: '440113' },
  waitedSeconds: 12,
});

const context = (ticketId: string, extra: Partial<CallContext> = {}): CallContext => ({
  ticketId,
  callId: ticketId,
  terminal: { id: 'B-1', site: '番禺区政务服务中心', region: '440113' },
  bundleName: null,
  draft: { bundleCode: null, itemCodes: [], step: 'help', answeredFields: 0, identity: null },
  participants: [],
  chat: [],
  ...extra,
});

const chat = (ticketId: string, text: string, at = 1): ChatMessage => ({
  ticketId,
  from: 'citizen',
  text,
  at,
});

const result = (
  actionId: string,
  ticketId: string,
  extra: Partial<RemoteActionResult> = {},
): RemoteActionResult => ({
  actionId,
  ticketId,
  kind: 'readIdCard',
  status: 'done',
  outcome: null,
  problem: null,
  caseNumber: null,
  ...extra,
});

const identity: IdentityCardData = {
  cardType: 'resident',
  name: '林晓梅',
  gender: 'female',
  nation: { code: '01', name: '汉' },
  birthDate: '1994-06-12',
  address: '云溪市青川区',
  idNumber: '33990219940612022X',
  issuer: '公安局',
  validFrom: '2020-01-01',
  validTo: '长期',
};

const run = (s: SeatState, ...events: SeatEvent[]) => events.reduce(seatReducer, s);

describe('offers', () => {
  it('shows an offer and takes it away with the reason when it ends', () => {
    const s = run(initialSeat, { type: 'offer', offer: offer('O1') });
    expect(s.offer?.offerId).toBe('O1');
    const ended = seatReducer(s, { type: 'offerEnded', offerId: 'O1', reason: 'timedOut' });
    expect(ended.offer).toBeNull();
    expect(ended.offerEnded).toBe('timedOut');
  });

  it('ignores the end of an older offer while a newer one rings', () => {
    const s = run(
      initialSeat,
      { type: 'offer', offer: offer('O1') },
      { type: 'offer', offer: offer('O2') },
      { type: 'offerEnded', offerId: 'O1', reason: 'withdrawn' },
    );
    expect(s.offer?.offerId).toBe('O2');
    expect(s.offerEnded).toBeNull();
  });
});

describe('a call', () => {
  it('starts clean from an accepted offer, keeping chat that arrived before the accept', () => {
    const s = run(
      initialSeat,
      { type: 'offer', offer: offer('O1') },
      { type: 'chat', message: chat('T1', '已接通') },
      { type: 'chat', message: chat('OTHER', 'not ours') },
      { type: 'call', context: context('T1') },
    );
    expect(s.offer).toBeNull();
    expect(s.call?.ticketId).toBe('T1');
    expect(s.chat.map((m) => chatText(m, 'zh-CN'))).toEqual(['已接通']);
    expect(s.early).toEqual([]);
  });

  it('fills the chat of a call resumed after a reload from the server’s copy, once', () => {
    const said = [chat('T1', '您好'), chat('T1', '请出示户口簿', 2)];
    const resumed = run(
      initialSeat,
      { type: 'call', context: context('T1') },
      { type: 'context', context: context('T1', { chat: said }) },
    );
    expect(resumed.chat.map((m) => chatText(m, 'zh-CN'))).toEqual(['您好', '请出示户口簿']);
    // A later context refresh does not replace what the console has since received.
    const later = run(
      resumed,
      { type: 'chat', message: chat('T1', '好的', 3) },
      { type: 'context', context: context('T1', { chat: said }) },
    );
    expect(later.chat.map((m) => chatText(m, 'zh-CN'))).toEqual(['您好', '请出示户口簿', '好的']);
  });

  it('keeps only this call’s chat, at most the limit, newest last', () => {
    let s = run(initialSeat, { type: 'call', context: context('T1') });
    for (let i = 0; i < CHAT_LIMIT + 5; i++) {
      s = seatReducer(s, { type: 'chat', message: chat('T1', `m${i}`, i) });
    }
    expect(s.chat).toHaveLength(CHAT_LIMIT);
    expect(chatText(s.chat.at(-1)!, 'zh-CN')).toBe(`m${CHAT_LIMIT + 4}`);
    expect(chatText(s.chat[0]!, 'zh-CN')).toBe('m5');
  });

  it('updates the context of the current call only', () => {
    const s = run(
      initialSeat,
      { type: 'call', context: context('T1') },
      { type: 'context', context: context('T2', { bundleName: { zh: '别的', en: 'Other' } }) },
      { type: 'context', context: context('T1', { bundleName: { zh: '出生', en: 'Birth' } }) },
    );
    expect(s.call?.bundleName?.zh).toBe('出生');
  });

  it('ends in a wrap-up that carries the case filed during the call, and clears personal data', () => {
    const s = run(
      initialSeat,
      { type: 'call', context: context('T1') },
      { type: 'revealed', identity },
      { type: 'actionSent', localId: 1, kind: 'acceptCase' },
      { type: 'actionAcked', localId: 1, actionId: 'A1', needsConsent: true },
      {
        type: 'result',
        result: result('A1', 'T1', { kind: 'acceptCase', caseNumber: 'YJ2026000001' }),
      },
      { type: 'callEnded', ticketId: 'T1', endedBy: 'agent' },
    );
    expect(s.call).toBeNull();
    expect(s.identity).toBeNull();
    expect(s.chat).toEqual([]);
    expect(s.wrapUp).toEqual({ ticketId: 'T1', endedBy: 'agent', caseNumber: 'YJ2026000001' });
    expect(run(s, { type: 'wrappedUp' }).wrapUp).toBeNull();
  });

  it('ignores the end of a call that is not on screen', () => {
    const s = run(
      initialSeat,
      { type: 'call', context: context('T1') },
      { type: 'callEnded', ticketId: 'T0', endedBy: 'citizen' },
    );
    expect(s.call?.ticketId).toBe('T1');
    expect(s.wrapUp).toBeNull();
  });
});

describe('remote actions', () => {
  const inCall = run(initialSeat, { type: 'call', context: context('T1') });

  it('go from sending to waiting for consent to done, as the booth reports', () => {
    let s = seatReducer(inCall, { type: 'actionSent', localId: 7, kind: 'readIdCard' });
    const r = () => s.runs[0] as ActionRun;
    expect(runStatus(r(), s.results)).toEqual({ phase: 'sending' });
    s = seatReducer(s, { type: 'actionAcked', localId: 7, actionId: 'A7', needsConsent: true });
    expect(runStatus(r(), s.results)).toEqual({ phase: 'pending', needsConsent: true });
    const outcome = { code: 'cardRead', maskedName: '林**' } as const;
    s = seatReducer(s, { type: 'result', result: result('A7', 'T1', { outcome }) });
    expect(runStatus(r(), s.results)).toEqual({ phase: 'done', caseNumber: null, outcome });
  });

  it('take a result that overtook the acknowledgement', () => {
    const s = run(
      inCall,
      { type: 'actionSent', localId: 1, kind: 'captureDocument' },
      {
        type: 'result',
        result: result('A1', 'T1', { kind: 'captureDocument', status: 'declined' }),
      },
      { type: 'actionAcked', localId: 1, actionId: 'A1', needsConsent: true },
    );
    expect(runStatus(s.runs[0] as ActionRun, s.results)).toEqual({ phase: 'declined' });
  });

  it('show a failed request with its code, and a failed action with its problem', () => {
    const s = run(
      inCall,
      { type: 'actionSent', localId: 1, kind: 'print' },
      { type: 'actionFailed', localId: 1, error: 'NOT_IN_CALL' },
      { type: 'actionSent', localId: 2, kind: 'acceptCase' },
      { type: 'actionAcked', localId: 2, actionId: 'A2', needsConsent: true },
      {
        type: 'result',
        result: result('A2', 'T1', {
          kind: 'acceptCase',
          status: 'failed',
          problem: { code: 'draftIncomplete' },
        }),
      },
    );
    expect(runStatus(s.runs[0] as ActionRun, s.results)).toEqual({
      phase: 'error',
      code: 'NOT_IN_CALL',
    });
    expect(runStatus(s.runs[1] as ActionRun, s.results)).toEqual({
      phase: 'failed',
      problem: { code: 'draftIncomplete' },
    });
    expect(caseNumberOf(s)).toBeNull();
  });

  it('ignore results of another ticket and requests outside a call', () => {
    const s = run(inCall, { type: 'result', result: result('A9', 'T9') });
    expect(s.results).toEqual({});
    expect(run(initialSeat, { type: 'actionSent', localId: 1, kind: 'print' }).runs).toEqual([]);
  });

  it('show the latest run of each kind next to its button', () => {
    const s = run(
      inCall,
      { type: 'actionSent', localId: 1, kind: 'readIdCard' },
      { type: 'actionSent', localId: 2, kind: 'print' },
      { type: 'actionSent', localId: 3, kind: 'readIdCard' },
    );
    const latest = latestRuns(s.runs);
    expect(latest.readIdCard?.localId).toBe(3);
    expect(latest.print?.localId).toBe(2);
    expect(latest.acceptCase).toBeUndefined();
  });
});

describe('invitations', () => {
  it('join a colleague’s call as a guest: no wrap-up when it ends', () => {
    const s = run(
      initialSeat,
      { type: 'invited', context: context('T5') },
      { type: 'call', context: context('T5'), guest: true },
    );
    expect(s.invite).toBeNull();
    expect(s.guest).toBe(true);
    const ended = seatReducer(s, { type: 'callEnded', ticketId: 'T5', endedBy: 'agent' });
    expect(ended.call).toBeNull();
    expect(ended.wrapUp).toBeNull();
  });

  it('drop an invitation whose call ended before it was answered', () => {
    const s = run(
      initialSeat,
      { type: 'invited', context: context('T5') },
      { type: 'callEnded', ticketId: 'T5', endedBy: 'citizen' },
    );
    expect(s.invite).toBeNull();
  });

  it('let only a guest leave; the agent serving the call must end it', () => {
    const own = run(initialSeat, { type: 'call', context: context('T1') }, { type: 'left' });
    expect(own.call?.ticketId).toBe('T1');
    const guest = run(
      initialSeat,
      { type: 'call', context: context('T5'), guest: true },
      { type: 'left' },
    );
    expect(guest.call).toBeNull();
  });
});

describe('state switch and form helpers', () => {
  it('allows only the changes the server accepts', () => {
    expect(canRequestState('offline', 'available')).toBe(true);
    expect(canRequestState('available', 'available')).toBe(false);
    expect(canRequestState('on_call', 'break')).toBe(false);
    expect(canRequestState('offered', 'available')).toBe(false);
    expect(canRequestState('offered', 'break')).toBe(true);
    expect(canRequestState('wrap_up', 'available')).toBe(true);
    expect(canRequestState(undefined, 'available')).toBe(false);
  });

  it('turns printed text into paragraphs, one per non-empty line', () => {
    expect(paragraphsOf('第一段\r\n\n  第二段  \n')).toEqual(['第一段', '第二段']);
    expect(paragraphsOf('  \n ')).toEqual([]);
  });

  it('sends only form rows that say something, trimmed', () => {
    expect(
      formFields([
        { label: ' 姓名 ', value: ' 林** ' },
        { label: '', value: '' },
        { label: '', value: '备注' },
      ]),
    ).toEqual([
      { label: '姓名', value: '林**' },
      { label: '', value: '备注' },
    ]);
  });
});
