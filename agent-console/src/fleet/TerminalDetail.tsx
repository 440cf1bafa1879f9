import type {
  TerminalDetail as Detail,
  Heartbeat,
  TerminalSummary,
} from '@onething/contract/api/fleet';
import { type DeviceDetailCode, deviceDetailText } from '@onething/contract/api/device-detail';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { AlertsTable } from './AlertsTable.tsx';
import { HealthBadge, TimeAgo, ToneBadge } from './Badges.tsx';
import { fleetRequest, onFleet } from './fleet-api.ts';
import { requestErrorText } from '../staff-contract.ts';
import { fill, formatShare, mergeAlert, splitAlerts } from './fleet-store.ts';
import { DEVICE_STATUS, PAPER } from './health.ts';
import { TerminalCommands } from './TerminalCommands.tsx';
import { Timeline } from './Timeline.tsx';

/**
 * One terminal: its live summary (from the list), and the detail fetched from the server, fetched
 * again shortly after anything is pushed about this terminal so timeline and devices stay current.
 */
export function TerminalDetail({
  id,
  live,
  now,
  onBack,
}: {
  id: string;
  live: TerminalSummary | undefined;
  now: number;
  onBack: () => void;
}) {
  const { t, lang } = useT();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    let active = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      fleetRequest('fleet:detail', { terminalId: id }).then(
        (d) => {
          if (!active) return;
          setDetail(d);
          setError(null);
        },
        (e) => active && setError(e),
      );
    // Several pushes about one change (alert, then summary) coalesce into one fetch.
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = null;
        load();
      }, 300);
    };
    const offs = [
      onFleet('fleet:alert', (a) => {
        if (a.terminalId !== id) return;
        setDetail((d) => d && { ...d, alerts: mergeAlert(d.alerts, a) });
        soon();
      }),
      onFleet('fleet:terminal', (s) => s.id === id && soon()),
      onFleet('fleet:commandResult', (r) => r.terminalId === id && soon()),
    ];
    load();
    return () => {
      active = false;
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [id]);

  const summary = live ?? detail?.summary;
  const alerts = splitAlerts(detail?.alerts ?? []);
  const onAcknowledged = (a: Detail['alerts'][number]) =>
    setDetail((d) => d && { ...d, alerts: mergeAlert(d.alerts, a) });

  return (
    <article class="fleet-detail" aria-labelledby="fleet-detail-title">
      <div class="fleet-detail-head">
        <button type="button" class="fleet-secondary" onClick={onBack}>
          <span aria-hidden="true">←</span> {t('fleet_back')}
        </button>
        <h3 id="fleet-detail-title" ref={heading} tabIndex={-1}>
          {summary?.name ?? id} <span class="fleet-id">{id}</span>
        </h3>
        {summary && <HealthBadge health={summary.health} />}
      </div>
      {error !== null && <p role="alert">⚠ {requestErrorText(error, lang)}</p>}
      {!detail && error === null && <p>{t('loading')}</p>}
      {summary && detail && (
        <>
          <div class="fleet-cards">
            <Card title="fleet_sec_summary">
              <Facts
                rows={[
                  ['fleet_field_id', id],
                  ['fleet_field_site', summary.site],
                  ['fleet_field_region', summary.region],
                  ['fleet_field_kind', t(`fleet_kind_${summary.kind}`)],
                  ['fleet_col_status', <HealthBadge key="h" health={summary.health} />],
                  ['fleet_col_paper', <ToneBadge key="p" {...PAPER[summary.paper]} />],
                  ['fleet_col_openAlerts', String(summary.openAlerts)],
                  ['fleet_col_lastSeen', <TimeAgo key="t" at={summary.lastSeenAt} now={now} />],
                ]}
              />
            </Card>
            <Card title="fleet_sec_uptime">
              <Facts
                rows={[
                  ['fleet_uptime24h', formatShare(detail.uptime.last24h) ?? t('fleet_noData')],
                  ['fleet_uptime7d', formatShare(detail.uptime.last7d) ?? t('fleet_noData')],
                ]}
              />
            </Card>
            <Card title="fleet_sec_versions">
              {detail.heartbeat ? (
                <Facts
                  rows={[
                    ['fleet_ver_bridge', detail.heartbeat.versions.bridge],
                    ['fleet_ver_ui', detail.heartbeat.versions.ui ?? '—'],
                    ['fleet_ver_node', detail.heartbeat.versions.node],
                    ['fleet_ver_os', detail.heartbeat.versions.os],
                  ]}
                />
              ) : (
                <p>{t('fleet_noHeartbeat')}</p>
              )}
            </Card>
            <Card title="fleet_sec_resources">
              {detail.heartbeat ? (
                <Resources hb={detail.heartbeat} />
              ) : (
                <p>{t('fleet_noHeartbeat')}</p>
              )}
            </Card>
          </div>

          <section aria-labelledby="fleet-open-alerts">
            <h4 id="fleet-open-alerts">{t('fleet_sec_openAlerts')}</h4>
            <AlertsTable
              alerts={alerts.open}
              labelledBy="fleet-open-alerts"
              empty="fleet_noOpenAlerts"
              onAcknowledged={onAcknowledged}
            />
          </section>

          <TerminalCommands terminal={summary} />

          <section aria-labelledby="fleet-devices">
            <h4 id="fleet-devices">{t('fleet_sec_devices')}</h4>
            {detail.heartbeat ? <Devices hb={detail.heartbeat} /> : <p>{t('fleet_noHeartbeat')}</p>}
          </section>

          <section aria-labelledby="fleet-past-alerts">
            <h4 id="fleet-past-alerts">{t('fleet_sec_pastAlerts')}</h4>
            <AlertsTable
              alerts={alerts.past}
              labelledBy="fleet-past-alerts"
              empty="fleet_noPastAlerts"
              past
              onAcknowledged={onAcknowledged}
            />
          </section>

          <Timeline events={detail.timeline} />
        </>
      )}
    </article>
  );
}

function Card({ title, children }: { title: StringKey; children: ComponentChildren }) {
  const { t } = useT();
  const headingId = `fleet-card-${title}`;
  return (
    <section class="fleet-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{t(title)}</h4>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [StringKey, ComponentChildren][] }) {
  const { t } = useT();
  return (
    <dl class="fleet-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Resources({ hb }: { hb: Heartbeat }) {
  const { t } = useT();
  const r = hb.resources;
  const hours = Math.floor(hb.uptimeSeconds / 3600);
  const minutes = Math.floor((hb.uptimeSeconds % 3600) / 60);
  return (
    <Facts
      rows={[
        ['fleet_res_cpu', r.cpuLoad.toFixed(2)],
        ['fleet_res_memory', `${r.memoryUsedPercent.toFixed(0)}%`],
        ['fleet_res_disk', `${r.diskFreePercent.toFixed(0)}%`],
        ['fleet_res_rtt', hb.rttMs === null ? '—' : `${Math.round(hb.rttMs)} ms`],
        ['fleet_res_running', fill(t('fleet_hours'), { h: hours, m: minutes })],
      ]}
    />
  );
}

function Devices({ hb }: { hb: Heartbeat }) {
  const { t, lang } = useT();
  // Device details arrive as codes of the shared vocabulary, shown in the reader's language.
  const say = (code: DeviceDetailCode | null) => (code ? deviceDetailText(code, lang) : null);
  const d = hb.devices;
  const rp = d.receiptPrinter;
  const rows: [StringKey, Heartbeat['devices']['scanner']['status'], ComponentChildren][] = [
    [
      'fleet_dev_idCardReader',
      d.idCardReader.status,
      join([
        d.idCardReader.cardPresent ? t('fleet_cardPresent') : null,
        say(d.idCardReader.detail),
      ]),
    ],
    [
      'fleet_dev_receiptPrinter',
      rp.status,
      <>
        <ToneBadge {...PAPER[rp.paper]} />{' '}
        {join([t(rp.coverOpen ? 'fleet_coverOpen' : 'fleet_coverClosed'), say(rp.detail)])}
      </>,
    ],
    [
      'fleet_dev_a4Printer',
      d.a4Printer.status,
      join([
        d.a4Printer.queue ? fill(t('fleet_queue'), { q: d.a4Printer.queue }) : null,
        say(d.a4Printer.detail),
      ]),
    ],
    ['fleet_dev_scanner', d.scanner.status, say(d.scanner.detail) ?? ''],
    ['fleet_dev_camera', d.camera.status, say(d.camera.detail) ?? ''],
  ];
  return (
    <table class="fleet-table" aria-labelledby="fleet-devices">
      <thead>
        <tr>
          <th scope="col">{t('fleet_col_device')}</th>
          <th scope="col">{t('fleet_col_status')}</th>
          <th scope="col">{t('fleet_col_detail')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, status, info]) => (
          <tr key={label}>
            <th scope="row">{t(label)}</th>
            <td>
              <ToneBadge {...DEVICE_STATUS[status]} />
            </td>
            <td>{info}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const join = (parts: (string | null)[]) => parts.filter(Boolean).join(' · ');
