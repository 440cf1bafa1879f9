import type { FollowUpOverdue } from '@onething/contract/rest/follow-up';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { onStaff } from '../realtime/staff-socket.ts';
import { fill } from '../seat/format.ts';

/**
 * Live alerts of overdue 差评 follow-ups (pushed to supervisors by the server's deadline timer),
 * each with a way to open the list and to dismiss it.
 */
export function OverdueAlerts({ onOpen }: { onOpen: () => void }) {
  const { t } = useT();
  const [alerts, setAlerts] = useState<FollowUpOverdue[]>([]);
  useEffect(
    () =>
      onStaff('followUp:overdue', (a) =>
        setAlerts((list) => [...list.filter((x) => !(x.id === a.id && x.stage === a.stage)), a]),
      ),
    [],
  );
  if (alerts.length === 0) return null;
  const dismiss = (a: FollowUpOverdue) =>
    setAlerts((list) => list.filter((x) => !(x.id === a.id && x.stage === a.stage)));
  return (
    <div role="alert">
      <ul class="fu-alerts">
        {alerts.map((a) => (
          <li key={`${a.id}-${a.stage}`}>
            <span aria-hidden="true">⚠</span>{' '}
            {fill(t('super_fu_alert'), {
              case: a.caseNumber,
              step: t(a.stage === 'callBack' ? 'super_fu_stage_callBack' : 'super_fu_stage_fix'),
            })}
            <button type="button" onClick={onOpen}>
              {t('super_fu_alertOpen')}
            </button>
            <button type="button" class="fu-quiet" onClick={() => dismiss(a)}>
              {t('super_fu_dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
