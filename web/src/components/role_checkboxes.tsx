// A fieldset of role checkboxes bound to one form field whose value is the comma-joined role list,
// so role errors (roles.empty, roles.invalid) flow through the same form machinery as text fields.
import { kStaffRoles, type StaffRole } from '../api/types';
import { useI18n } from '../i18n/i18n_context';
import type { BoundField } from './use_form';

export function parseRoles(value: string): StaffRole[] {
  const chosen = new Set(value.split(',').filter((r) => r !== ''));
  return kStaffRoles.filter((r) => chosen.has(r));
}

export function joinRoles(roles: readonly StaffRole[]): string {
  return kStaffRoles.filter((r) => roles.includes(r)).join(',');
}

export function RoleCheckboxes({ field, legend }: { field: BoundField; legend: string }) {
  const { t } = useI18n();
  const roles = parseRoles(field.value);
  const errorId = `${field.id}-error`;
  const toggle = (role: StaffRole, on: boolean) => {
    const next = on ? [...roles, role] : roles.filter((r) => r !== role);
    field.onChange(joinRoles(next));
  };
  return (
    <fieldset
      className={field.error !== null ? 'field roles field--invalid' : 'field roles'}
      aria-describedby={errorId}
      aria-invalid={field.error !== null ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className="roles__grid">
        {kStaffRoles.map((role, index) => {
          const id = `${field.id}-${role}`;
          return (
            <div className="check" key={role}>
              <input
                id={id}
                type="checkbox"
                ref={index === 0 ? field.inputRef : undefined}
                checked={roles.includes(role)}
                onChange={(e) => toggle(role, e.target.checked)}
              />
              <label htmlFor={id}>{t(`role.${role}`)}</label>
            </div>
          );
        })}
      </div>
      <p className="field__error" id={errorId} aria-live="polite">
        {field.error}
      </p>
    </fieldset>
  );
}
