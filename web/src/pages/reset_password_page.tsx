// /reset-password: address + code + new password (twice). Success revokes every session on the
// server, so the person is sent to /login with a "password changed" notice.
import { AuthCard } from '../components/auth_card';
import { FormAlert, StatusNote } from '../components/alerts';
import { CodeField } from '../components/code_field';
import { EmailField } from '../components/email_field';
import { NewPasswordField } from '../components/new_password_field';
import { PasswordField } from '../components/password_field';
import { SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { useI18n } from '../i18n/i18n_context';
import { useNavState, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { useSession } from '../session/session_context';
import { collectErrors, validateCode, validateConfirmation, validateEmail, validatePassword } from '../validation/validators';

export function ResetPasswordPage() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const { navigate } = useRouter();
  const navState = useNavState();
  const form = useForm('reset', {
    email: typeof navState.email === 'string' ? navState.email : '',
    code: '',
    new_password: '',
    confirm: '',
  });
  usePageTitle(t('reset.title'));

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    const { code, new_password: newPassword, confirm } = form.values;
    const codes = collectErrors({
      email: validateEmail(email),
      code: validateCode(code),
      new_password: validatePassword(newPassword, email),
      confirm: validateConfirmation(newPassword, confirm),
    });
    if (form.reject(codes)) return;
    await form.submit(async () => {
      await api.confirmPasswordReset(email, code.trim(), newPassword);
      session.clear(); // the server revoked every session of this account
      navigate('/login', { state: { email, notice: 'passwordChanged' } });
    });
  };

  return (
    <AuthCard title={t('reset.title')} lead={t('reset.lead')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <StatusNote>{navState.sent === true && form.formError === null ? t('reset.sent') : null}</StatusNote>
        <FormAlert error={form.formError} />
        <EmailField field={form.bind('email')} autoComplete="email" />
        <CodeField field={form.bind('code')} label={t('reset.code')} hint={t('verify.codeHint')} />
        <NewPasswordField field={form.bind('new_password')} label={t('reset.newPassword')} rulesId="reset-password-rules" email={form.values.email} />
        <PasswordField field={form.bind('confirm')} label={t('reset.confirmPassword')} autoComplete="new-password" />
        <SubmitButton busy={form.busy}>{t('reset.submit')}</SubmitButton>
      </form>
    </AuthCard>
  );
}
