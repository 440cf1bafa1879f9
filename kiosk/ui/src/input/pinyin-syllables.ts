/**
 * Splitting typed pinyin into syllables. Typed pinyin is ambiguous (`xian` is 先 or 西安,
 * `fangan` is 方案 or 反感) and often abbreviated (`zg` for 中国, `zhongg`), so a string has
 * several segmentations; each is scored and the engine looks words up for all of them.
 */

/** The initials a citizen may type alone to stand for a whole syllable (`zg` → 中国). */
const INITIALS = [
  'zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h',
  'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w',
]; // prettier-ignore

export type TokenKind =
  /** a whole syllable: matches that syllable only (`zhong`) */
  | 'syllable'
  /** an initial standing for any syllable that starts with it (`z`, `zh`) */
  | 'initial'
  /** the last, unfinished syllable: matches any syllable it begins (`zhon`, `gu` → guo) */
  | 'prefix';

export interface Token {
  text: string;
  kind: TokenKind;
  /** Index just past this token in the raw input (apostrophes included). */
  end: number;
}

export interface Segmentation {
  tokens: Token[];
  /** Lower is likelier: abbreviations and extra splits cost. */
  penalty: number;
}

/** What a token costs: typing whole syllables is the most precise. */
const COST: Record<TokenKind, number> = { syllable: 0, initial: 1, prefix: 1.5 };
/** Each split beyond one costs a little, so `xian` reads as 先 before 西安. */
const SPLIT_COST = 0.6;
/** Enough for every reading a person means; the count grows fast with long input. */
const MAX_SEGMENTATIONS = 48;

export class SyllableTable {
  readonly #syllables: Set<string>;
  readonly #prefixes = new Set<string>();
  readonly #initials: Set<string>;

  constructor(syllables: Iterable<string>) {
    this.#syllables = new Set(syllables);
    for (const s of this.#syllables) {
      for (let i = 1; i <= s.length; i++) this.#prefixes.add(s.slice(0, i));
    }
    this.#initials = new Set(INITIALS.filter((i) => this.#prefixes.has(i)));
  }

  isSyllable(s: string): boolean {
    return this.#syllables.has(s);
  }

  /**
   * Every way to read `input` (lower-case letters, `'` as a forced break), likeliest first.
   * Empty when no reading exists (`iii`).
   */
  segment(input: string): Segmentation[] {
    const out: Segmentation[] = [];
    const walk = (pos: number, tokens: Token[]) => {
      if (out.length >= MAX_SEGMENTATIONS) return;
      while (input[pos] === "'") pos++;
      if (pos >= input.length) {
        if (tokens.length > 0) out.push({ tokens, penalty: penaltyOf(tokens) });
        return;
      }
      const stop = nextBreak(input, pos);
      // longest first, so the likeliest readings are found before the cap
      for (let end = stop; end > pos; end--) {
        const text = input.slice(pos, end);
        const last = input.slice(end).replace(/'/g, '') === '';
        for (const kind of this.#kinds(text, last)) {
          walk(end, [...tokens, { text, kind, end }]);
        }
      }
    };
    walk(0, []);
    return out.sort((a, b) => a.penalty - b.penalty);
  }

  #kinds(text: string, last: boolean): TokenKind[] {
    if (this.#syllables.has(text)) return ['syllable'];
    if (this.#initials.has(text)) return ['initial'];
    if (last && this.#prefixes.has(text)) return ['prefix'];
    return [];
  }
}

function nextBreak(input: string, pos: number): number {
  const i = input.indexOf("'", pos);
  return i < 0 ? input.length : i;
}

/** What a reading costs: its tokens plus its splits. */
export function penaltyOf(tokens: readonly Token[]): number {
  return tokens.reduce((p, t) => p + COST[t.kind], 0) + SPLIT_COST * (tokens.length - 1);
}

/** Whether a token reads as this syllable of a word. */
export function tokenMatches(token: Token, syllable: string, last: boolean): boolean {
  if (token.kind === 'syllable') {
    // the one being typed may still grow (`gu` on the way to `guo`)
    return last ? syllable.startsWith(token.text) : syllable === token.text;
  }
  return syllable.startsWith(token.text);
}
