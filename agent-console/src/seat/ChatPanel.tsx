import type { ChatMessage } from '@onething/contract/sockets/booth';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from './booth-api.ts';
import { errorText } from '../i18n/error-text.ts';
import { chatText, chatWho } from './chat-text.ts';

/** What the contract accepts in one message. */
const MAX_CHARS = 500;

/**
 * Text chat with the booth, for citizens who are deaf or hard of hearing and whenever video is
 * poor. New lines are announced politely; `canSend` is false for a supervisor listening in.
 */
export function ChatPanel({
  ticketId,
  messages,
  canSend,
}: {
  ticketId: string;
  messages: readonly ChatMessage[];
  canSend: boolean;
}) {
  const { t, lang } = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const log = useRef<HTMLOListElement>(null);

  // Keep the newest line in view as the conversation grows.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const send = async (e: Event) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      await boothRequest('chat:send', { ticketId, text: body });
      setText('');
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const time = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <section class="seat-card seat-chat" aria-labelledby="seat-chat-title">
      <h3 id="seat-chat-title">{t('seat_chatTitle')}</h3>
      <ol
        ref={log}
        class="seat-chat-log"
        aria-live="polite"
        aria-relevant="additions"
        aria-labelledby="seat-chat-title"
        // A scrolling region must be reachable by keyboard to read its history (WCAG 2.1.1)
        tabIndex={0}
      >
        {messages.length === 0 && <li class="seat-muted">{t('seat_chatEmpty')}</li>}
        {messages.map((m) => (
          <li
            key={`${m.at}-${m.from}-${m.from === 'system' ? `${m.code}-${m.params.name}` : m.text}`}
            class={`seat-msg seat-msg-${m.from}`}
          >
            <span class="seat-msg-who">
              {chatWho(m, lang)}
              <time dateTime={new Date(m.at).toISOString()}> {time.format(m.at)}</time>
            </span>
            <span class="seat-msg-text">{chatText(m, lang)}</span>
          </li>
        ))}
      </ol>
      {canSend && (
        <form class="seat-chat-form" onSubmit={send}>
          <label class="seat-field seat-grow">
            {t('seat_chatInput')}
            <input
              value={text}
              maxLength={MAX_CHARS}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy || !text.trim()}>
            {t('seat_chatSend')}
          </button>
        </form>
      )}
      {error && <p role="alert">⚠ {error}</p>}
    </section>
  );
}
