import { useState } from 'preact/hooks';
import { formatDateTime } from '../i18n/format.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Video help cannot answer (closed, or nobody online): says so without a wait estimate, offers
 * a call-back to a mobile number typed on the phone pad, and names the hotline. The number lives
 * in this panel only; it goes when the panel closes or the session is wiped.
 */
export function HelpUnavailableBody() {
  const { help } = useServices();
  const s = useFlow();
  const t = useT();
  const h = s.help;
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState(false);
  const u = h.unavailable;
  if (!u) return null;

  const submit = (e: Event) => {
    e.preventDefault();
    if (!MOBILE.test(phone)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void help.bookCallBack(phone);
  };

  return (
    <>
      <Message tone="info">
        {u.open ? t('help.noAgent.body') : t('help.closed.body')}
        {!u.open && u.nextOpenAt !== null && (
          <> {t('help.closed.next', { when: formatDateTime(u.nextOpenAt, s.lang) })}</>
        )}
      </Message>
      <p>{t('help.callBack.offer')}</p>
      <form class="call-back-form" onSubmit={submit} noValidate>
        <div class={`field${invalid ? ' has-error' : ''}`}>
          <label class="field-label" for="call-back-phone">
            {t('help.callBack.phoneLabel')}
          </label>
          <input
            id="call-back-phone"
            type="tel"
            inputMode="numeric"
            data-pad="phone"
            autoComplete="off"
            maxLength={11}
            class="input-phone"
            value={phone}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'call-back-phone-error' : undefined}
            onInput={(e) => {
              setPhone(e.currentTarget.value.replace(/\D/g, '').slice(0, 11));
              // the old complaint would be about a number no longer there
              setInvalid(false);
            }}
          />
          {invalid && (
            <p class="field-error" id="call-back-phone-error">
              <Icon name="warning" /> {t('help.callBack.invalid')}
            </p>
          )}
        </div>
        {h.callBackFailed && (
          <Message tone="warning">{t('help.callBack.failed', { hotline: u.hotline })}</Message>
        )}
        {h.callBackSending && <Message tone="pending">{t('help.callBack.sending')}</Message>}
        <div class="button-row">
          <button type="submit" class="btn btn-primary" disabled={h.callBackSending}>
            <Icon name="check" /> {t('help.callBack.submit')}
          </button>
        </div>
      </form>
      <p class="help-hotline" data-testid="help-hotline">
        {t('help.hotline', { hotline: u.hotline })}
      </p>
    </>
  );
}
