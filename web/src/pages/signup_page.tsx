// /signup: e-mail + password (rules shown live), sends the current UI language as the account's
// locale, then goes to /verify-email with the address carried in history state (not the URL).
import { AuthCard } from '../components/auth_card';
import { FormAlert } from '../components/alerts';
import { EmailField } from '../components/email_field';
import { NewPasswordField } from '../components/new_password_field';
import { SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { useI18n } from '../i18n/i18n_context';
import { Link, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { collectErrors, validateEmail, validatePassword } from '../validation/validators';

export function SignupPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const form = useForm('signup', { email: '', password: '' });
  usePageTitle(t('signup.title'));

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    const { password } = form.values;
    if (form.reject(collectErrors({ email: validateEmail(email), password: validatePassword(password, email) }))) return;
    await form.submit(async () => {
      await api.signup(email, password, locale);
      navigate('/verify-email', { state: { email } });
    });
  };

  return (
    <AuthCard title={t('signup.title')} lead={t('signup.lead')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert error={form.formError} />
        <EmailField field={form.bind('email')} autoComplete="email" />
        <NewPasswordField field={form.bind('password')} label={t('common.password')} rulesId="signup-password-rules" email={form.values.email} />
        <SubmitButton busy={form.busy}>{t('signup.submit')}</SubmitButton>
      </form>
      <p className="card__footer">
        {t('signup.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </AuthCard>
  );
}
