import type {
  FleetAction,
  FleetNotifications,
  TerminalSummary,
} from '@onething/contract/sockets/fleet';
import type { NotificationOf } from '@onething/contract/wire/contract';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { fleetRequest, onFleet } from './fleet-api.ts';
import { errorText } from '../i18n/error-text.ts';
import { fill } from './fleet-store.ts';
import { ACTION_LABEL } from './health.ts';
import { commandOutcomeText } from './command-outcome.ts';

/** Maintenance on/off share one button; its action follows the terminal's current state. */
type Slot = 'maintenance' | Exclude<FleetAction, 'maintenanceOn' | 'maintenanceOff'>;
const SLOTS: Slot[] = [
  'maintenance',
  'reloadUi',
  'restartBridge',
  'printTestPage',
  'readerSelfTest',
];

type Run =
  | { phase: 'sending'; action: FleetAction }
  | { phase: 'sent'; action: FleetAction; commandId: string; delivered: boolean }
  | { phase: 'failed'; action: FleetAction; error: unknown };

type Outcome = Pick<
  NotificationOf<typeof FleetNotifications, 'fleet:commandResult'>,
  'ok' | 'outcome' | 'detailCode'
>;

const buttonId = (slot: Slot) => `fleet-action-${slot}`;

/**
 * Remote actions, each confirmed inline (no pop-up), then showing whether it reached the
 * terminal and, when the terminal reports back, how it went.
 */
export function TerminalCommands({ terminal }: { terminal: TerminalSummary }) {
  const { t } = useT();
  const [confirming, setConfirming] = useState<Slot | null>(null);
  const [runs, setRuns] = useState<Partial<Record<Slot, Run>>>({});
  // Results by command id: a fast terminal may answer before our request's acknowledgement.
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(
    () =>
      onFleet('fleet:commandResult', (r) => {
        if (r.terminalId !== terminal.id) return;
        setOutcomes((o) => ({
          ...o,
          [r.commandId]: { ok: r.ok, outcome: r.outcome, detailCode: r.detailCode },
        }));
      }),
    [terminal.id],
  );

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const actionOf = (slot: Slot): FleetAction =>
    slot === 'maintenance' ? (terminal.maintenance ? 'maintenanceOff' : 'maintenanceOn') : slot;

  const cancel = (slot: Slot) => {
    setConfirming(null);
    document.getElementById(buttonId(slot))?.focus();
  };

  const run = async (slot: Slot) => {
    const action = actionOf(slot);
    setConfirming(null);
    setRuns((r) => ({ ...r, [slot]: { phase: 'sending', action } }));
    document.getElementById(buttonId(slot))?.focus();
    try {
      const res = await fleetRequest('fleet:action', { terminalId: terminal.id, action });
      setRuns((r) => ({ ...r, [slot]: { phase: 'sent', action, ...res } }));
    } catch (error) {
      setRuns((r) => ({ ...r, [slot]: { phase: 'failed', action, error } }));
    }
  };

  return (
    <section aria-labelledby="fleet-actions">
      <h4 id="fleet-actions">{t('fleet_sec_actions')}</h4>
      <ul class="fleet-actions">
        {SLOTS.map((slot) => {
          const action = actionOf(slot);
          const label = t(ACTION_LABEL[action]);
          const runState = runs[slot];
          return (
            <li key={slot}>
              <button
                type="button"
                id={buttonId(slot)}
                aria-expanded={confirming === slot}
                disabled={runState?.phase === 'sending'}
                onClick={() => setConfirming(confirming === slot ? null : slot)}
              >
                {label}
              </button>
              {confirming === slot && (
                <fieldset class="fleet-confirm">
                  <legend>
                    {fill(t('fleet_confirmQuestion'), { terminal: terminal.name, action: label })}
                  </legend>
                  <button type="button" ref={confirmButton} onClick={() => run(slot)}>
                    {t('fleet_confirm')}
                  </button>
                  <button type="button" class="fleet-secondary" onClick={() => cancel(slot)}>
                    {t('fleet_cancel')}
                  </button>
                </fieldset>
              )}
              <p class="fleet-run" role="status">
                {runState && <RunStatus run={runState} outcomes={outcomes} />}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function RunStatus({ run, outcomes }: { run: Run; outcomes: Record<string, Outcome> }) {
  const { t, lang } = useT();
  // Full-width colon in Chinese text, ": " in English.
  const what = `${t(ACTION_LABEL[run.action])}${lang === 'zh-CN' ? '：' : ': '}`;
  if (run.phase === 'sending') return <>{`${what}${t('fleet_sending')}`}</>;
  if (run.phase === 'failed') {
    return <span class="fleet-bad">⚠ {`${what}${errorText(run.error, lang)}`}</span>;
  }
  if (!run.delivered) {
    return (
      <span class="fleet-bad">
        <span aria-hidden="true">⊘</span> {`${what}${t('fleet_notDelivered')}`}
      </span>
    );
  }
  const outcome = outcomes[run.commandId];
  return (
    <>
      <span class="fleet-good">
        <span aria-hidden="true">✔</span> {`${what}${t('fleet_delivered')}`}
      </span>
      {outcome ? (
        <span class={outcome.ok ? 'fleet-good' : 'fleet-bad'}>
          <span aria-hidden="true">{outcome.ok ? '✔' : '✖'}</span>{' '}
          {t(outcome.ok ? 'fleet_resultOk' : 'fleet_resultFailed')}
          {`${lang === 'zh-CN' ? '：' : ': '}${commandOutcomeText(outcome.outcome, outcome.detailCode, lang)}`}
        </span>
      ) : (
        <span>{t('fleet_waitingResult')}</span>
      )}
    </>
  );
}
