import { SyllableTable } from './pinyin-syllables.ts';

/** One reading of a word or character. */
export interface LexiconEntry {
  text: string;
  syllables: readonly string[];
  /** −log of its frequency, roughly: lower is more common. */
  cost: number;
}

/** A character's less common reading (的 as dí) ranks as if the character were rarer. */
const OTHER_READING_COST = 2.5;

/**
 * The words the pinyin engine knows, indexed by their syllables' first letters (`zg` →
 * 中国, 这个, 战国…), each list most common first. Built from the dictionary text that
 * scripts/pinyin-dictionary.ts makes at build time: one entry a line, most frequent first,
 * `行xing|hang|heng`, `银行yin'hang`, and `中国` (each character's first reading).
 */
export class PinyinLexicon {
  readonly syllables: SyllableTable;
  readonly #byAbbreviation = new Map<string, LexiconEntry[]>();
  readonly #byText = new Map<string, LexiconEntry[]>();

  constructor(entries: Iterable<LexiconEntry>) {
    const syllables = new Set<string>();
    for (const e of entries) {
      const key = abbreviation(e.syllables);
      let list = this.#byAbbreviation.get(key);
      if (!list) this.#byAbbreviation.set(key, (list = []));
      list.push(e);
      let same = this.#byText.get(e.text);
      if (!same) this.#byText.set(e.text, (same = []));
      same.push(e);
      for (const s of e.syllables) syllables.add(s);
    }
    for (const list of this.#byAbbreviation.values()) list.sort((a, b) => a.cost - b.cost);
    this.syllables = new SyllableTable(syllables);
  }

  /**
   * Reads the build's dictionary text; its line order is its frequency order. A word without
   * pinyin reads each character with its first reading.
   */
  static parse(data: string): PinyinLexicon {
    const lines = data.split('\n').map((line) => {
      let split = 0;
      while (split < line.length && line.charCodeAt(split) > 127) split++;
      return { text: line.slice(0, split), pinyin: line.slice(split) };
    });
    const usual = new Map<string, string>();
    for (const { text, pinyin } of lines) {
      if (text.length === 1 && pinyin) usual.set(text, pinyin.split('|')[0] as string);
    }
    const entries: LexiconEntry[] = [];
    lines.forEach(({ text, pinyin }, rank) => {
      if (!text) return;
      const base = Math.log(rank + 2);
      if (!pinyin) {
        const syllables = Array.from(text, (c) => usual.get(c) ?? '');
        if (!syllables.includes('')) entries.push({ text, syllables, cost: base });
        return;
      }
      pinyin.split('|').forEach((reading, i) => {
        entries.push({
          text,
          syllables: reading.split("'"),
          cost: base + (i > 0 ? OTHER_READING_COST : 0),
        });
      });
    });
    return new PinyinLexicon(entries);
  }

  /** Entries whose syllables start with these letters, one letter a syllable; most common first. */
  byAbbreviation(key: string): readonly LexiconEntry[] {
    return this.#byAbbreviation.get(key) ?? [];
  }

  /** The readings of a word or character, most common first (empty when unknown). */
  readingsOf(text: string): readonly LexiconEntry[] {
    return this.#byText.get(text) ?? [];
  }
}

export function abbreviation(syllables: readonly string[]): string {
  let key = '';
  for (const s of syllables) key += s[0] ?? '';
  return key;
}
