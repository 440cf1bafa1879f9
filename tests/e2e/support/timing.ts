/**
 * How long a test waits for one step a person would wait on — a screen changing, a live update
 * arriving, a page loading — when nothing configured bounds it. Such a step takes well under a
 * second on a quiet machine; the budget is for a 2-core machine whose cores are both kept busy by
 * other work (`npm run test:under-load`), where a Chromium render, an axe pass or a vite chunk
 * can take several seconds. Waits that follow a configured timer (heartbeat, alert damping,
 * offer time-out, inactivity) are computed from that timer plus this budget.
 */
export const STEP_MS = 20_000;
