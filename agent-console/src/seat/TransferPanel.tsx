import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { boothRequest } from './booth-api.ts';
import { codeText, errorCode } from '../i18n/error-text.ts';
import { DEPARTMENT_LABEL, TRANSFER_DEPARTMENTS } from './labels.ts';
import { StaffPicker } from '../staff-directory/StaffPicker.tsx';

type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

/**
 * Hand the citizen over (cold transfer: the ticket goes to the head of the other queue and this
 * agent goes to wrap-up), or bring a colleague into the call.
 */
export function TransferPanel({ ticketId }: { ticketId: string }) {
  const { t, lang } = useT();
  const [target, setTarget] = useState<'department' | 'agent'>('department');
  const [department, setDepartment] = useState<string>(TRANSFER_DEPARTMENTS[0]);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [guestId, setGuestId] = useState<string | null>(null);
  const [transfer, setTransfer] = useState<Outcome>(null);
  const [invite, setInvite] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const doTransfer = async (e: Event) => {
    e.preventDefault();
    if (target === 'agent' && !agentId) {
      setTransfer({ ok: false, text: t('super_dir_needChoice') });
      return;
    }
    const to = target === 'agent' && agentId ? { agentId } : { department };
    setBusy(true);
    try {
      await boothRequest('call:transfer', { ticketId, to });
      setTransfer({ ok: true, text: t('seat_transferred') });
    } catch (err) {
      setTransfer({ ok: false, text: codeText(errorCode(err), lang) });
    } finally {
      setBusy(false);
    }
  };

  const doInvite = async (e: Event) => {
    e.preventDefault();
    const staffId = guestId;
    if (!staffId) {
      setInvite({ ok: false, text: t('super_dir_needChoice') });
      return;
    }
    setBusy(true);
    try {
      await boothRequest('call:invite', { ticketId, staffId });
      setInvite({ ok: true, text: t('seat_invited') });
      setGuestId(null);
    } catch (err) {
      const code = errorCode(err);
      // The server answers NOT_FOUND for a colleague who is not signed in (or just left).
      setInvite({
        ok: false,
        text: code === 'NOT_FOUND' ? t('seat_inviteNotFound') : codeText(code, lang),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="seat-card" aria-labelledby="seat-transfer-title">
      <h3 id="seat-transfer-title">{t('seat_transferTitle')}</h3>
      <form class="seat-subform" onSubmit={doTransfer}>
        <fieldset>
          <legend>{t('seat_transferTo')}</legend>
          <div class="seat-row">
            <label class="seat-radio">
              <input
                type="radio"
                name="seat-transfer-target"
                checked={target === 'department'}
                onChange={() => setTarget('department')}
              />
              {t('seat_toDepartment')}
            </label>
            <label class="seat-radio">
              <input
                type="radio"
                name="seat-transfer-target"
                checked={target === 'agent'}
                onChange={() => setTarget('agent')}
              />
              {t('seat_toAgent')}
            </label>
          </div>
          {target === 'department' ? (
            <label class="seat-field">
              {t('seat_department')}
              <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
                {TRANSFER_DEPARTMENTS.map((d) => (
                  <option key={d} value={d}>
                    {t(DEPARTMENT_LABEL[d])} ({d})
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <StaffPicker
              name="seat-transfer-agent"
              legend={t('seat_agentId')}
              value={agentId}
              onChange={setAgentId}
            />
          )}
          <button type="submit" disabled={busy}>
            {t('seat_transfer')}
          </button>
          <p class="seat-run" role="status">
            {transfer && (
              <span class={transfer.ok ? 'seat-good' : 'seat-bad'}>
                <span aria-hidden="true">{transfer.ok ? '✔' : '⚠'}</span> {transfer.text}
              </span>
            )}
          </p>
        </fieldset>
      </form>
      <form class="seat-subform" onSubmit={doInvite}>
        <fieldset>
          <legend>{t('seat_inviteTitle')}</legend>
          <StaffPicker
            name="seat-invite-staff"
            legend={t('seat_staffId')}
            value={guestId}
            onChange={setGuestId}
          />
          <button type="submit" disabled={busy}>
            {t('seat_invite')}
          </button>
          <p class="seat-run" role="status">
            {invite && (
              <span class={invite.ok ? 'seat-good' : 'seat-bad'}>
                <span aria-hidden="true">{invite.ok ? '✔' : '⚠'}</span> {invite.text}
              </span>
            )}
          </p>
        </fieldset>
      </form>
    </section>
  );
}
