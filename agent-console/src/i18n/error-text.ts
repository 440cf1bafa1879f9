import { type ErrorCode, localizedMessage } from '@onething/contract/errors';
import { isErrorCode } from '@onething/contract/wire/ack';
import { ConsoleError } from '../errors.ts';
import { type Lang, pick, strings } from './strings.ts';

/** What a failed call is remembered by when nothing usable came back (no answer, bad answer). */
export const NO_ANSWER = 'NO_ANSWER';

/**
 * The console's one code→text mapper: a code from the contract's catalogue in the reader's
 * language; anything else means the server gave no usable answer.
 */
export function codeText(code: string, lang: Lang): string {
  return isErrorCode(code) ? localizedMessage(code, lang) : pick(lang, strings.noAnswer);
}

/** The catalogue code a failed call was refused with, or NO_ANSWER. */
export function errorCode(e: unknown): ErrorCode | typeof NO_ANSWER {
  if (e instanceof ConsoleError) return e.kind === 'refused' ? e.code : NO_ANSWER;
  return NO_ANSWER;
}

/**
 * A failed call in the reader's language. A REST refusal's own message (written in English
 * for the people running the service) follows in brackets for English readers.
 */
export function errorText(e: unknown, lang: Lang): string {
  const words = codeText(errorCode(e), lang);
  let detail = '';
  if (e instanceof ConsoleError && e.status !== null) {
    detail = e.body.message;
  }
  return lang === 'en' && detail ? `${words} (${detail})` : words;
}
