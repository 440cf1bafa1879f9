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
 * `中国zhong'guo`, `行xing|hang|heng`.
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

  /** Reads the build's dictionary text; its line order is its frequency order. */
  static parse(data: string): PinyinLexicon {
    const entries: LexiconEntry[] = [];
    let rank = 0;
    for (const line of data.split('\n')) {
      let split = 0;
      while (split < line.length && line.charCodeAt(split) > 127) split++;
      if (split === 0 || split === line.length) continue;
      const text = line.slice(0, split);
      const base = Math.log(rank + 2);
      rank++;
      line
        .slice(split)
        .split('|')
        .forEach((reading, i) => {
          entries.push({
            text,
            syllables: reading.split("'"),
            cost: base + (i > 0 ? OTHER_READING_COST : 0),
          });
        });
    }
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
