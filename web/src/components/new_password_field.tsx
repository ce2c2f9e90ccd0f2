// The field for choosing a new password: a PasswordField with the password rules under it, ticked
// off while the person types and linked from the input's aria-describedby so they are read out.
import { PasswordField } from './password_field';
import { PasswordRules } from './password_rules';
import type { BoundField } from './use_form';

export function NewPasswordField({ field, label, rulesId, email }: { field: BoundField; label: string; rulesId: string; email: string }) {
  return (
    <>
      <PasswordField field={field} label={label} autoComplete="new-password" describedBy={rulesId} />
      <PasswordRules id={rulesId} password={field.value} email={email} />
    </>
  );
}
