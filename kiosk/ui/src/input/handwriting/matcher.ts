import { type CharFeatures, charFeatures, SHAPE_SIZE, type Substroke } from './features.ts';
import type { ReferenceChar } from './model-format.ts';
import type { Candidate, Stroke } from './stroke.ts';

/** How the matcher weighs things; tuned on generated samples (see README, handwriting). */
export interface MatcherPolicy {
  /** How many characters, closest in coarse shape, get the detailed comparison. */
  shortlist: number;
  /** Weight of the coarse shape distance in the final score. */
  shapeWeight: number;
  /** Cost per unit length of a drawn piece matching nothing (a flick joining two strokes). */
  extraCost: number;
  /** Cost per unit length of a reference piece nobody drew. */
  missingCost: number;
  /** Added to a pair's cost when the piece was drawn backwards. */
  reversedCost: number;
}

export const DEFAULT_POLICY: MatcherPolicy = {
  shortlist: 80,
  shapeWeight: 0.6,
  extraCost: 0.2,
  missingCost: 0.3,
  reversedCost: 0.08,
};

interface Reference extends CharFeatures {
  char: string;
}

/**
 * Recognises one handwritten character among the model's references, whatever the stroke order
 * and with strokes missing, extra or joined:
 * 1. a cheap prefilter: stroke counts far apart are skipped, the rest ranked by coarse shape;
 * 2. the shortlist scored piece by piece: every drawn substroke against every reference
 *    substroke (endpoints, either way round), assigned cheapest first, what stays unmatched
 *    costing by its length.
 */
export class HandwritingMatcher {
  readonly #refs: Reference[];
  readonly #policy: MatcherPolicy;

  constructor(chars: readonly ReferenceChar[], policy: MatcherPolicy = DEFAULT_POLICY) {
    this.#refs = chars.map((c) => ({ char: c.char, ...charFeatures(c.strokes) }));
    this.#policy = policy;
  }

  get size(): number {
    return this.#refs.length;
  }

  recognize(strokes: readonly Stroke[], limit = 10): Candidate[] {
    const drawn = strokes.filter((s) => s.length > 0);
    if (drawn.length === 0) return [];
    const input = charFeatures(drawn);
    const shortlist = this.#byShape(input);
    const scored = shortlist.map(({ ref, shapeDistance }) => ({
      char: ref.char,
      score: this.#detail(input, ref) + this.#policy.shapeWeight * shapeDistance,
    }));
    scored.sort((a, b) => a.score - b.score);
    return scored.slice(0, limit);
  }

  #byShape(input: CharFeatures): { ref: Reference; shapeDistance: number }[] {
    const n = input.strokeCount;
    const out: { ref: Reference; shapeDistance: number }[] = [];
    for (const ref of this.#refs) {
      // joined strokes make fewer, broken ones more; beyond these bounds it is another character
      if (n > ref.strokeCount * 1.5 + 3 || n * 3 + 2 < ref.strokeCount) continue;
      let dot = 0;
      for (let i = 0; i < SHAPE_SIZE; i++) dot += input.shape[i]! * ref.shape[i]!;
      out.push({ ref, shapeDistance: 1 - dot });
    }
    out.sort((a, b) => a.shapeDistance - b.shapeDistance);
    return out.slice(0, this.#policy.shortlist);
  }

  #detail(input: CharFeatures, ref: Reference): number {
    const { extraCost, missingCost, reversedCost } = this.#policy;
    const a = input.substrokes;
    const b = ref.substrokes;
    const pairs: { i: number; j: number; cost: number }[] = [];
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < b.length; j++) {
        const cost = pairCost(a[i]!, b[j]!, reversedCost);
        // a pair worth less than leaving both unmatched is never taken
        if (cost < extraCost * a[i]!.len + missingCost * b[j]!.len) pairs.push({ i, j, cost });
      }
    }
    pairs.sort((p, q) => p.cost - q.cost);
    const usedA = new Uint8Array(a.length);
    const usedB = new Uint8Array(b.length);
    let total = 0;
    for (const p of pairs) {
      if (usedA[p.i] || usedB[p.j]) continue;
      usedA[p.i] = 1;
      usedB[p.j] = 1;
      total += p.cost;
    }
    for (let i = 0; i < a.length; i++) if (!usedA[i]) total += extraCost * a[i]!.len;
    for (let j = 0; j < b.length; j++) if (!usedB[j]) total += missingCost * b[j]!.len;
    return total / ((input.ink + ref.ink) / 2 || 1);
  }
}

/** Mean endpoint distance, weighted by the pieces' length; reversal allowed at a small cost. */
function pairCost(p: Substroke, q: Substroke, reversedCost: number): number {
  const forward = Math.hypot(p.sx - q.sx, p.sy - q.sy) + Math.hypot(p.ex - q.ex, p.ey - q.ey);
  const backward =
    Math.hypot(p.sx - q.ex, p.sy - q.ey) + Math.hypot(p.ex - q.sx, p.ey - q.sy) + 2 * reversedCost;
  return (Math.min(forward, backward) / 2) * ((p.len + q.len) / 2 + 0.02);
}
