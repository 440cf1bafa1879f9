import { AccountRoutes } from '@onething/contract/rest/account-routes';
import { CreateStaffRequest, type Role } from '@onething/contract/rest/staff';
import { useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { fill } from '../seat/format.ts';
import { FieldError, listOf, TextField, useFieldErrors } from './field-errors.tsx';
import { RolePicker } from './RolePicker.tsx';

/** The system administrator's new-account form; the roles asked for wait for approval. */
export function CreateAccountForm({ onCreated }: { onCreated: (message: string) => void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [department, setDepartment] = useState('');
  const [regions, setRegions] = useState('');
  const [languages, setLanguages] = useState('zh-CN');
  const [roles, setRoles] = useState<Role[]>([]);
  const errors = useFieldErrors();
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      username,
      displayName,
      password,
      roles,
      department: department.trim() || null,
      regions: listOf(regions),
      languages: listOf(languages),
    };
    await errors.run(
      async () => {
        await rest.call(AccountRoutes.create, { body });
        onCreated(fill(t('admin_acc_created'), { name: displayName }));
        setUsername('');
        setDisplayName('');
        setPassword('');
        setRoles([]);
      },
      { schema: CreateStaffRequest, value: body },
    );
  };
  return (
    <details class="panel">
      <summary>{t('admin_acc_create')}</summary>
      <p>{t('admin_acc_createHint')}</p>
      <form class="grid-form" onSubmit={submit}>
        <TextField
          label={t('username')}
          field="username"
          errors={errors}
          value={username}
          onValue={setUsername}
          required
        />
        <TextField
          label={t('admin_acc_displayName')}
          field="displayName"
          errors={errors}
          value={displayName}
          onValue={setDisplayName}
          required
        />
        <TextField
          label={t('admin_acc_tempPassword')}
          field="password"
          errors={errors}
          value={password}
          onValue={setPassword}
          type="password"
          required
        />
        <TextField
          label={t('admin_acc_department')}
          field="department"
          errors={errors}
          value={department}
          onValue={setDepartment}
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
        <RolePicker legend={t('admin_acc_rolesAsked')} value={roles} onChange={setRoles} />
        <FieldError errors={errors} field="roles" />
        {errors.general && <p role="alert">⚠ {errors.general}</p>}
        <button type="submit">{t('admin_acc_create')}</button>
      </form>
    </details>
  );
}
