import { localizedMessage } from '@onething/contract/errors';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { type Lang, type StringKey, strings } from './strings.ts';

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'zh',
  setLang: () => undefined,
});

export function useT() {
  const { lang } = useContext(LangContext);
  const t = (key: StringKey) => strings[key][lang];
  /** A server error in the reader's language, with the detail the server gave. */
  const tError = (e: unknown) =>
    e instanceof ApiError && e.kind === 'unreachable'
      ? strings.serverUnreachable[lang]
      : e instanceof ApiError
        ? `${localizedMessage(e.body.code, lang === 'en' ? 'en' : 'zh-CN')}${lang === 'en' && e.body.message ? ` (${e.body.message})` : ''}`
        : String(e);
  return { t, tError, lang };
}
