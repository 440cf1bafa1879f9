/**
 * The incoming-offer ring, synthesised with WebAudio (no sound file to ship). Browsers only let
 * a page make sound after the person interacted with it, so `unlockRing()` is called from the
 * status switch's click; by the time an offer rings the context is allowed to play.
 */
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  if (typeof AudioContext === 'undefined') return null;
  ctx = new AudioContext();
  return ctx;
}

export function unlockRing(): void {
  void context()
    ?.resume()
    .catch(() => undefined);
}

/** Two short rising tones, like a desk phone; quiet enough not to startle. */
export function ringOnce(): void {
  const ac = context();
  if (!ac) return;
  void ac.resume().catch(() => undefined);
  const start = ac.currentTime + 0.02;
  for (const [offset, freq] of [
    [0, 660],
    [0.25, 880],
  ] as const) {
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + offset;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.2, t0 + 0.02);
    gain.gain.linearRampToValueAtTime(0, t0 + 0.2);
    osc.connect(gain).connect(ac.destination);
    osc.start(t0);
    osc.stop(t0 + 0.22);
  }
}
