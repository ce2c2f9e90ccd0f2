// /staff/login: e-mail, password, authenticator code. On 403 auth.password_change_required it
// turns into the first-sign-in screen: QR code + manual key from the problem's totp_uri, then a
// password change with the one-time password and a fresh code, then the staff home.
import { useState } from 'react';
import { ApiError } from '../api/problem';
import type { Me } from '../api/types';
import { AuthCard } from '../components/auth_card';
import { FormAlert, StatusNote } from '../components/alerts';
import { CodeField } from '../components/code_field';
import { PageHeading } from '../components/layout';
import { EmailField } from '../components/email_field';
import { PasswordField } from '../components/password_field';
import { QrCode, groupSecret, totpSecretFromUri } from '../components/qr_code';
import { StaffPasswordForm } from '../components/staff_password_form';
import { SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { useI18n } from '../i18n/i18n_context';
import { Link, Redirect, useNavState, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { useSession } from '../session/session_context';
import { collectErrors, validateCode, validateEmail, validateRequired } from '../validation/validators';
import { noticeKey } from './login_page';

interface FirstSignIn {
  email: string;
  oneTimePassword: string;
  totpUri: string;
}

function FirstSignInScreen({ pending, onDone }: { pending: FirstSignIn; onDone: (me: Me) => void }) {
  const { t } = useI18n();
  usePageTitle(t('firstSignIn.title'));
  const secret = totpSecretFromUri(pending.totpUri);
  return (
    <section className="card card--narrow" aria-labelledby="page-heading">
      <PageHeading>{t('firstSignIn.title')}</PageHeading>
      <p className="lead">{t('firstSignIn.lead')}</p>
      <h2>{t('firstSignIn.scanTitle')}</h2>
      <p>{t('firstSignIn.scanHint')}</p>
      <div className="qr-box">
        <QrCode value={pending.totpUri} label={t('firstSignIn.qrLabel')} />
      </div>
      <p id="manual-key-label">{t('firstSignIn.manual')}</p>
      <p className="secret" aria-labelledby="manual-key-label" data-testid="totp-secret">
        {groupSecret(secret)}
      </p>
      <h2>{t('firstSignIn.passwordTitle')}</h2>
      <StaffPasswordForm
        formId="first-sign-in"
        email={pending.email}
        currentLabel={t('firstSignIn.oneTimePassword')}
        initialCurrent={pending.oneTimePassword}
        totpHint={t('firstSignIn.totpHint')}
        submitLabel={t('firstSignIn.submit')}
        onDone={onDone}
      />
    </section>
  );
}

export function StaffLoginPage() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const { navigate } = useRouter();
  const navState = useNavState();
  const form = useForm('staff-login', { email: '', password: '', totp: '' });
  const [pending, setPending] = useState<FirstSignIn | null>(null);
  const notice = noticeKey(navState);
  usePageTitle(t('staffLogin.title'));

  const done = (account: Me) => {
    session.signedIn(account);
    navigate('/staff');
  };

  if (pending !== null) return <FirstSignInScreen pending={pending} onDone={done} />;
  if (session.me?.kind === 'staff') return <Redirect to="/staff" />;

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    const { password, totp } = form.values;
    const codes = collectErrors({ email: validateEmail(email), password: validateRequired(password), totp: validateCode(totp) });
    if (form.reject(codes)) return;
    const outcome: { firstSignIn: FirstSignIn | null } = { firstSignIn: null };
    const ok = await form.submit(async () => {
      try {
        const { account } = await api.staffLogin(email, password, totp.trim());
        done(account);
      } catch (error) {
        const uri = error instanceof ApiError ? error.extensionString('totp_uri') : null;
        if (error instanceof ApiError && error.code === 'auth.password_change_required' && uri !== null) {
          outcome.firstSignIn = { email, oneTimePassword: password, totpUri: uri };
          return;
        }
        throw error;
      }
    });
    if (outcome.firstSignIn !== null) setPending(outcome.firstSignIn);
    else if (!ok) form.setValue('totp', ''); // a rejected code may be used up: ask for a fresh one
  };

  return (
    <AuthCard title={t('staffLogin.title')} lead={t('staffLogin.lead')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <StatusNote>{notice !== null && form.formError === null ? t(notice) : null}</StatusNote>
        <FormAlert error={form.formError} context="staff" />
        <EmailField field={form.bind('email')} autoComplete="username" />
        <PasswordField field={form.bind('password')} label={t('common.password')} autoComplete="current-password" />
        <CodeField field={form.bind('totp')} label={t('staffLogin.totp')} hint={t('staffLogin.totpHint')} />
        <SubmitButton busy={form.busy}>{t('staffLogin.submit')}</SubmitButton>
      </form>
      <p className="card__footer">
        <Link to="/login">{t('staffLogin.subscriber')}</Link>
      </p>
    </AuthCard>
  );
}
