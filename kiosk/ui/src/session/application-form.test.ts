import { describe, expect, it } from 'vitest';
import { harness, toReview } from '../testing/session-harness.ts';

describe('ApplicationForm', () => {
  it('checks the form without naming anyone: the server uses the attested identity', async () => {
    const h = harness();
    await toReview(h);
    const checked = h.requests.find((r) => r.route === 'POST /api/kiosk/forms/validate')?.body;
    expect(checked).toMatchObject({
      bundleCode: 'birth',
      answers: { 'applicant.phone': '13800138000' },
    });
    expect(checked).not.toHaveProperty('identity');
  });
});
