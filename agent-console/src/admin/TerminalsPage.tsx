import { TerminalAdminRoutes } from '@onething/contract/rest/terminal-routes';
import {
  EditTerminalRequest,
  type EnrolmentCodeResponse,
  RegisterTerminalRequest,
  type TerminalKind,
  type TerminalView,
} from '@onething/contract/rest/terminals';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { fill } from '../seat/format.ts';
import { FieldError, useFieldErrors } from './field-errors.tsx';
import { QrCode } from './QrCode.tsx';
import './admin.css';

/**
 * Terminals for the system administrator: register, issue a one-time enrolment code (text and
 * QR), rename and move, revoke; each terminal's enrolment state.
 */
export function TerminalsPage() {
  const { t, tError } = useT();
  const [terminals, setTerminals] = useState<TerminalView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<EnrolmentCodeResponse | null>(null);
  const [editing, setEditing] = useState<TerminalView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () =>
    rest
      .call(TerminalAdminRoutes.list, {})
      .then((r) => setTerminals(r.terminals))
      .catch((e) => setError(tError(e)));
  useEffect(() => {
    void load();
  }, []);
  const issue = async (term: TerminalView) => {
    try {
      setCode(
        await rest.call(TerminalAdminRoutes.issueEnrolmentCode, {
          params: { id: term.id },
          body: {},
        }),
      );
      void load();
    } catch (e) {
      setError(tError(e));
    }
  };
  const revoke = async (term: TerminalView) => {
    if (!window.confirm(fill(t('admin_term_revokeConfirm'), { name: term.name }))) return;
    try {
      await rest.call(TerminalAdminRoutes.revoke, { params: { id: term.id }, body: {} });
      void load();
    } catch (e) {
      setError(tError(e));
    }
  };
  return (
    <section aria-labelledby="terminals-title" class="admin">
      <h2 id="terminals-title">{t('admin_term_title')}</h2>
      <p role="status" class="notice">
        {notice}
      </p>
      {error && <p role="alert">⚠ {error}</p>}
      {code && <EnrolmentCode code={code} onDone={() => setCode(null)} />}
      <RegisterForm
        onRegistered={(c) => {
          setCode(c);
          void load();
        }}
      />
      {editing && (
        <EditTerminalForm
          key={editing.id}
          terminal={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('admin_acc_saved'));
            void load();
          }}
        />
      )}
      {!terminals && !error && <p>{t('loading')}</p>}
      {terminals && (
        <table>
          <caption class="visually-hidden">{t('admin_term_title')}</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{t('admin_term_name')}</th>
              <th scope="col">{t('admin_term_site')}</th>
              <th scope="col">{t('admin_term_region')}</th>
              <th scope="col">{t('admin_term_kind')}</th>
              <th scope="col">{t('admin_term_state')}</th>
              <th scope="col">{t('admin_acc_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {terminals.map((term) => (
              <tr key={term.id} data-terminal={term.id}>
                <td>{term.id}</td>
                <td>{term.name}</td>
                <td>{term.site}</td>
                <td>{term.region}</td>
                <td>{t(`admin_term_kind_${term.kind}` as StringKey)}</td>
                <td>
                  <span class={`badge state-${term.enrolment}`}>
                    {t(`admin_term_state_${term.enrolment}` as StringKey)}
                  </span>
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    aria-label={`${t('admin_term_issueCode')} ${term.id}`}
                    onClick={() => void issue(term)}
                  >
                    {t('admin_term_issueCode')}
                  </button>
                  <button
                    type="button"
                    aria-label={`${t('admin_term_edit')} ${term.id}`}
                    onClick={() => setEditing(term)}
                  >
                    {t('admin_term_edit')}
                  </button>
                  {term.enrolment !== 'revoked' && (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${t('admin_term_revoke')} ${term.id}`}
                      onClick={() => void revoke(term)}
                    >
                      {t('admin_term_revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EnrolmentCode({ code, onDone }: { code: EnrolmentCodeResponse; onDone: () => void }) {
  const { t, lang } = useT();
  const until = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(code.expiresAt);
  return (
    <section class="panel enrolment-code" aria-labelledby="code-title">
      <h3 id="code-title">{fill(t('admin_term_codeTitle'), { name: code.terminal.name })}</h3>
      <p>{fill(t('admin_term_codeHint'), { until })}</p>
      <div class="code-row">
        <QrCode data={code.enrolmentCode} label={t('admin_term_codeQr')} />
        <p>
          <span class="terminal-id">{code.terminal.id}</span>
          <output class="code" data-testid="enrolment-code">
            {code.enrolmentCode}
          </output>
        </p>
      </div>
      <button type="button" onClick={onDone}>
        {t('admin_term_codeDone')}
      </button>
    </section>
  );
}

function RegisterForm({ onRegistered }: { onRegistered: (c: EnrolmentCodeResponse) => void }) {
  const { t } = useT();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [site, setSite] = useState('');
  const [region, setRegion] = useState('440113');
  const [kind, setKind] = useState<TerminalKind>('terminal');
  const errors = useFieldErrors();
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { id: id.trim(), name, site, region: region.trim(), kind };
    void errors.run(
      async () => {
        onRegistered(await rest.call(TerminalAdminRoutes.register, { body }));
        setId('');
        setName('');
      },
      { schema: RegisterTerminalRequest, value: body },
    );
  };
  return (
    <details class="panel">
      <summary>{t('admin_term_register')}</summary>
      <form class="grid-form" onSubmit={submit}>
        <label>
          {t('admin_term_id')}
          <input
            value={id}
            onInput={(e) => setId(e.currentTarget.value.toUpperCase())}
            required
            {...errors.described('id')}
          />
          <FieldError errors={errors} field="id" />
        </label>
        <TerminalPlaceFields
          errors={errors}
          name={[name, setName]}
          site={[site, setSite]}
          region={[region, setRegion]}
        />
        <label>
          {t('admin_term_kind')}
          <select
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value === 'booth' ? 'booth' : 'terminal')}
          >
            <option value="terminal">{t('admin_term_kind_terminal')}</option>
            <option value="booth">{t('admin_term_kind_booth')}</option>
          </select>
        </label>
        {errors.general && <p role="alert">⚠ {errors.general}</p>}
        <button type="submit">{t('admin_term_register')}</button>
      </form>
    </details>
  );
}

type Field = [string, (v: string) => void];

function TerminalPlaceFields({
  errors,
  name,
  site,
  region,
}: {
  errors: ReturnType<typeof useFieldErrors>;
  name: Field;
  site: Field;
  region: Field;
}) {
  const { t } = useT();
  return (
    <>
      <label>
        {t('admin_term_name')}
        <input
          value={name[0]}
          onInput={(e) => name[1](e.currentTarget.value)}
          required
          {...errors.described('name')}
        />
        <FieldError errors={errors} field="name" />
      </label>
      <label>
        {t('admin_term_site')}
        <input
          value={site[0]}
          onInput={(e) => site[1](e.currentTarget.value)}
          required
          {...errors.described('site')}
        />
        <FieldError errors={errors} field="site" />
      </label>
      <label>
        {t('admin_term_region')}
        <input
          value={region[0]}
          onInput={(e) => region[1](e.currentTarget.value)}
          required
          {...errors.described('region')}
        />
        <FieldError errors={errors} field="region" />
      </label>
    </>
  );
}

function EditTerminalForm({
  terminal,
  onCancel,
  onSaved,
}: {
  terminal: TerminalView;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useT();
  const [name, setName] = useState(terminal.name);
  const [site, setSite] = useState(terminal.site);
  const [region, setRegion] = useState(terminal.region);
  const errors = useFieldErrors();
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { name, site, region: region.trim() };
    void errors.run(
      async () => {
        await rest.call(TerminalAdminRoutes.edit, { params: { id: terminal.id }, body });
        onSaved();
      },
      { schema: EditTerminalRequest, value: body },
    );
  };
  return (
    <section class="panel" aria-labelledby="term-edit-title">
      <h3 id="term-edit-title">
        {t('admin_term_edit')} · {terminal.id}
      </h3>
      <form class="grid-form" onSubmit={submit}>
        <TerminalPlaceFields
          errors={errors}
          name={[name, setName]}
          site={[site, setSite]}
          region={[region, setRegion]}
        />
        {errors.general && <p role="alert">⚠ {errors.general}</p>}
        <div class="buttons">
          <button type="submit">{t('admin_acc_save')}</button>
          <button type="button" class="secondary" onClick={onCancel}>
            {t('admin_acc_cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
