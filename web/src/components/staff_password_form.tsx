// Staff password change (POST /api/v1/staff/auth/password): new password twice, the current (or
// one-time) password and a fresh authenticator code. Used for the first sign-in and later changes.
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n_context';
import { useApi } from '../session/services';
import { collectErrors, validateCode, validateConfirmation, validatePassword, validateRequired } from '../validation/validators';
import { FormAlert } from './alerts';
import { CodeField } from './code_field';
import { NewPasswordField } from './new_password_field';
import { PasswordField } from './password_field';
import { SubmitButton } from './submit_button';
import { useForm } from './use_form';

interface Props {
  formId: string;
  email: string;
  currentLabel: string;
  initialCurrent?: string;
  totpHint: string;
  submitLabel: string;
  /** Ask for the current password before the new one (later changes); first sign-in asks last. */
  currentFirst?: boolean;
  onDone: (account: Me) => void;
}

export function StaffPasswordForm(props: Props) {
  const { formId, email, currentLabel, initialCurrent = '', totpHint, submitLabel, currentFirst = false, onDone } = props;
  const { t } = useI18n();
  const api = useApi();
  // Key order is focus order for "first invalid field", so it follows the on-screen order.
  const form = useForm(
    formId,
    currentFirst
      ? { password: initialCurrent, new_password: '', confirm: '', totp: '' }
      : { new_password: '', confirm: '', password: initialCurrent, totp: '' },
  );
  const rulesId = `${formId}-rules`;

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const { new_password: next, confirm, password, totp } = form.values;
    const codes = collectErrors({
      new_password: validatePassword(next, email),
      confirm: validateConfirmation(next, confirm),
      password: validateRequired(password),
      totp: validateCode(totp),
    });
    if (form.reject(codes)) return;
    const ok = await form.submit(async () => {
      const { account } = await api.staffChangePassword(email, password, next, totp.trim());
      onDone(account);
    });
    // A rejected code may have been consumed; make the person enter a fresh one.
    if (!ok) form.setValue('totp', '');
  };

  const current = <PasswordField field={form.bind('password')} label={currentLabel} autoComplete="current-password" />;

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <FormAlert error={form.formError} context="staff" />
      {currentFirst ? current : null}
      <NewPasswordField field={form.bind('new_password')} label={t('staffPassword.new')} rulesId={rulesId} email={email} />
      <PasswordField field={form.bind('confirm')} label={t('staffPassword.confirm')} autoComplete="new-password" />
      {currentFirst ? null : current}
      <CodeField field={form.bind('totp')} label={t('staffLogin.totp')} hint={totpHint} />
      <SubmitButton busy={form.busy}>{submitLabel}</SubmitButton>
    </form>
  );
}
