import { ErrorCatalogue, type ErrorCode, localizedMessage } from '@onething/contract/errors';
import type {
  NotificationContract,
  RequestContract,
  RequestOf,
  ResponseOf,
  ServerEvents,
} from '@onething/contract/events/contract';
import { type Lang, strings } from './i18n/strings.ts';
import { RequestError, staffRequest, subscribe } from './realtime/staff-socket.ts';

/**
 * One part of the staff socket's contract (fleet, booth) as typed functions: `request` emits a
 * request and resolves with its response; `on` subscribes to a notification and returns the
 * unsubscribe function for effect cleanup.
 */
export function staffContract<R extends RequestContract, N extends NotificationContract>() {
  return {
    request<K extends keyof R & string>(
      event: K,
      payload: RequestOf<R, K>,
    ): Promise<ResponseOf<R, K>> {
      return staffRequest<ResponseOf<R, K>>(event, payload);
    },
    on<K extends keyof N & string>(event: K, handler: ServerEvents<N>[K]): () => void {
      return subscribe(event, handler);
    },
  };
}

/** The error code of a failed request; 'TIMEOUT' when the server never answered. */
export function errorCode(e: unknown): string {
  return e instanceof RequestError ? e.code : 'TIMEOUT';
}

/** A failed request's code in the reader's language; no known code means no answer at all. */
export function codeText(code: string, lang: Lang): string {
  if (code in ErrorCatalogue) {
    return localizedMessage(code as ErrorCode, lang === 'en' ? 'en' : 'zh-CN');
  }
  return strings.noAnswer[lang];
}

/** A failed request in the reader's language; the server's code picks the message. */
export function requestErrorText(e: unknown, lang: Lang): string {
  return codeText(errorCode(e), lang);
}
