import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { HelpAction } from '../flow/flow-state.ts';
import type { StringKey } from '../i18n/strings.ts';
import { CameraCapture } from '../screens/CameraCapture.tsx';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { ConsentFrame } from '../ui/ConsentFrame.tsx';
import { Icon } from '../ui/Icon.tsx';
import { actionWhat } from './help-words.ts';

const CONSENT_TEXT: Record<HelpAction['request']['kind'], StringKey | null> = {
  readIdCard: 'help.consent.readIdCard',
  showForm: 'help.consent.showForm',
  captureDocument: 'help.consent.captureDocument',
  acceptCase: 'help.consent.acceptCase',
  // printing touches no personal data of the citizen's: it is done and shown, not asked
  print: null,
};

/**
 * The citizen's part in the agent's remote actions: the consent prompt (同意 / 不同意), then
 * placing the ID card or photographing the document on this terminal.
 */
export function RemoteActionPanel() {
  const { help } = useServices();
  const s = useFlow();
  const t = useT();
  const a = s.help.action;
  if (!a) return null;
  if (a.stage === 'ask') return <ConsentPrompt key={a.actionId} action={a} elder={s.elder} />;
  if (a.stage === 'placeCard') {
    return (
      <Step key={a.actionId} title={actionWhat(s.lang, a.request)} kind="readIdCard">
        <p>
          <Icon name="card" /> {t('help.placeCard')}
        </p>
        <button type="button" class="btn btn-secondary" onClick={() => void help.actions.stop()}>
          {t('help.stopAction')}
        </button>
      </Step>
    );
  }
  if (a.stage === 'capture' && a.request.kind === 'captureDocument') {
    return (
      <div class="remote-step" data-remote-step="captureDocument">
        <CameraCapture
          name={a.request.material}
          onCaptured={(jpeg) => void help.actions.captured(jpeg)}
          onCancel={() => void help.actions.stop()}
          onSkip={() => void help.actions.cameraFailed()}
        />
      </div>
    );
  }
  return null;
}

function Step({
  title,
  kind,
  children,
}: {
  title: string;
  kind: string;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section class="remote-step" aria-labelledby="remote-step-h" data-remote-step={kind}>
      <h3 id="remote-step-h" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** What the agent asks, in the kiosk's consent frame (a dialog, or inline in elder mode). */
function ConsentPrompt({ action, elder }: { action: HelpAction; elder: boolean }) {
  const { help } = useServices();
  const t = useT();
  const req = action.request;
  const textKey = CONSENT_TEXT[req.kind];
  return (
    <ConsentFrame
      consent={req.kind}
      title={t('help.consent.title', { agent: action.agentName })}
      elder={elder}
    >
      {textKey && (
        <p class="consent-text">
          {t(textKey, req.kind === 'captureDocument' ? { material: req.material } : undefined)}
        </p>
      )}
      {req.kind === 'showForm' && (
        <section class="consent-form" aria-labelledby="consent-form-h">
          <h3 id="consent-form-h">{req.title}</h3>
          <dl>
            {req.fields.map((f, i) => (
              // rows may repeat a label and have no ids: their place is what they are
              <div key={i} class="consent-row">
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <div class="button-row consent-buttons">
        <button
          type="button"
          class="btn btn-primary btn-large"
          onClick={() => void help.actions.answer(true)}
        >
          <Icon name="check" /> {t('help.agree')}
        </button>
        <button
          type="button"
          class="btn btn-secondary btn-large"
          onClick={() => void help.actions.answer(false)}
        >
          <Icon name="cross" /> {t('help.decline')}
        </button>
      </div>
    </ConsentFrame>
  );
}
