import { describe, expect, it, vi } from 'vitest';
import { caseView } from '../testing/fixtures.ts';
import { connectCall, harness, toReview } from '../testing/session-harness.ts';

describe('Rating', () => {
  it('queues the rating in the outbox when the server is unreachable', async () => {
    const h = harness({}, { 'POST /api/kiosk/ratings': () => 'unreachable' });
    await toReview(h);
    await h.session.submission.submit();
    h.session.printing.receiptDone();
    h.session.rating.rateLevel('very_satisfied');
    await h.session.rating.sendRating();
    expect(h.session.state.screen).toBe('finish');
    const queued = h.socket.sent('outbox:enqueue') as {
      kind: string;
      payload: { level: string };
    }[];
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'rating.submit',
        payload: expect.objectContaining({ level: 'very_satisfied' }),
      }),
    ]);
  });

  it('treats "already rated" as done', async () => {
    const h = harness(
      {},
      {
        'POST /api/kiosk/ratings': () => ({
          status: 409,
          body: { error: { code: 'ALREADY_RATED', message: 'x' } },
        }),
      },
    );
    await toReview(h);
    await h.session.submission.submit();
    h.session.printing.receiptDone();
    h.session.rating.rateLevel('basic');
    await h.session.rating.sendRating();
    expect(h.session.state.screen).toBe('finish');
  });

  it('prints the receipt of a case the agent filed, and rates the call as online service', async () => {
    const h = harness();
    await toReview(h);
    connectCall(h);
    h.session.submission.caseFiledByAgent(caseView());
    expect(h.session.state.screen).toBe('receipt');
    await vi.waitFor(() => expect(h.socket.sent('print:receipt')).toHaveLength(1));
    h.session.store.dispatch({
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: caseView().caseNumber,
      endedBy: 'agent',
    });
    h.session.printing.receiptDone();
    h.session.rating.rateLevel('very_satisfied');
    h.session.rating.rateDimension('guideAccuracy', 'satisfied');
    await h.session.rating.sendRating();
    const rating = h.requests.find((r) => r.route === 'POST /api/kiosk/ratings');
    expect(rating?.body).toEqual({
      caseNumber: caseView().caseNumber,
      channel: 'online',
      callId: 't1',
      level: 'very_satisfied',
      dimensions: { guideAccuracy: 'satisfied' },
    });
    expect(h.session.state.screen).toBe('finish');
  });

  it('rates the terminal’s own service on site when no call was involved', async () => {
    const h = harness();
    await toReview(h);
    await h.session.submission.submit();
    h.session.printing.receiptDone();
    h.session.rating.rateLevel('basic');
    await h.session.rating.sendRating();
    const rating = h.requests.find((r) => r.route === 'POST /api/kiosk/ratings');
    expect(rating?.body).toMatchObject({ channel: 'onsite', level: 'basic' });
    expect(rating?.body).not.toHaveProperty('callId');
  });
});
