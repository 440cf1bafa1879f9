import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { DEVICE_FAULTS, type DeviceFault, type FleetFilter } from './fleet-store.ts';
import { RULE_LABEL } from './health.ts';

const SIMPLE: { kind: 'all' | 'offline' | 'alerts'; label: StringKey }[] = [
  { kind: 'all', label: 'fleet_filter_all' },
  { kind: 'offline', label: 'fleet_filter_offline' },
  { kind: 'alerts', label: 'fleet_filter_alerts' },
];

/** One filter at a time (toggle buttons or a device fault), plus a free-text search. */
export function FleetFilters({
  filter,
  query,
  onFilter,
  onQuery,
}: {
  filter: FleetFilter;
  query: string;
  onFilter: (f: FleetFilter) => void;
  onQuery: (q: string) => void;
}) {
  const { t } = useT();
  return (
    <fieldset class="fleet-filters">
      <legend>{t('fleet_filters')}</legend>
      {SIMPLE.map((f) => (
        <button
          key={f.kind}
          type="button"
          class="fleet-toggle"
          aria-pressed={filter.kind === f.kind}
          onClick={() => onFilter({ kind: f.kind })}
        >
          {t(f.label)}
        </button>
      ))}
      <label class="fleet-field">
        {t('fleet_filter_fault')}
        <select
          value={filter.kind === 'fault' ? filter.rule : ''}
          onChange={(e) => {
            const rule = e.currentTarget.value as DeviceFault | '';
            onFilter(rule ? { kind: 'fault', rule } : { kind: 'all' });
          }}
        >
          <option value="">{t('fleet_filter_fault_none')}</option>
          {DEVICE_FAULTS.map((r) => (
            <option key={r} value={r}>
              {t(RULE_LABEL[r])}
            </option>
          ))}
        </select>
      </label>
      <label class="fleet-field fleet-search">
        {t('fleet_search')}
        <input type="search" value={query} onInput={(e) => onQuery(e.currentTarget.value)} />
      </label>
    </fieldset>
  );
}
