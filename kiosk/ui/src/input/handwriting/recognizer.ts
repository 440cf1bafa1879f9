import { HandwritingMatcher } from './matcher.ts';
import { decodeModel } from './model-format.ts';
import type { Candidate, Stroke } from './stroke.ts';

/**
 * The recogniser the kiosk uses: one matcher over the model asset, loaded once. The pad runs it
 * in a worker (recognizer.worker.ts) because building the reference features takes a moment;
 * anything else may call recognize() directly after loadRecognizer() (or fetchRecognizer()).
 */
let matcher: HandwritingMatcher | null = null;

/** Where the kiosk build puts the model (kiosk/ui/scripts/handwriting/vite-plugin.ts). */
export const MODEL_PATH = 'handwriting/model.bin';

export function loadRecognizer(model: Uint8Array): void {
  matcher = new HandwritingMatcher(decodeModel(model));
}

export async function fetchRecognizer(url: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`handwriting model: HTTP ${res.status} for ${url}`);
  loadRecognizer(new Uint8Array(await res.arrayBuffer()));
}

/** The closest characters to what was drawn, best first. */
export function recognize(strokes: readonly Stroke[], limit = 10): Candidate[] {
  if (!matcher) throw new Error('handwriting recogniser not loaded: call loadRecognizer first');
  return matcher.recognize(strokes, limit);
}
