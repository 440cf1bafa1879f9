import { AccountRoutes } from '@onething/contract/rest/account-routes';
import {
  type AccountView,
  EditAccountRequest,
  ResetPasswordRequest,
  type Role,
  SetRolesRequest,
} from '@onething/contract/rest/staff';
import { useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { fill } from '../seat/format.ts';
import { FieldError, listOf, TextField, useFieldErrors } from './field-errors.tsx';
import { RolePicker } from './RolePicker.tsx';

export type AccountTask = { kind: 'edit' | 'reset' | 'roles'; account: AccountView };

/** The form for one task on one account: edit, reset the password, or change roles. */
export function AccountForms({
  task,
  onCancel,
  onDone,
}: {
  task: AccountTask;
  onCancel: () => void;
  /** A message template; `{name}` is the account's name. */
  onDone: (message: string) => void;
}) {
  const { t } = useT();
  const a = task.account;
  const title =
    task.kind === 'roles'
      ? fill(t('admin_acc_rolesTitle'), { name: a.displayName })
      : task.kind === 'reset'
        ? `${t('admin_acc_reset')} · ${a.displayName}`
        : fill(t('admin_acc_editTitle'), { name: a.displayName });
  return (
    <section class="panel" aria-labelledby="task-title">
      <h3 id="task-title">{title}</h3>
      {task.kind === 'edit' && (
        <EditForm key={a.id} account={a} onCancel={onCancel} onDone={onDone} />
      )}
      {task.kind === 'reset' && (
        <ResetForm key={a.id} account={a} onCancel={onCancel} onDone={onDone} />
      )}
      {task.kind === 'roles' && (
        <RolesForm key={a.id} account={a} onCancel={onCancel} onDone={onDone} />
      )}
    </section>
  );
}

interface FormProps {
  account: AccountView;
  onCancel: () => void;
  onDone: (message: string) => void;
}

function Buttons({ onCancel, label }: { onCancel: () => void; label: string }) {
  const { t } = useT();
  return (
    <div class="buttons">
      <button type="submit">{label}</button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t('admin_acc_cancel')}
      </button>
    </div>
  );
}

function EditForm({ account, onCancel, onDone }: FormProps) {
  const { t } = useT();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [regions, setRegions] = useState(account.regions.join(', '));
  const [languages, setLanguages] = useState(account.languages.join(', '));
  const errors = useFieldErrors();
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { displayName, regions: listOf(regions), languages: listOf(languages) };
    void errors.run(
      async () => {
        await rest.call(AccountRoutes.edit, { params: { id: account.id }, body });
        onDone(t('admin_acc_saved'));
      },
      { schema: EditAccountRequest, value: body },
    );
  };
  return (
    <form class="grid-form" onSubmit={submit}>
      <TextField
        label={t('admin_acc_displayName')}
        field="displayName"
        errors={errors}
        value={displayName}
        onValue={setDisplayName}
      />
      <TextField
        label={t('admin_acc_regions')}
        field="regions"
        errors={errors}
        value={regions}
        onValue={setRegions}
      />
      <TextField
        label={t('admin_acc_languages')}
        field="languages"
        errors={errors}
        value={languages}
        onValue={setLanguages}
      />
      {errors.general && <p role="alert">⚠ {errors.general}</p>}
      <Buttons onCancel={onCancel} label={t('admin_acc_save')} />
    </form>
  );
}

function ResetForm({ account, onCancel, onDone }: FormProps) {
  const { t } = useT();
  const [password, setPassword] = useState('');
  const errors = useFieldErrors();
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { password };
    void errors.run(
      async () => {
        await rest.call(AccountRoutes.resetPassword, { params: { id: account.id }, body });
        onDone(t('admin_acc_resetDone'));
      },
      { schema: ResetPasswordRequest, value: body },
    );
  };
  return (
    <form class="grid-form" onSubmit={submit}>
      <TextField
        label={t('admin_acc_tempPassword')}
        field="password"
        errors={errors}
        value={password}
        onValue={setPassword}
        type="password"
        required
      />
      {errors.general && <p role="alert">⚠ {errors.general}</p>}
      <Buttons onCancel={onCancel} label={t('admin_acc_reset')} />
    </form>
  );
}

function RolesForm({ account, onCancel, onDone }: FormProps) {
  const { t } = useT();
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [department, setDepartment] = useState(account.department ?? '');
  const errors = useFieldErrors();
  const submit = (e: Event) => {
    e.preventDefault();
    const body = { roles, department: department.trim() || null };
    void errors.run(
      async () => {
        const res = await rest.call(AccountRoutes.setRoles, { params: { id: account.id }, body });
        onDone(res.pending ? t('admin_acc_rolesPending') : t('admin_acc_rolesApplied'));
      },
      { schema: SetRolesRequest, value: body },
    );
  };
  return (
    <form class="grid-form" onSubmit={submit}>
      <p class="hint">{t('admin_acc_rolesHint')}</p>
      <RolePicker legend={t('colRoles')} value={roles} onChange={setRoles} />
      <FieldError errors={errors} field="roles" />
      <TextField
        label={t('admin_acc_department')}
        field="department"
        errors={errors}
        value={department}
        onValue={setDepartment}
      />
      {errors.general && <p role="alert">⚠ {errors.general}</p>}
      <Buttons onCancel={onCancel} label={t('admin_acc_save')} />
    </form>
  );
}
