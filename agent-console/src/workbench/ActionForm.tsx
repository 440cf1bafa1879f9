import type { SubCaseScreen, WorkbenchAction } from '@onething/contract/rest/workbench';
import { WorkbenchRoutes } from '@onething/contract/rest/workbench-routes';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { errorCode } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { pick } from '../i18n/strings.ts';
import { ACTION_KEY, OTHER_REASON } from './workbench-words.ts';

/**
 * The reviewer's action on the sub-case: one of those open in its state, a reason from the
 * item's list (or "other" with a note), and for 补正 the materials and a deadline. It names the
 * version it was shown; when another reviewer acted first the server refuses it and the panel
 * shows the sub-case as it is now.
 */
export function ActionForm({
  caseNumber,
  screen,
  onSending,
  onDone,
  onConflict,
}: {
  caseNumber: string;
  screen: SubCaseScreen;
  /** Called with the version the action is sent against, before it leaves. */
  onSending: (version: number) => void;
  onDone: (fresh: SubCaseScreen, message: string) => void;
  onConflict: (message: string) => void;
}) {
  const { t, tError, lang } = useT();
  const allowed = screen.allowed;
  const [action, setAction] = useState<WorkbenchAction | null>(allowed[0] ?? null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [materials, setMaterials] = useState<string[]>([]);
  const [deadlineDays, setDeadlineDays] = useState(5);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A fresh screen (new version or state) starts the form over.
  useEffect(() => {
    setAction(allowed[0] ?? null);
    setReason('');
    setNote('');
    setMaterials([]);
    setProblem(null);
  }, [screen.subCase.version, screen.subCase.status]);

  if (!action)
    return (
      <section aria-labelledby="bench-actions">
        <h3 id="bench-actions">{t('bench_actions')}</h3>
        <p>{t('bench_action_none')}</p>
      </section>
    );
  const submit = async () => {
    if (!reason) return setProblem(t('bench_choose_reason'));
    if (reason === OTHER_REASON && !note.trim()) return setProblem(t('bench_note_required'));
    if (action === 'requestMaterial' && materials.length === 0)
      return setProblem(t('bench_materials_required'));
    setProblem(null);
    setBusy(true);
    onSending(screen.subCase.version);
    try {
      const fresh = await rest.call(WorkbenchRoutes.act, {
        params: { caseNumber },
        body: {
          action,
          version: screen.subCase.version,
          reasonCode: reason,
          note: note.trim() || null,
          ...(action === 'requestMaterial' ? { materials, deadlineDays } : {}),
        },
      });
      onDone(fresh, t('bench_done_action').replace('{action}', t(ACTION_KEY[action])));
    } catch (e) {
      if (errorCode(e) === 'SUBCASE_VERSION_CONFLICT') onConflict(tError(e));
      else setProblem(tError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="bench-actions" class="bench-actions">
      <h3 id="bench-actions">{t('bench_actions')}</h3>
      {screen.subCase.status === 'more_material' && <p>{t('bench_action_waiting')}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t('bench_action')}</legend>
          {allowed.map((a) => (
            <label key={a} class="bench-radio">
              <input
                type="radio"
                name="bench-action"
                value={a}
                checked={action === a}
                onChange={() => {
                  setAction(a);
                  setReason('');
                }}
              />
              {t(ACTION_KEY[a])}
            </label>
          ))}
        </fieldset>
        <label>
          {t('bench_reason')}
          <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">{t('bench_choose_reason')}</option>
            {screen.reasons[action].map((r) => (
              <option key={r.code} value={r.code}>
                {pick(lang, r.text)}
              </option>
            ))}
            <option value={OTHER_REASON}>{t('bench_reason_other')}</option>
          </select>
        </label>
        {action === 'requestMaterial' && (
          <>
            <fieldset>
              <legend>{t('bench_which_materials')}</legend>
              {screen.materials.map((m) => (
                <label key={m.code} class="bench-check">
                  <input
                    type="checkbox"
                    checked={materials.includes(m.code)}
                    onChange={(e) =>
                      setMaterials((list) =>
                        e.currentTarget.checked
                          ? [...list, m.code]
                          : list.filter((c) => c !== m.code),
                      )
                    }
                  />
                  {pick(lang, m.name)}
                </label>
              ))}
            </fieldset>
            <label>
              {t('bench_deadline_days')}
              <input
                type="number"
                min={1}
                max={60}
                value={deadlineDays}
                onInput={(e) => setDeadlineDays(Number(e.currentTarget.value) || 1)}
              />
            </label>
          </>
        )}
        <label>
          {t('bench_note')}
          <textarea
            rows={3}
            maxLength={500}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        {problem && <p role="alert">{problem}</p>}
        <button type="submit" disabled={busy}>
          {busy ? t('bench_submitting') : t('bench_submit_action')}
        </button>
      </form>
    </section>
  );
}
