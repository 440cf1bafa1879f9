import { describe, expect, it } from 'vitest';
import { harness, toReview } from '../testing/session-harness.ts';

describe('Materials', () => {
  it('revokes photo previews and stops the camera on wipe', async () => {
    const h = harness(
      {},
      {
        'POST /api/kiosk/uploads': () => ({
          status: 201,
          body: { uploadId: 'up-1', sha256: 'ab', mediaType: 'image/jpeg', bytes: 3 },
        }),
      },
    );
    await toReview(h);
    h.session.submission.reviewEdit('materials');
    await h.session.materials.uploadMaterial(
      'birth-cert',
      new Blob([new Uint8Array([1, 2, 3])]),
      'image/jpeg',
    );
    const m = h.session.state.materials['birth-cert'];
    expect(m?.state).toBe('captured');
    const url = m?.state === 'captured' ? m.previewUrl : null;
    expect(url).toMatch(/^blob:/);
    const stoppedBefore = h.camera.stopped;
    h.session.wipe();
    expect(h.revoked).toContain(url);
    expect(h.camera.stopped).toBeGreaterThan(stoppedBefore);
  });
});
