import { describe, expect, it } from 'vitest';
import { caseView, notice } from '../testing/fixtures.ts';
import { harness, toReview } from '../testing/session-harness.ts';

describe('Submission', () => {
  it('submits once however often Submit is pressed, then prints the receipt', async () => {
    const h = harness();
    await toReview(h);
    await Promise.all([
      h.session.submission.submit(),
      h.session.submission.submit(),
      h.session.submission.submit(),
    ]);
    expect(h.requests.filter((r) => r.route === 'POST /api/kiosk/cases')).toHaveLength(1);
    expect(h.session.state.screen).toBe('receipt');
    const printed = h.socket.sent('print:receipt') as {
      document: { lines: { text: string }[]; qr: string };
    }[];
    expect(printed).toHaveLength(1);
    expect(printed[0]?.document.qr).toBe('https://gov.example.cn/status?case=YJS-20250101-0001');
    expect(h.session.state.receiptJobId).toBe('r-1');
  });

  it('sends the reviewed content, answers as typed and the idempotency key, but no identity', async () => {
    const h = harness();
    await toReview(h);
    await h.session.submission.submit();
    const sent = h.requests.find((r) => r.route === 'POST /api/kiosk/cases')?.body as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({
      idempotencyKey: 'key-0000000000000001',
      bundleCode: 'birth',
      itemCodes: ['A', 'B', 'C'],
      answers: {
        'applicant.phone': '13800138000',
        'child.hukouAddress': '北京市朝阳区示例路 1 号',
      },
      channel: 'terminal',
    });
    expect(sent).not.toHaveProperty('identity');
  });

  it('retries with the same key after a server error and loses nothing', async () => {
    let attempts = 0;
    const h = harness(
      {},
      {
        'POST /api/kiosk/cases': () => {
          attempts += 1;
          return attempts === 1
            ? { status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE', message: 'down' } } }
            : { status: 201, body: { case: caseView(), duplicate: true } };
        },
      },
    );
    await toReview(h);
    await h.session.submission.submit();
    expect(h.session.state.submitPhase).toBe('failed');
    expect(h.session.state.problem).toMatchObject({ kind: 'server', code: 'DATABASE_UNAVAILABLE' });
    expect(h.session.state.answers['applicant.phone']).toBe('13800138000');
    await h.session.submission.submit();
    const keys = h.requests
      .filter((r) => r.route === 'POST /api/kiosk/cases')
      .map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual(['key-0000000000000001', 'key-0000000000000001']);
    expect(h.session.state.screen).toBe('receipt');
    expect(h.session.state.caseDuplicate).toBe(true);
  });

  it('offers the outbox when the server is unreachable and shows the case when it is delivered', async () => {
    const h = harness({}, { 'POST /api/kiosk/cases': () => 'unreachable' });
    await toReview(h);
    await h.session.submission.submit();
    expect(h.session.state.submitPhase).toBe('unreachable');
    expect(h.session.state.offline).toBe(true);
    await h.session.submission.queueSubmission();
    expect(h.session.state.screen).toBe('queued');
    const queued = h.socket.sent('outbox:enqueue') as {
      kind: string;
      idempotencyKey: string;
      payload: { bundleCode: string };
    }[];
    expect(queued).toEqual([
      expect.objectContaining({ kind: 'case.submit', idempotencyKey: 'key-0000000000000001' }),
    ]);
    expect(queued[0]?.payload.bundleCode).toBe('birth');
    // a reference slip is printed for the queued application
    expect(h.socket.sent('print:receipt')).toHaveLength(1);

    h.socket.push('outbox:delivered', {
      idempotencyKey: 'someone-elses-key-000',
      result: { case: caseView({ caseNumber: 'OTHER-000001' }), duplicate: false },
    });
    expect(h.session.state.screen).toBe('queued');
    h.socket.push('outbox:delivered', {
      idempotencyKey: 'key-0000000000000001',
      result: { case: caseView(), duplicate: false },
    });
    expect(h.session.state.screen).toBe('receipt');
    expect(h.session.state.caseView?.caseNumber).toBe('YJS-20250101-0001');
  });

  it("asks a guardian's consent before filing a child's data, and files nothing without it", async () => {
    const child = notice();
    const h = harness(
      {},
      {
        'GET /api/kiosk/bundles/birth': () => ({
          status: 200,
          body: { ...child, bundle: { ...child.bundle, minorData: true } },
        }),
      },
    );
    await toReview(h);
    const filings = () => h.requests.filter((r) => r.route === 'POST /api/kiosk/cases');

    await h.session.submission.submit();
    expect(h.session.state.guardianConsent).toBe('asking');
    expect(filings()).toHaveLength(0);
    await h.session.submission.answerGuardianConsent(false);
    expect(h.session.state.guardianConsent).toBe('declined');
    expect(filings()).toHaveLength(0);
    expect(h.session.state.screen).toBe('review');

    await h.session.submission.submit();
    expect(h.session.state.guardianConsent).toBe('asking');
    await h.session.submission.answerGuardianConsent(true);
    expect(filings()).toHaveLength(1);
    expect(filings()[0]?.body).toMatchObject({
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
    });
    expect(h.session.state.screen).toBe('receipt');
  });

  it('sends no consent for a bundle that carries no minor data', async () => {
    const h = harness();
    await toReview(h);
    await h.session.submission.submit();
    const sent = h.requests.find((r) => r.route === 'POST /api/kiosk/cases')?.body;
    expect(sent).toMatchObject({ consents: [] });
  });
});
