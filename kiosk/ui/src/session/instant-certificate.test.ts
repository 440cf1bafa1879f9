import { describe, expect, it, vi } from 'vitest';
import { card } from '../testing/fixtures.ts';
import { harness } from '../testing/session-harness.ts';

describe('InstantCertificate', () => {
  it('issues an instant certificate and prints it on A4 in large print for elder mode', async () => {
    const certificate = {
      serial: 'WF-2025-0001',
      verifyUrl: 'https://gov.example.cn/verify/WF-2025-0001',
      document: {
        kind: 'certificate',
        title: '无犯罪记录证明',
        paragraphs: ['经查，……'],
        serial: 'WF-2025-0001',
        qr: 'https://gov.example.cn/verify/WF-2025-0001',
        issuer: '公安局',
      },
    };
    const h = harness(
      {},
      { 'POST /api/kiosk/instant': () => ({ status: 200, body: certificate }) },
    );
    h.session.start('instant');
    h.session.setElder(true);
    h.session.welcomeDone();
    await vi.waitFor(() => expect(h.session.state.catalogue).not.toBeNull());
    h.session.instant.chooseInstant('no-crime');
    h.socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.session.state.screen).toBe('instantConfirm');
    await h.session.instant.issueInstant();
    expect(h.requests.some((r) => r.route === 'POST /api/kiosk/instant')).toBe(false); // not confirmed yet
    h.session.instant.confirmInstant(true);
    await h.session.instant.issueInstant();
    expect(h.session.state.screen).toBe('instantPrint');
    await vi.waitFor(() => expect(h.socket.sent('print:a4')).toHaveLength(1));
    expect(h.socket.sent('print:a4')[0]).toMatchObject({
      document: { kind: 'certificate', serial: 'WF-2025-0001', largePrint: true },
    });
    // progress counts once the bridge has answered with the job's id
    await vi.waitFor(() => expect(h.session.state.instant.jobId).toBe('a-1'));
    h.socket.push('print:progress', { jobId: 'a-1', printer: 'a4', state: 'done', problem: null });
    expect(h.session.state.printJobs['a-1']?.state).toBe('done');
  });
});
