import { alertDetailText } from './fleet-detail-text.ts';
import type { AlertView } from '@onething/contract/sockets/fleet';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { DateTime, ToneBadge } from './Badges.tsx';
import { fleetRequest } from './fleet-api.ts';
import { errorText } from '../i18n/error-text.ts';
import { fill } from './fleet-store.ts';
import { RULE_LABEL, SEVERITY } from './health.ts';

/** Alerts with their rule in words, who acknowledged them, and an Acknowledge button if nobody has. */
export function AlertsTable({
  alerts,
  labelledBy,
  empty,
  past = false,
  onAcknowledged,
}: {
  alerts: readonly AlertView[];
  labelledBy: string;
  empty: StringKey;
  past?: boolean;
  onAcknowledged: (a: AlertView) => void;
}) {
  const { t } = useT();
  if (alerts.length === 0) return <p>{t(empty)}</p>;
  return (
    <table class="fleet-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{t('fleet_col_alert')}</th>
          <th scope="col">{t('fleet_col_severity')}</th>
          <th scope="col">{t('fleet_col_opened')}</th>
          {past && <th scope="col">{t('fleet_col_resolved')}</th>}
          <th scope="col">{t('fleet_col_ack')}</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <AlertRow key={a.id} alert={a} past={past} onAcknowledged={onAcknowledged} />
        ))}
      </tbody>
    </table>
  );
}

function AlertRow({
  alert,
  past,
  onAcknowledged,
}: {
  alert: AlertView;
  past: boolean;
  onAcknowledged: (a: AlertView) => void;
}) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const severity = SEVERITY[alert.severity];
  const rule = t(RULE_LABEL[alert.rule]);

  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      onAcknowledged(await fleetRequest('fleet:acknowledge', { alertId: alert.id }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-alert={alert.id}>
      <th scope="row">
        <span class="fleet-rule">{rule}</span>
        <span class="fleet-raw">{alertDetailText(alert.detail, lang)}</span>
      </th>
      <td>
        <ToneBadge
          tone={alert.severity === 'critical' ? 'critical' : 'warning'}
          icon={severity.icon}
          label={severity.label}
        />
      </td>
      <td>
        <DateTime at={alert.openedAt} />
      </td>
      {past && (
        <td>
          {alert.resolvedAt !== null && (
            <>
              <span class="fleet-resolved">
                <span aria-hidden="true">✔</span> {t('fleet_resolved')}
              </span>{' '}
              <DateTime at={alert.resolvedAt} />
            </>
          )}
        </td>
      )}
      <td>
        {alert.acknowledgedBy ? (
          <>
            <span>{fill(t('fleet_ackBy'), { name: alert.acknowledgedBy })}</span>
            {alert.acknowledgedAt !== null && (
              <span class="fleet-raw">
                <DateTime at={alert.acknowledgedAt} />
              </span>
            )}
          </>
        ) : (
          <button
            type="button"
            disabled={busy}
            aria-label={fill(t('fleet_ackNamed'), { rule })}
            onClick={acknowledge}
          >
            {t('fleet_ack')}
          </button>
        )}
        {error !== null && <p role="alert">⚠ {errorText(error, lang)}</p>}
      </td>
    </tr>
  );
}
