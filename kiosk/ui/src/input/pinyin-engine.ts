import { abbreviation, type LexiconEntry, type PinyinLexicon } from './pinyin-lexicon.ts';
import { penaltyOf, type Segmentation, type Token, tokenMatches } from './pinyin-syllables.ts';

/** A phrase the citizen may pick for what they typed. */
export interface Candidate {
  text: string;
  /** How much of the typed pinyin it stands for; the rest stays to be typed on. */
  consumed: number;
  /** From the field's own vocabulary (option labels, place names). */
  vocabulary: boolean;
}

interface Scored extends Candidate {
  cost: number;
}

/** Enough for every character of a common syllable (`yu` has about a hundred). */
const MAX_CANDIDATES = 200;
/** Per looked-up list: its entries come most common first, so the rest cannot rank higher. */
const PER_LIST = 200;
/**
 * Partial matches come from the likeliest readings only (`zhongguo` offers 中 for zhong, not
 * 中古 for zhong'gu with an `o` left over): the others add noise, not help.
 */
const PARTIAL_SPREAD = 0.5;
/** A typed syllable completed to a longer one (`xian` → xiang) ranks after exact ones. */
const COMPLETION_COST = 3;
/** Each word of a composed sentence: fewer, longer words read better. */
const WORD_COST = 2;
/** The most vocabulary readings tried for one word (polyphones multiply). */
const MAX_VOCABULARY_READINGS = 8;

/** Only what the keys can type: letters (ü as v) and `'` between syllables. */
export function normalizePinyin(input: string): string {
  return input
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z']/g, '');
}

/**
 * Phrase candidates for typed pinyin, ranked: what covers all that was typed first (the field's
 * vocabulary before the dictionary), then words for its beginning. Full (`zhongguo`),
 * abbreviated (`zg`) and mixed (`zhongg`) pinyin all work; when no single word covers a long
 * input, the likeliest sentence made of several words comes first.
 */
export class PinyinEngine {
  readonly #lexicon: PinyinLexicon;
  readonly #vocabularyReadings = new Map<string, LexiconEntry[]>();

  constructor(lexicon: PinyinLexicon) {
    this.#lexicon = lexicon;
  }

  candidates(input: string, vocabulary: readonly string[] = []): Candidate[] {
    const typed = normalizePinyin(input);
    const segs = this.#lexicon.syllables.segment(typed);
    if (segs.length === 0) return [];
    const found = new Map<string, Scored>();
    const add = (c: Scored) => {
      const had = found.get(c.text);
      if (!had || better(c, had)) found.set(c.text, c);
    };
    const vocab = vocabulary.flatMap((w) => this.#readingsForVocabulary(w));
    const likeliest = segs[0]?.penalty ?? 0;
    for (const seg of segs) {
      const n = seg.tokens.length;
      const shortest = seg.penalty <= likeliest + PARTIAL_SPREAD ? 1 : n;
      for (let k = n; k >= shortest; k--) {
        const tokens = seg.tokens.slice(0, k);
        const consumed = tokens[k - 1]?.end ?? 0;
        const penalty = penaltyOfPrefix(seg, k);
        for (const e of vocab) {
          const c = matchCost(tokens, e, k === n);
          if (c !== null) add({ text: e.text, consumed, vocabulary: true, cost: c + penalty });
        }
        let taken = 0;
        for (const e of this.#lexicon.byAbbreviation(abbreviation(tokens.map((t) => t.text)))) {
          const c = matchCost(tokens, e, k === n);
          if (c === null) continue;
          add({ text: e.text, consumed, vocabulary: false, cost: c + penalty });
          if (++taken >= PER_LIST) break;
        }
      }
    }
    const best = segs[0];
    if (
      best &&
      best.tokens.length > 1 &&
      ![...found.values()].some((c) => c.consumed === typed.length)
    ) {
      const sentence = this.#compose(best.tokens);
      if (sentence) add({ text: sentence, consumed: typed.length, vocabulary: false, cost: 0 });
    }
    return [...found.values()]
      .sort(
        (a, b) =>
          b.consumed - a.consumed || Number(b.vocabulary) - Number(a.vocabulary) || a.cost - b.cost,
      )
      .slice(0, MAX_CANDIDATES)
      .map(({ text, consumed, vocabulary: v }) => ({ text, consumed, vocabulary: v }));
  }

  /** The typed pinyin as its likeliest syllables, for the composition line (`zhong'g`). */
  display(input: string): string {
    const typed = normalizePinyin(input);
    const best = this.#lexicon.syllables.segment(typed)[0];
    return best ? best.tokens.map((t) => t.text).join("'") : typed;
  }

  /** The cheapest run of words covering all tokens (a short Viterbi over token positions). */
  #compose(tokens: Token[]): string | null {
    const n = tokens.length;
    const best: ({ cost: number; from: number; text: string } | null)[] = Array.from(
      { length: n + 1 },
      () => null,
    );
    best[0] = { cost: 0, from: -1, text: '' };
    for (let i = 0; i < n; i++) {
      const here = best[i];
      if (!here) continue;
      for (let j = i + 1; j <= n; j++) {
        const span = tokens.slice(i, j);
        const last = j === n;
        for (const e of this.#lexicon.byAbbreviation(abbreviation(span.map((t) => t.text)))) {
          const c = matchCost(span, e, last);
          if (c === null) continue;
          const cost = here.cost + c + WORD_COST;
          const there = best[j];
          if (!there || cost < there.cost) best[j] = { cost, from: i, text: e.text };
          break;
        }
      }
    }
    if (!best[n]) return null;
    const parts: string[] = [];
    for (let at = n; at > 0;) {
      const step = best[at];
      if (!step) return null;
      parts.unshift(step.text);
      at = step.from;
    }
    return parts.join('');
  }

  #readingsForVocabulary(word: string): LexiconEntry[] {
    let readings = this.#vocabularyReadings.get(word);
    if (readings) return readings;
    const known = this.#lexicon.readingsOf(word);
    if (known.length > 0) {
      readings = known.map((e) => ({ ...e, cost: 0 }));
    } else {
      // a word the dictionary lacks (a street, a rare group name): its characters' readings
      let combos: string[][] = [[]];
      for (const ch of word) {
        const options = this.#lexicon.readingsOf(ch);
        if (options.length === 0) {
          combos = [];
          break;
        }
        combos = combos
          .flatMap((c) => options.map((o) => [...c, ...o.syllables]))
          .slice(0, MAX_VOCABULARY_READINGS);
      }
      readings = combos.map((syllables) => ({ text: word, syllables, cost: 0 }));
    }
    this.#vocabularyReadings.set(word, readings);
    return readings;
  }
}

function better(a: Scored, b: Scored): boolean {
  if (a.consumed !== b.consumed) return a.consumed > b.consumed;
  return a.cost < b.cost;
}

/** The entry's cost when these tokens read as its syllables; null when they do not. */
function matchCost(tokens: readonly Token[], e: LexiconEntry, toEnd: boolean): number | null {
  if (e.syllables.length !== tokens.length) return null;
  let cost = e.cost;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const s = e.syllables[i] as string;
    const last = toEnd && i === tokens.length - 1;
    if (!tokenMatches(t, s, last)) return null;
    if (t.kind === 'syllable' && s !== t.text) cost += COMPLETION_COST;
  }
  return cost;
}

function penaltyOfPrefix(seg: Segmentation, k: number): number {
  return k === seg.tokens.length ? seg.penalty : penaltyOf(seg.tokens.slice(0, k));
}

/**
 * Candidates split into pages that fit one row of the candidate bar: each page takes
 * candidates while their length (plus room around each) stays within the budget, so a page of
 * long phrases holds fewer of them and none is clipped.
 */
export function paginate(all: readonly Candidate[], budget: number): Candidate[][] {
  const pages: Candidate[][] = [];
  let page: Candidate[] = [];
  let used = 0;
  for (const c of all) {
    const weight = [...c.text].length + 2;
    if (page.length > 0 && used + weight > budget) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(c);
    used += weight;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
