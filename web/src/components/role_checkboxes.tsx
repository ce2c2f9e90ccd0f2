// The staff roles as a CheckboxGroup bound to one form field whose value is the comma-joined role
// list, so role errors (roles.empty, roles.invalid) flow through the same form machinery as text fields.
import { kStaffRoles, type StaffRole } from '../api/types';
import { useI18n } from '../i18n/i18n_context';
import { CheckboxGroup, joinChoices, parseChoices } from './checkbox_group';
import type { BoundField } from './use_form';

export function parseRoles(value: string): StaffRole[] {
  return parseChoices(value, kStaffRoles);
}

export function joinRoles(roles: readonly StaffRole[]): string {
  return joinChoices(roles, kStaffRoles);
}

export function RoleCheckboxes({ field, legend }: { field: BoundField; legend: string }) {
  const { t } = useI18n();
  return <CheckboxGroup field={field} legend={legend} options={kStaffRoles} optionLabel={(role) => t(`role.${role}`)} gridClassName="roles__grid" />;
}
