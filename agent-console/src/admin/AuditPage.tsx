import type { AuditEntry } from '@onething/contract/rest/staff';
import { useEffect, useState } from 'preact/hooks';
import { AuditRoutes } from '@onething/contract/rest/audit-routes';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';

export function AuditPage() {
  const { t, tError, lang } = useT();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    rest
      .call(AuditRoutes.list, { query: { limit: 200 } })
      .then((r) => setEntries(r.entries))
      .catch((e) => setError(tError(e)));
  }, []);
  const fmt = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('auditTitle')}</h2>
      {error && <p role="alert">⚠ {error}</p>}
      {!entries && !error && <p>{t('loading')}</p>}
      {entries && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colTime')}</th>
              <th scope="col">{t('colActor')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colTarget')}</th>
              <th scope="col">{t('colFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{fmt.format(e.at)}</td>
                <td>
                  {e.actorType}
                  {e.actorId ? ` ${e.actorId.slice(0, 8)}` : ''}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
                <td>{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
