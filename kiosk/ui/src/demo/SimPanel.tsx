import { useState } from 'preact/hooks';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { DEMO_PEOPLE, electronicIdCode } from './demo-people.ts';
import type { SimResult } from './demo-simulator.ts';

type Fault = 'none' | 'badChecksum' | 'unreadable' | 'expired';
type Paper = 'ok' | 'near_end' | 'out';

/**
 * Demo-mode controls for the simulated devices. Shown only when the bridge accepts sim:*
 * requests (a bridge on real hardware refuses them with FORBIDDEN).
 */
export function SimPanel() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const [personId, setPersonId] = useState('');
  const [fault, setFault] = useState<Fault>('none');
  const [scanText, setScanText] = useState('');
  const [paper, setPaper] = useState<Paper>('ok');
  const [result, setResult] = useState<SimResult | null>(null);
  if (!s.demo) return null;

  const f = fault === 'none' ? undefined : fault;
  const run = async (p: Promise<SimResult>) => setResult(await p);

  return (
    <aside class="sim-panel" aria-labelledby="sim-h">
      <h2 id="sim-h" class="visually-hidden">
        {t('sim.title')}
      </h2>
      <button
        type="button"
        class="btn btn-small"
        aria-expanded={s.simPanelOpen}
        aria-controls="sim-body"
        onClick={() => session.demo.simPanel(!s.simPanelOpen)}
      >
        {t('sim.toggle')}
      </button>
      {s.simPanelOpen && (
        <div id="sim-body" class="sim-body">
          <p class="strong">{t('sim.title')}</p>
          <label for="sim-fault">{t('sim.fault')}</label>
          <select
            id="sim-fault"
            value={fault}
            onChange={(e) => setFault(e.currentTarget.value as Fault)}
          >
            {(['none', 'badChecksum', 'unreadable', 'expired'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`sim.fault.${v}`)}
              </option>
            ))}
          </select>
          <p class="strong" id="sim-people-h">
            {t('sim.people')}
          </p>
          <ul class="sim-people" aria-labelledby="sim-people-h">
            {DEMO_PEOPLE.map((p) => (
              <li key={p.idNumber}>
                <span id={`sim-p-${p.idNumber}`}>
                  {t('sim.person', { name: p.name, story: pick(s.lang, p.story) })}
                </span>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-describedby={`sim-p-${p.idNumber}`}
                  onClick={() =>
                    void run(
                      session.demo.sim({
                        kind: 'placePerson',
                        personId: p.idNumber,
                        ...(f && { fault: f }),
                      }),
                    )
                  }
                >
                  {t('sim.placeCardOf')}
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-describedby={`sim-p-${p.idNumber}`}
                  onClick={() =>
                    void run(session.demo.sim({ kind: 'scan', text: electronicIdCode(p.idNumber) }))
                  }
                >
                  {t('sim.eidOf')}
                </button>
              </li>
            ))}
          </ul>
          <label for="sim-person">{t('sim.personId')}</label>
          <input
            id="sim-person"
            type="text"
            autoComplete="off"
            value={personId}
            onInput={(e) => setPersonId(e.currentTarget.value)}
          />
          <button
            type="button"
            class="btn btn-small"
            disabled={!personId.trim()}
            onClick={() =>
              void run(
                session.demo.sim({
                  kind: 'placePerson',
                  personId: personId.trim(),
                  ...(f && { fault: f }),
                }),
              )
            }
          >
            {t('sim.placePerson')}
          </button>
          <button
            type="button"
            class="btn btn-small"
            onClick={() =>
              void run(session.demo.sim({ kind: 'placeRandom', ...(f && { fault: f }) }))
            }
          >
            {t('sim.placeRandom')}
          </button>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => void run(session.demo.sim({ kind: 'remove' }))}
          >
            {t('sim.remove')}
          </button>
          <label for="sim-scan">{t('sim.scanText')}</label>
          <input
            id="sim-scan"
            type="text"
            autoComplete="off"
            value={scanText}
            onInput={(e) => setScanText(e.currentTarget.value)}
          />
          <button
            type="button"
            class="btn btn-small"
            disabled={!scanText.trim()}
            onClick={() => void run(session.demo.sim({ kind: 'scan', text: scanText.trim() }))}
          >
            {t('sim.scan')}
          </button>
          <label for="sim-paper">{t('sim.paper')}</label>
          <select
            id="sim-paper"
            value={paper}
            onChange={(e) => setPaper(e.currentTarget.value as Paper)}
          >
            {(['ok', 'near_end', 'out'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`sim.paper.${v}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => void run(session.demo.sim({ kind: 'paper', paper }))}
          >
            {t('sim.setPaper')}
          </button>
          <output class="sim-result" aria-live="polite">
            {result && (result.ok ? t('sim.ok') : t('sim.failed', { message: result.message }))}
          </output>
        </div>
      )}
    </aside>
  );
}
