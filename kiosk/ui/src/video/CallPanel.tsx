import type { ChatMessage } from '@onething/contract/sockets/booth';
import { useEffect, useRef, useState } from 'preact/hooks';
import { joinList } from '../i18n/format.ts';
import { regionName } from '@onething/contract/regions';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { activityWords, chatText, qualityWords } from './help-words.ts';
import { RemoteActionPanel } from './RemoteActionPanel.tsx';

/** Shows a stream in a video element, replacing it only when it changes. */
function useStream(el: HTMLVideoElement | null, stream: MediaStream | null): void {
  useEffect(() => {
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    // autoplay can be refused; the element then shows its first frame and the call goes on
    if (stream) el.play().catch(() => undefined);
  }, [el, stream]);
}

/**
 * The call: who answered (name, department, region), their video and the citizen's own small
 * picture, quality in words, microphone and camera switches, what the agent is doing on this
 * terminal, text chat for citizens who cannot hear or speak well, and Hang up.
 */
export function CallPanel() {
  const { help } = useServices();
  const s = useFlow();
  const t = useT();
  const h = s.help;
  const heading = useRef<HTMLHeadingElement>(null);
  const [agentEl, setAgentEl] = useState<HTMLVideoElement | null>(null);
  const [selfEl, setSelfEl] = useState<HTMLVideoElement | null>(null);
  // h.media changes once the media object exists: that render picks up its streams
  const media = h.media === 'live' || h.media === 'receiveOnly' ? help.media : null;
  useStream(agentEl, media?.remote ?? null);
  useStream(selfEl, media?.local ?? null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const agent = h.agent;
  if (!agent) return null;
  const devicesUsable = h.media === 'live';
  const showVideo = h.media !== 'unavailable';
  return (
    <section
      class="video-help-panel call-panel"
      aria-labelledby="video-help-h"
      data-help-phase="connected"
      data-media={h.media}
    >
      <h2 id="video-help-h" ref={heading} tabIndex={-1}>
        <Icon name="video" /> {t('help.connectedTitle', { name: agent.name })}
      </h2>
      <p class="call-agent">
        {t('help.agentDepartment', { department: pick(s.lang, agent.departmentName) })}
        {agent.regions.length > 0 && (
          <>
            {' · '}
            {t('help.agentRegion', {
              region: joinList(
                agent.regions.map((r) => regionName(r, s.lang)),
                s.lang,
              ),
            })}
          </>
        )}
      </p>
      {showVideo && (
        <div class="call-media">
          {/* biome-ignore lint/a11y/useMediaCaption: a live call has no caption file; the text chat below is its text alternative */}
          <video
            ref={setAgentEl}
            class="agent-video"
            autoplay
            playsInline
            data-testid="agent-video"
            aria-label={t('help.agentVideo')}
          />
          {h.camera && h.media === 'live' && (
            <video
              ref={setSelfEl}
              class="self-video"
              autoplay
              playsInline
              muted
              aria-label={t('help.selfVideo')}
            />
          )}
        </div>
      )}
      {showVideo && h.media !== 'starting' && !h.remoteVideo && (
        <p class="note">{t('help.noAgentVideo')}</p>
      )}
      {h.media === 'starting' && <Message tone="pending">{t('help.media.starting')}</Message>}
      {h.media === 'receiveOnly' && <Message tone="warning">{t('help.media.receiveOnly')}</Message>}
      {h.media === 'unavailable' && <Message tone="warning">{t('help.media.unavailable')}</Message>}
      {h.reconnecting && <Message tone="warning">{t('help.reconnecting')}</Message>}
      {showVideo && h.media !== 'starting' && (
        <p class="call-quality" data-quality={h.quality ?? 'unknown'}>
          {qualityWords(s.lang, h.quality)}
        </p>
      )}
      <p class="call-activity" role="status" data-testid="agent-activity">
        <span class="strong">{t('message.prefix', { word: t('help.activityLabel') })}</span>
        {activityWords(s.lang, h.action)}
      </p>
      <RemoteActionPanel />
      <div class="button-row call-controls">
        <button
          type="button"
          class="btn btn-toggle"
          aria-pressed={h.mic}
          disabled={!devicesUsable}
          onClick={() => void help.setDevice('mic', !h.mic)}
        >
          <Icon name="speaker" /> {t('help.mic')}
          <span class="toggle-state" aria-hidden="true">
            {h.mic ? t('toggle.on') : t('toggle.off')}
          </span>
        </button>
        <button
          type="button"
          class="btn btn-toggle"
          aria-pressed={h.camera}
          disabled={!devicesUsable}
          onClick={() => void help.setDevice('camera', !h.camera)}
        >
          <Icon name="camera" /> {t('help.camera')}
          <span class="toggle-state" aria-hidden="true">
            {h.camera ? t('toggle.on') : t('toggle.off')}
          </span>
        </button>
        <button type="button" class="btn btn-hangup" onClick={() => void help.hangup()}>
          <Icon name="cross" /> {t('help.hangup')}
        </button>
      </div>
      <Chat />
    </section>
  );
}

/** Text chat: the log is read out as lines arrive; a failed send keeps the text in the box. */
function Chat() {
  const { help } = useServices();
  const s = useFlow();
  const t = useT();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const log = useRef<HTMLOListElement>(null);
  const chat = s.help.chat;
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.length]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    const ok = await help.send(text);
    setSending(false);
    if (ok) setText('');
  };
  const who = (m: ChatMessage) =>
    m.from === 'citizen' ? t('help.chatYou') : m.from === 'system' ? t('help.chatSystem') : m.name;

  return (
    <section class="chat" aria-labelledby="chat-h">
      <h3 id="chat-h">{t('help.chatTitle')}</h3>
      <p class="hint">{t('help.chatHint')}</p>
      <ol
        ref={log}
        class="chat-log"
        role="log"
        aria-live="polite"
        aria-label={t('help.chatLog')}
        // The log scrolls; keyboard users must reach it
        tabIndex={0}
      >
        {chat.length === 0 && <li class="note">{t('help.chatEmpty')}</li>}
        {chat.map((m) => (
          <li
            key={`${m.at}-${m.from}-${m.from === 'system' ? `${m.code}-${m.params.name}` : m.text}`}
            class={`chat-${m.from}`}
          >
            {t('help.chatLine', { who: who(m), text: chatText(s.lang, m) })}
          </li>
        ))}
      </ol>
      <form class="chat-form" onSubmit={(e) => void submit(e)}>
        <label class="field-label" for="chat-input">
          {t('help.chatInput')}
        </label>
        <div class="chat-row">
          <input
            id="chat-input"
            type="text"
            autoComplete="off"
            maxLength={500}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="btn btn-primary" disabled={!text.trim() || sending}>
            {t('help.chatSend')}
          </button>
        </div>
      </form>
      {s.help.chatFailed && <Message tone="error">{t('help.chatFailed')}</Message>}
    </section>
  );
}
