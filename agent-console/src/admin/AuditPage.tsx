import { AuditRoutes } from '@onething/contract/rest/audit-routes';
import type { AuditChainStatus, AuditEntry, AuditQuery } from '@onething/contract/rest/staff';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import {
  ACTION_GROUPS,
  actionWords,
  actorWords,
  auditCsv,
  detailsWords,
  targetWords,
} from './audit-words.ts';
import './admin.css';

type Filters = { actorId: string; group: string; targetId: string; since: string; until: string };
const NO_FILTERS: Filters = { actorId: '', group: '', targetId: '', since: '', until: '' };

/** A yyyy-mm-dd date input as epoch ms (local midnight; `endOfDay` for the day's last ms). */
function dayMs(value: string, endOfDay: boolean): number | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  return d.getTime() + (endOfDay ? 86_400_000 - 1 : 0);
}

/**
 * The audit log for the auditor: in words (names and actions), filtered by who, what, when and
 * target, exported as CSV, with the hash chain's verification as a status.
 */
export function AuditPage() {
  const { t, tError, lang } = useT();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [chain, setChain] = useState<AuditChainStatus | null>(null);
  const [chainError, setChainError] = useState<string | null>(null);
  const fmt = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const search = (f: Filters) => {
    const query: AuditQuery = { limit: 500 };
    if (f.actorId) query.actorId = f.actorId;
    if (f.group) query.actionPrefix = `${f.group}.`;
    if (f.targetId.trim()) query.targetId = f.targetId.trim();
    const since = dayMs(f.since, false);
    const until = dayMs(f.until, true);
    if (since !== undefined) query.since = since;
    if (until !== undefined) query.until = until;
    setError(null);
    rest
      .call(AuditRoutes.list, { query })
      .then((r) => {
        setEntries(r.entries);
        // Everyone seen so far stays choosable in "who", by name.
        setPeople((known) => {
          const next = new Map(known);
          for (const e of r.entries) {
            if (e.actorType === 'staff' && e.actorId) next.set(e.actorId, actorWords(e, lang));
          }
          return next;
        });
      })
      .catch((e) => setError(tError(e)));
  };
  const verify = () => {
    setChain(null);
    setChainError(null);
    rest
      .call(AuditRoutes.verify, {})
      .then(setChain)
      .catch((e) => setChainError(tError(e)));
  };
  useEffect(() => {
    search(NO_FILTERS);
    verify();
  }, []);
  const set = (k: keyof Filters) => (e: { currentTarget: { value: string } }) =>
    setFilters({ ...filters, [k]: e.currentTarget.value });
  const exportCsv = () => {
    if (!entries) return;
    const header = [
      t('colTime'),
      t('colActor'),
      t('colAction'),
      'code',
      t('colTarget'),
      t('colFrom'),
      t('admin_audit_details'),
    ];
    const csv = auditCsv(entries, lang, header, (at) => fmt.format(at));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="audit-title" class="admin">
      <h2 id="audit-title">{t('auditTitle')}</h2>
      <ChainStatus chain={chain} error={chainError} onRecheck={verify} />
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          search(filters);
        }}
      >
        <label>
          {t('colActor')}
          <select value={filters.actorId} onChange={set('actorId')}>
            <option value="">{t('admin_audit_any')}</option>
            {[...people].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin_audit_what')}
          <select value={filters.group} onChange={set('group')}>
            <option value="">{t('admin_audit_any')}</option>
            {ACTION_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`admin_audit_group_${g}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin_audit_target')}
          <input value={filters.targetId} onInput={set('targetId')} />
        </label>
        <label>
          {t('admin_audit_since')}
          <input type="date" value={filters.since} onInput={set('since')} />
        </label>
        <label>
          {t('admin_audit_until')}
          <input type="date" value={filters.until} onInput={set('until')} />
        </label>
        <button type="submit">{t('admin_audit_filter')}</button>
        <button type="button" class="secondary" onClick={exportCsv} disabled={!entries?.length}>
          {t('admin_audit_export')}
        </button>
      </form>
      {error && <p role="alert">⚠ {error}</p>}
      {!entries && !error && <p>{t('loading')}</p>}
      {entries && entries.length === 0 && <p>{t('admin_audit_none')}</p>}
      {entries && entries.length > 0 && (
        <table class="audit">
          <caption class="visually-hidden">{t('auditTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colTime')}</th>
              <th scope="col">{t('colActor')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colTarget')}</th>
              <th scope="col">{t('colFrom')}</th>
              <th scope="col">{t('admin_audit_details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{fmt.format(e.at)}</td>
                <td>{actorWords(e, lang)}</td>
                <td title={e.action}>{actionWords(e.action, lang)}</td>
                <td>{targetWords(e, lang)}</td>
                <td>{e.ip ?? '—'}</td>
                <td class="details">{detailsWords(e.details, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const PROBLEM_KEYS = {
  changed: 'admin_audit_problem_changed',
  deleted: 'admin_audit_problem_deleted',
  'chain-broken': 'admin_audit_problem_chainBroken',
  unchained: 'admin_audit_problem_unchained',
  truncated: 'admin_audit_problem_truncated',
  rewritten: 'admin_audit_problem_rewritten',
  'anchor-invalid': 'admin_audit_problem_anchorInvalid',
  'anchor-missing': 'admin_audit_problem_anchorMissing',
} as const satisfies Record<AuditChainStatus['problems'][number]['kind'], StringKey>;

function ChainStatus({
  chain,
  error,
  onRecheck,
}: {
  chain: AuditChainStatus | null;
  error: string | null;
  onRecheck: () => void;
}) {
  const { t } = useT();
  const state = error ? 'unknown' : !chain ? 'checking' : chain.ok ? 'intact' : 'broken';
  return (
    <section class={`panel chain chain-${state}`} aria-labelledby="chain-title">
      <h3 id="chain-title">{t('admin_audit_chain')}</h3>
      <p role="status" data-chain={state}>
        {error && `⚠ ${error}`}
        {!error && !chain && t('admin_audit_chainChecking')}
        {chain?.ok &&
          `✔ ${fill(t(chain.anchors > 0 ? 'admin_audit_chainIntact' : 'admin_audit_chainIntactUnanchored'), { from: chain.firstSeq, to: chain.lastSeq, n: chain.checked, anchors: chain.anchors })}`}
        {chain &&
          !chain.ok &&
          `✖ ${fill(t('admin_audit_chainBroken'), { n: chain.problems.length })}`}
      </p>
      {chain && !chain.ok && (
        <ul>
          {chain.problems.map((p, i) => (
            <li key={i}>{fill(t(PROBLEM_KEYS[p.kind]), { seq: p.seq ?? '—', id: p.id ?? '—' })}</li>
          ))}
        </ul>
      )}
      <button type="button" class="secondary" onClick={onRecheck}>
        {t('admin_audit_recheck')}
      </button>
    </section>
  );
}
