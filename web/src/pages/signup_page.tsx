// /signup: e-mail + password (rules shown live), sends the current UI language as the account's
// locale, then goes to /verify-email with the address carried in history state (not the URL).
import { AuthCard } from '../components/auth_card';
import { FormAlert } from '../components/alerts';
import { PasswordField } from '../components/password_field';
import { PasswordRules } from '../components/password_rules';
import { SubmitButton } from '../components/submit_button';
import { TextField } from '../components/text_field';
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
        <TextField
          field={form.bind('email')}
          label={t('common.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="off"
          spellCheck={false}
        />
        <PasswordField
          field={form.bind('password')}
          label={t('common.password')}
          autoComplete="new-password"
          describedBy="signup-password-rules"
        />
        <PasswordRules id="signup-password-rules" password={form.values.password} email={form.values.email} />
        <SubmitButton busy={form.busy}>{t('signup.submit')}</SubmitButton>
      </form>
      <p className="card__footer">
        {t('signup.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </AuthCard>
  );
}
