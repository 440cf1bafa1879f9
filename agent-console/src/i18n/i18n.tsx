import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { errorText } from './error-text.ts';
import { type Lang, pick, type StringKey, strings } from './strings.ts';

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'zh-CN',
  setLang: () => undefined,
});

export function useT() {
  const { lang } = useContext(LangContext);
  const t = (key: StringKey) => pick(lang, strings[key]);
  /** A failed call in the reader's language. */
  const tError = (e: unknown) => errorText(e, lang);
  return { t, tError, lang };
}
