/**
 * Builds the on-screen keyboard's pinyin dictionary from packages in node_modules, at build
 * time (vite.config.ts serves it as the module `virtual:pinyin-dictionary`), so no generated
 * blob is committed:
 * - words and their frequencies: jieba's dict.txt.big (MIT), as shipped in the npm package
 *   `jieba-js` (ISC);
 * - each word's pinyin (polyphones read in context) and every reading of a single character:
 *   `pinyin-pro` (MIT);
 * - which characters are simplified Chinese: the 6,763 hanzi of GB 2312, read from the
 *   platform's own GB 2312 decoder (ICU), which drops jieba's traditional-character duplicates.
 *
 * The format is one entry a line, most frequent first (the line's rank is its frequency):
 * the word, then its syllables joined by `'`, several readings of one character joined by `|`:
 * `行xing|hang|heng`, `银行yin'hang`. A word read with each character's first reading carries
 * no pinyin (`中国`): that is most words, and it halves the dictionary.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin, polyphonic } from 'pinyin-pro';

/** How many words of two or more characters to keep (single characters are all kept). */
export const WORD_LIMIT = 60_000;
/** Longer words are rarely typed whole on a kiosk and cost the most room. */
const MAX_WORD_LENGTH = 5;

const PINYIN = { toneType: 'none', type: 'array', v: true } as const;

/** The hanzi of GB 2312 (levels 1 and 2), from the platform's own GB 2312 decoder. */
export function gb2312Hanzi(): Set<string> {
  const decoder = new TextDecoder('gb2312');
  const set = new Set<string>();
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const c = decoder.decode(new Uint8Array([hi, lo]));
      if (/^\p{Script=Han}$/u.test(c)) set.add(c);
    }
  }
  return set;
}

function jiebaDictPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('jieba-js/package.json')), 'dict/dict.txt.big');
}

/**
 * A syllable as the keyboard types it (ü as v); null for readings nobody types: the
 * vowel-less interjections (嗯 ng, 呣 m) would split `guangzhou` as gua'ng'zhou.
 */
function typeable(s: string): string | null {
  return /^[a-z]*[aeiouv][a-z]*$/.test(s) ? s : null;
}

export function buildPinyinDictionary(options: { wordLimit?: number } = {}): string {
  const limit = options.wordLimit ?? WORD_LIMIT;
  const hanzi = gb2312Hanzi();
  const charFreq = new Map<string, number>();
  const words: { word: string; freq: number }[] = [];
  for (const line of readFileSync(jiebaDictPath(), 'utf8').split('\n')) {
    const [word, f] = line.split(' ');
    if (!word || !f) continue;
    const chars = [...word];
    if (!chars.every((c) => hanzi.has(c))) continue;
    const freq = Number(f);
    if (chars.length === 1) charFreq.set(word, Math.max(freq, charFreq.get(word) ?? 0));
    else if (chars.length <= MAX_WORD_LENGTH) words.push({ word, freq });
  }
  words.sort((a, b) => b.freq - a.freq);
  const readings = new Map<string, string[]>();
  for (const c of hanzi) {
    const all = [...new Set((polyphonic(c, PINYIN)[0] ?? []).map(typeable))].filter(
      (s): s is string => s !== null,
    );
    if (all.length > 0) readings.set(c, all);
  }
  const entries: { text: string; freq: number; reading: string }[] = [];
  const seen = new Set<string>();
  for (const { word, freq } of words) {
    if (entries.length >= limit) break;
    if (seen.has(word)) continue;
    seen.add(word);
    const syllables = pinyin(word, PINYIN).map(typeable);
    if (syllables.length !== [...word].length || syllables.some((s) => s === null)) continue;
    const reading = syllables.join("'");
    const usual = [...word].map((c) => readings.get(c)?.[0]).join("'");
    entries.push({ text: word, freq, reading: reading === usual ? '' : reading });
  }
  // every GB 2312 character, with all its readings; those jieba never saw rank last
  for (const [c, all] of readings) {
    entries.push({ text: c, freq: charFreq.get(c) ?? 0, reading: all.join('|') });
  }
  // stable: equal frequencies keep jieba's order
  entries.sort((a, b) => b.freq - a.freq);
  return entries.map((e) => `${e.text}${e.reading}`).join('\n');
}
