/**
 * Words a field's pinyin candidates offer first: an input with `data-vocabulary="<key>"` ranks
 * the words registered under that key before the dictionary's (the form registers option
 * labels and the booth region's place names). Kept apart from the engine so the form can
 * register words without loading the keyboard.
 */
const vocabularies = new Map<string, readonly string[]>();

/** Registers (or replaces) the words for a key; blanks and repeats are dropped. */
export function registerVocabulary(key: string, words: readonly string[]): void {
  vocabularies.set(key, [...new Set(words.map((w) => w.trim()).filter(Boolean))]);
}

/** The words registered for the field's `data-vocabulary`, none when it has no key. */
export function vocabularyFor(el: Pick<Element, 'getAttribute'>): readonly string[] {
  const key = el.getAttribute('data-vocabulary');
  return key ? (vocabularies.get(key) ?? []) : [];
}
