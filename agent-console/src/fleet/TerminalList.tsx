import type { TerminalSummary } from '@onething/contract/sockets/fleet';
import { regionName } from '@onething/contract/regions';
import { useT } from '../i18n/i18n.tsx';
import { HealthBadge, TimeAgo, ToneBadge } from './Badges.tsx';
import { fill, groupByRegionAndSite } from './fleet-store.ts';
import { PAPER, ruleLabel } from './health.ts';

/** The id of a terminal's button, so focus can return to it from the detail view. */
export const terminalButtonId = (id: string) => `fleet-open-${id}`;

/** Terminals grouped by region, then site: one table per site. */
export function TerminalList({
  terminals,
  now,
  onOpen,
}: {
  terminals: readonly TerminalSummary[];
  now: number;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useT();
  return (
    <div class="fleet-groups">
      {groupByRegionAndSite(terminals).map((region, ri) => (
        <section key={region.region} aria-labelledby={`fleet-region-${ri}`}>
          <h3 id={`fleet-region-${ri}`}>
            {fill(t('fleet_region'), {
              code: regionName(region.region, lang),
            })}
          </h3>
          {region.sites.map((site, si) => {
            const headingId = `fleet-site-${ri}-${si}`;
            return (
              <section key={site.site} aria-labelledby={headingId} class="fleet-site">
                <h4 id={headingId}>{site.site}</h4>
                <table aria-labelledby={headingId} class="fleet-table fleet-list-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('fleet_col_terminal')}</th>
                      <th scope="col">{t('fleet_col_status')}</th>
                      <th scope="col">{t('fleet_col_paper')}</th>
                      <th scope="col">{t('fleet_col_openAlerts')}</th>
                      <th scope="col">{t('fleet_col_lastSeen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {site.terminals.map((term) => (
                      <tr key={term.id} data-terminal={term.id}>
                        <th scope="row">
                          <button
                            type="button"
                            id={terminalButtonId(term.id)}
                            class="fleet-link"
                            onClick={() => onOpen(term.id)}
                          >
                            <span>{term.name}</span>
                            <span class="fleet-id">{term.id}</span>
                          </button>
                        </th>
                        <td>
                          <HealthBadge health={term.health} />
                        </td>
                        <td>
                          <ToneBadge {...PAPER[term.paper]} />
                        </td>
                        <td>
                          <span class="fleet-count">{term.openAlerts}</span>
                          {term.faults.length > 0 && (
                            <span class="fleet-faults">
                              {term.faults
                                .map((f) => {
                                  const key = ruleLabel(f);
                                  return key ? t(key) : f;
                                })
                                .join(lang === 'zh-CN' ? '、' : ', ')}
                            </span>
                          )}
                        </td>
                        <td>
                          <TimeAgo at={term.lastSeenAt} now={now} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </section>
      ))}
    </div>
  );
}
