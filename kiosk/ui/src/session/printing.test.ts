import { describe, expect, it } from 'vitest';
import { harness, toReview } from '../testing/session-harness.ts';

describe('Printing', () => {
  it('reprints through the bridge, which prints only this session’s receipt', async () => {
    const h = harness({}, {}, { 'print:reprintReceipt': { ok: true, data: { jobId: 'r-2' } } });
    await toReview(h);
    await h.session.submission.submit();
    await h.session.printing.reprintReceipt();
    expect(h.socket.sent('print:reprintReceipt')).toEqual([{}]);
    expect(h.socket.sent('print:receipt')).toHaveLength(1);
    expect(h.session.state.receiptJobId).toBe('r-2');

    // A bridge restarted since has forgotten it: the session prints its own case again.
    const restarted = harness(
      {},
      {},
      {
        'print:reprintReceipt': {
          ok: false,
          error: { code: 'RECEIPT_NOT_FOUND', message: 'none' },
        },
      },
    );
    await toReview(restarted);
    await restarted.session.submission.submit();
    await restarted.session.printing.reprintReceipt();
    expect(restarted.socket.sent('print:receipt')).toHaveLength(2);
    expect(restarted.session.state.problem).toBeNull();
  });
});
