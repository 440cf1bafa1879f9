import { describe, expect, it, vi } from 'vitest';
import { harness } from '../testing/session-harness.ts';

describe('DemoSimulator', () => {
  it('shows the simulator only when the bridge accepts sim:* requests', async () => {
    const real = harness();
    await vi.waitFor(() => expect(real.socket.sent('sim:removeCard')).toHaveLength(1));
    expect(real.session.state.demo).toBe(false);

    const demo = harness({}, {}, { 'sim:removeCard': { ok: true, data: { removed: true } } });
    await vi.waitFor(() => expect(demo.session.state.demo).toBe(true));
  });

  it('asks the bridge about demo mode once, not on every reconnection', async () => {
    const h = harness({}, {}, { 'sim:removeCard': { ok: true, data: { removed: true } } });
    h.socket.push('connect'); // a second connection while the first answer is on its way
    await vi.waitFor(() => expect(h.session.state.demo).toBe(true));
    h.socket.push('disconnect');
    h.socket.push('connect');
    await new Promise((r) => setTimeout(r, 20));
    expect(h.socket.sent('sim:removeCard')).toHaveLength(1);
  });
});
