import { AccountRoutes } from '@onething/contract/rest/account-routes';
import { CreateStaffRequest, type Role } from '@onething/contract/rest/staff';
import { useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { fill } from '../seat/format.ts';
import { FieldError, listOf, useFieldErrors } from './field-errors.tsx';
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
        <label>
          {t('username')}
          <input
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            required
            {...errors.described('username')}
          />
          <FieldError errors={errors} field="username" />
        </label>
        <label>
          {t('admin_acc_displayName')}
          <input
            value={displayName}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
            required
            {...errors.described('displayName')}
          />
          <FieldError errors={errors} field="displayName" />
        </label>
        <label>
          {t('admin_acc_tempPassword')}
          <input
            type="password"
            autocomplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
            {...errors.described('password')}
          />
          <FieldError errors={errors} field="password" />
        </label>
        <label>
          {t('admin_acc_department')}
          <input
            value={department}
            onInput={(e) => setDepartment(e.currentTarget.value)}
            {...errors.described('department')}
          />
          <FieldError errors={errors} field="department" />
        </label>
        <label>
          {t('admin_acc_regions')}
          <input
            value={regions}
            onInput={(e) => setRegions(e.currentTarget.value)}
            {...errors.described('regions')}
          />
          <FieldError errors={errors} field="regions" />
        </label>
        <label>
          {t('admin_acc_languages')}
          <input
            value={languages}
            onInput={(e) => setLanguages(e.currentTarget.value)}
            {...errors.described('languages')}
          />
          <FieldError errors={errors} field="languages" />
        </label>
        <RolePicker legend={t('admin_acc_rolesAsked')} value={roles} onChange={setRoles} />
        <FieldError errors={errors} field="roles" />
        {errors.general && <p role="alert">⚠ {errors.general}</p>}
        <button type="submit">{t('admin_acc_create')}</button>
      </form>
    </details>
  );
}
