import type { Role } from '@onething/contract/rest/staff';
import { Role as RoleSchema } from '@onething/contract/rest/staff';
import { useT } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';

/** Checkboxes for roles, one per role the contract knows. */
export function RolePicker({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
}) {
  const { t } = useT();
  return (
    <fieldset class="roles">
      <legend>{legend}</legend>
      {RoleSchema.options.map((r) => (
        <label key={r}>
          <input
            type="checkbox"
            name="roles"
            value={r}
            checked={value.includes(r)}
            onChange={(e) =>
              onChange(e.currentTarget.checked ? [...value, r] : value.filter((x) => x !== r))
            }
          />
          {t(`role_${r}` as StringKey)}
        </label>
      ))}
    </fieldset>
  );
}
