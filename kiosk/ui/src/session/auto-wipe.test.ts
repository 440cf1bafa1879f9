import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectCall, harness, toReview } from '../testing/session-harness.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('AutoWipe', () => {
  it('wipes after the inactivity warning runs out', async () => {
    const h = harness({ idleMs: 60_000, warningMs: 20_000 });
    await toReview(h);
    vi.useFakeTimers();
    h.session.activity(); // re-arm under fake timers
    vi.advanceTimersByTime(60_000);
    expect(h.session.state.idleSecondsLeft).toBe(20);
    vi.advanceTimersByTime(5_000);
    expect(h.session.state.idleSecondsLeft).toBe(15);
    vi.advanceTimersByTime(15_000);
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.identity).toBeNull();
    expect(h.session.state.idleSecondsLeft).toBeNull();
  });

  it('"still here" during the warning keeps everything', async () => {
    const h = harness({ idleMs: 60_000, warningMs: 20_000 });
    await toReview(h);
    vi.useFakeTimers();
    h.session.activity();
    vi.advanceTimersByTime(70_000);
    h.session.stillHere();
    expect(h.session.state.idleSecondsLeft).toBeNull();
    vi.advanceTimersByTime(30_000);
    expect(h.session.state.screen).toBe('review');
  });

  it('does not wipe while the citizen waits for or talks to an agent, and resumes after', async () => {
    const h = harness({ idleMs: 60_000, warningMs: 20_000 });
    await toReview(h);
    vi.useFakeTimers();
    h.session.activity();
    vi.advanceTimersByTime(65_000);
    expect(h.session.state.idleSecondsLeft).not.toBeNull();
    connectCall(h);
    // the warning goes away: the citizen is busy with the agent, not gone
    expect(h.session.state.idleSecondsLeft).toBeNull();
    vi.advanceTimersByTime(30 * 60_000);
    expect(h.session.state.screen).toBe('review');
    h.session.store.dispatch({
      type: 'helpEnded',
      ticketId: 't1',
      callId: 't1',
      caseNumber: null,
      endedBy: 'agent',
    });
    vi.advanceTimersByTime(80_000);
    expect(h.session.state.screen).toBe('attract');
  });
});
