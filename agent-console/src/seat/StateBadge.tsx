import type { AgentStateName } from '@onething/contract/sockets/booth';
import { useT } from '../i18n/i18n.tsx';
import { AGENT_STATE } from './labels.ts';

/** An agent state as shape + word on a tinted background; the colour only repeats the word. */
export function StateBadge({ state }: { state: AgentStateName }) {
  const { t } = useT();
  const s = AGENT_STATE[state];
  return (
    <span class={`seat-badge seat-tone-${s.tone}`} data-state={state}>
      <span class="seat-icon" aria-hidden="true">
        {s.icon}
      </span>
      {t(s.label)}
    </span>
  );
}
