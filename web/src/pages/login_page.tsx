// /login for subscribers. Shows a notice carried from the previous step (verified, password
// changed, signed out, session ended). 403 auth.email_not_verified offers the way to verify.
import { AuthCard } from '../components/auth_card';
import { FormAlert, StatusNote } from '../components/alerts';
import { EmailField } from '../components/email_field';
import { PasswordField } from '../components/password_field';
import { SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { ApiError } from '../api/problem';
import type { MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { Link, Redirect, useNavState, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { useSession } from '../session/session_context';
import { collectErrors, validateEmail, validateRequired } from '../validation/validators';

const kNotices: Record<string, MessageKey> = {
  verified: 'login.verified',
  passwordChanged: 'login.passwordChanged',
  signedOut: 'login.signedOut',
  sessionEnded: 'login.sessionEnded',
};

export function noticeKey(state: Record<string, unknown>): MessageKey | null {
  return typeof state.notice === 'string' ? (kNotices[state.notice] ?? null) : null;
}

export function LoginPage() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const { navigate } = useRouter();
  const navState = useNavState();
  const form = useForm('login', { email: typeof navState.email === 'string' ? navState.email : '', password: '' });
  const notice = noticeKey(navState);
  usePageTitle(t('login.title'));

  if (session.me?.kind === 'subscriber') return <Redirect to="/" />;

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    const { password } = form.values;
    if (form.reject(collectErrors({ email: validateEmail(email), password: validateRequired(password) }))) return;
    await form.submit(async () => {
      const { account } = await api.login(email, password);
      session.signedIn(account);
      navigate(account.kind === 'staff' ? '/staff' : '/');
    });
  };

  const notVerified = form.formError instanceof ApiError && form.formError.code === 'auth.email_not_verified';

  return (
    <AuthCard title={t('login.title')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <StatusNote>{notice !== null && form.formError === null ? t(notice) : null}</StatusNote>
        <FormAlert error={form.formError}>
          {notVerified ? (
            <p>
              <Link to="/verify-email" state={{ email: form.values.email.trim() }}>
                {t('login.verifyNow')}
              </Link>
            </p>
          ) : null}
        </FormAlert>
        <EmailField field={form.bind('email')} autoComplete="username" />
        <PasswordField field={form.bind('password')} label={t('common.password')} autoComplete="current-password" />
        <SubmitButton busy={form.busy}>{t('login.submit')}</SubmitButton>
      </form>
      <div className="card__footer">
        <p>
          <Link to="/forgot-password" state={{ email: form.values.email.trim() }}>
            {t('login.forgot')}
          </Link>
        </p>
        <p>
          {t('login.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
        </p>
      </div>
    </AuthCard>
  );
}
