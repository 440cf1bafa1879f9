import type { Language } from '@onething/contract/sockets/kiosk';

/**
 * Reads each step aloud with the browser's speech synthesis, when the terminal has it and the
 * citizen switched it on. A new step interrupts the previous one: stale guidance confuses.
 */
export class VoiceGuide {
  readonly #synth: SpeechSynthesis | null;

  constructor(synth: SpeechSynthesis | null = globalThis.speechSynthesis ?? null) {
    this.#synth = synth;
  }

  get available(): boolean {
    return this.#synth !== null;
  }

  speak(text: string, lang: Language, slow = false): void {
    if (!this.#synth || !text) return;
    this.#synth.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang === 'en' ? 'en-GB' : 'zh-CN';
    const voice = this.#synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith(u.lang));
    if (voice) u.voice = voice;
    // elder mode speaks a little slower
    u.rate = slow ? 0.85 : 1;
    this.#synth.speak(u);
  }

  stop(): void {
    this.#synth?.cancel();
  }
}
