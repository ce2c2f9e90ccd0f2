// /forgot-password: asks for the address, always gets the same neutral 202, then moves on to
// /reset-password with the address in history state.
import { AuthCard } from '../components/auth_card';
import { FormAlert } from '../components/alerts';
import { EmailField } from '../components/email_field';
import { SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { useI18n } from '../i18n/i18n_context';
import { Link, useNavState, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { collectErrors, validateEmail } from '../validation/validators';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const navState = useNavState();
  const form = useForm('forgot', { email: typeof navState.email === 'string' ? navState.email : '' });
  usePageTitle(t('forgot.title'));

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    if (form.reject(collectErrors({ email: validateEmail(email) }))) return;
    await form.submit(async () => {
      await api.requestPasswordReset(email);
      navigate('/reset-password', { state: { email, sent: true } });
    });
  };

  return (
    <AuthCard title={t('forgot.title')} lead={t('forgot.lead')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert error={form.formError} />
        <EmailField field={form.bind('email')} autoComplete="email" />
        <SubmitButton busy={form.busy}>{t('forgot.submit')}</SubmitButton>
      </form>
      <p className="card__footer">
        {t('forgot.haveCode')}{' '}
        <Link to="/reset-password" state={{ email: form.values.email.trim() }}>
          {t('forgot.enterCode')}
        </Link>
      </p>
    </AuthCard>
  );
}
