import type {
  RemoteActionKind,
  RemoteActionRequest,
  RemoteActionResult,
} from '@onething/contract/sockets/booth';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.tsx';
import { codeText } from '../i18n/error-text.ts';
import { outcomeText, problemText } from './action-words.ts';
import { fill } from './format.ts';
import { ACTION_LABEL } from './labels.ts';
import {
  type ActionRun,
  type FormRow,
  formFields,
  latestRuns,
  paragraphsOf,
  runStatus,
} from './seat-state.ts';

/**
 * The booth's peripherals, driven by the agent: read the ID card, show a form, capture a
 * material, print, and file the case (收件受理). Each shows where it stands: sent, waiting for
 * the citizen's consent, then done, declined or failed as the booth reports it.
 */
export function RemoteActions({
  runs,
  results,
  onRequest,
}: {
  runs: readonly ActionRun[];
  results: Record<string, RemoteActionResult>;
  onRequest: (action: RemoteActionRequest) => void;
}) {
  const { t } = useT();
  const latest = latestRuns(runs);
  const status = (kind: RemoteActionKind) => {
    const run = latest[kind];
    return run ? <RunLine kind={kind} run={run} results={results} /> : null;
  };
  const busy = (kind: RemoteActionKind) => {
    const run = latest[kind];
    return run ? runStatus(run, results).phase === 'sending' : false;
  };

  return (
    <section class="seat-card" aria-labelledby="seat-actions-title">
      <h3 id="seat-actions-title">{t('seat_actionsTitle')}</h3>
      <p class="seat-hint">{t('seat_actionsHint')}</p>
      <ul class="seat-actions">
        <Slot status={status('readIdCard')}>
          <button
            type="button"
            disabled={busy('readIdCard')}
            onClick={() => onRequest({ kind: 'readIdCard' })}
          >
            {t('seat_act_readIdCard')}
          </button>
        </Slot>
        <Slot status={status('showForm')}>
          <ShowFormEditor disabled={busy('showForm')} onSend={onRequest} />
        </Slot>
        <Slot status={status('captureDocument')}>
          <CaptureForm disabled={busy('captureDocument')} onSend={onRequest} />
        </Slot>
        <Slot status={status('print')}>
          <PrintForm disabled={busy('print')} onSend={onRequest} />
        </Slot>
        <Slot status={status('acceptCase')}>
          <button
            type="button"
            disabled={busy('acceptCase')}
            onClick={() => onRequest({ kind: 'acceptCase' })}
          >
            {t('seat_act_acceptCase')}
          </button>
          <p class="seat-hint">{t('seat_acceptCaseHint')}</p>
        </Slot>
      </ul>
    </section>
  );
}

function Slot({ children, status }: { children: ComponentChildren; status: ComponentChildren }) {
  return (
    <li>
      {children}
      <p class="seat-run" role="status">
        {status}
      </p>
    </li>
  );
}

function RunLine({
  kind,
  run,
  results,
}: {
  kind: RemoteActionKind;
  run: ActionRun;
  results: Record<string, RemoteActionResult>;
}) {
  const { t, lang } = useT();
  const what = `${t(ACTION_LABEL[kind])}${lang === 'zh-CN' ? '：' : ': '}`;
  const s = runStatus(run, results);
  switch (s.phase) {
    case 'sending':
      return <span data-phase="sending">{what + t('seat_run_sending')}</span>;
    case 'error':
      return (
        <span class="seat-bad" data-phase="error">
          <span aria-hidden="true">⚠</span> {what + codeText(s.code, lang)}
        </span>
      );
    case 'pending':
      return (
        <span data-phase="pending">
          <span aria-hidden="true">⋯</span>{' '}
          {what + t(s.needsConsent ? 'seat_run_awaitConsent' : 'seat_run_pending')}
        </span>
      );
    case 'done':
      return (
        <span class="seat-good" data-phase="done">
          <span aria-hidden="true">✔</span>{' '}
          {what +
            (s.caseNumber
              ? fill(t('seat_run_caseAccepted'), { caseNumber: s.caseNumber })
              : t('seat_run_done'))}
          {s.outcome && <span class="seat-sub">{outcomeText(s.outcome, lang)}</span>}
        </span>
      );
    case 'declined':
      return (
        <span class="seat-bad" data-phase="declined">
          <span aria-hidden="true">⊘</span> {what + t('seat_run_declined')}
        </span>
      );
    case 'failed':
      return (
        <span class="seat-bad" data-phase="failed">
          <span aria-hidden="true">✖</span> {what + t('seat_run_failed')}
          {s.problem && <span class="seat-sub">{problemText(s.problem, lang)}</span>}
        </span>
      );
  }
}

const EMPTY_ROW: FormRow = { label: '', value: '' };
/** What the contract allows: a title of 100 characters, 30 rows, labels 60, values 500. */
const FORM_LIMITS = { title: 100, rows: 30, label: 60, value: 500 };

function ShowFormEditor({
  disabled,
  onSend,
}: {
  disabled: boolean;
  onSend: (a: RemoteActionRequest) => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [rows, setRows] = useState<FormRow[]>([{ ...EMPTY_ROW }]);
  const [problem, setProblem] = useState<string | null>(null);

  const setRow = (i: number, patch: Partial<FormRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = (e: Event) => {
    e.preventDefault();
    const fields = formFields(rows);
    if (!title.trim()) return setProblem(t('seat_form_needTitle'));
    if (fields.length === 0) return setProblem(t('seat_form_needRow'));
    setProblem(null);
    onSend({ kind: 'showForm', title: title.trim(), fields });
  };

  if (!open) {
    return (
      <button type="button" aria-expanded="false" onClick={() => setOpen(true)}>
        {t('seat_act_showForm')}
      </button>
    );
  }
  return (
    <form class="seat-subform" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('seat_act_showForm')}</legend>
        <label class="seat-field">
          {t('seat_form_title')}
          <input
            value={title}
            maxLength={FORM_LIMITS.title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <table class="seat-rows">
          <thead>
            <tr>
              <th scope="col">{t('seat_form_label')}</th>
              <th scope="col">{t('seat_form_value')}</th>
              <th scope="col">
                <span class="seat-sr">{t('seat_form_remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // Rows have no identity of their own; the index is their place in the form.
              <tr key={i}>
                <td>
                  <input
                    aria-label={fill(t('seat_form_labelN'), { n: i + 1 })}
                    value={r.label}
                    maxLength={FORM_LIMITS.label}
                    onInput={(e) => setRow(i, { label: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={fill(t('seat_form_valueN'), { n: i + 1 })}
                    value={r.value}
                    maxLength={FORM_LIMITS.value}
                    onInput={(e) => setRow(i, { value: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="seat-secondary"
                    aria-label={fill(t('seat_form_removeN'), { n: i + 1 })}
                    disabled={rows.length === 1}
                    onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                  >
                    ✖
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {problem && <p role="alert">⚠ {problem}</p>}
        <div class="seat-row">
          <button
            type="button"
            class="seat-secondary"
            disabled={rows.length >= FORM_LIMITS.rows}
            onClick={() => setRows((rs) => [...rs, { ...EMPTY_ROW }])}
          >
            {t('seat_form_addRow')}
          </button>
          <button type="submit" disabled={disabled}>
            {t('seat_form_send')}
          </button>
          <button type="button" class="seat-secondary" onClick={() => setOpen(false)}>
            {t('seat_cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function CaptureForm({
  disabled,
  onSend,
}: {
  disabled: boolean;
  onSend: (a: RemoteActionRequest) => void;
}) {
  const { t } = useT();
  const [material, setMaterial] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!material.trim()) return setProblem(t('seat_capture_needMaterial'));
    setProblem(null);
    onSend({ kind: 'captureDocument', material: material.trim() });
  };
  return (
    <form class="seat-subform seat-inline" onSubmit={submit} noValidate>
      <label class="seat-field">
        {t('seat_capture_material')}
        <input
          value={material}
          maxLength={100}
          placeholder={t('seat_capture_example')}
          onInput={(e) => setMaterial(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={disabled}>
        {t('seat_act_captureDocument')}
      </button>
      {problem && <p role="alert">⚠ {problem}</p>}
    </form>
  );
}

function PrintForm({
  disabled,
  onSend,
}: {
  disabled: boolean;
  onSend: (a: RemoteActionRequest) => void;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const paragraphs = paragraphsOf(text);
    if (!title.trim()) return setProblem(t('seat_print_needTitle'));
    if (paragraphs.length === 0) return setProblem(t('seat_print_needText'));
    if (paragraphs.length > 40 || paragraphs.some((p) => p.length > 2000)) {
      return setProblem(t('seat_print_tooLong'));
    }
    setProblem(null);
    onSend({ kind: 'print', title: title.trim(), paragraphs });
  };
  if (!open) {
    return (
      <button type="button" aria-expanded="false" onClick={() => setOpen(true)}>
        {t('seat_act_print')}
      </button>
    );
  }
  return (
    <form class="seat-subform" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('seat_act_print')}</legend>
        <label class="seat-field">
          {t('seat_print_title')}
          <input value={title} maxLength={60} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="seat-field">
          {t('seat_print_text')}
          <textarea
            rows={4}
            value={text}
            maxLength={20_000}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        {problem && <p role="alert">⚠ {problem}</p>}
        <div class="seat-row">
          <button type="submit" disabled={disabled}>
            {t('seat_print_send')}
          </button>
          <button type="button" class="seat-secondary" onClick={() => setOpen(false)}>
            {t('seat_cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
