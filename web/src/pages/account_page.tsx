// The subscriber's account home: the next registration step and "Your lines" (your_lines.tsx),
// e-mail and its verification state, change password, sign out.
import { useState } from 'react';
import type { SubscriberMe } from '../api/types';
import { FormAlert, StatusNote } from '../components/alerts';
import { PageHeading } from '../components/layout';
import { NewPasswordField } from '../components/new_password_field';
import { PasswordField } from '../components/password_field';
import { SignOutButton } from '../components/sign_out_button';
import { YourLines } from '../components/your_lines';
import { SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { formatDate } from '../i18n/format';
import { useI18n } from '../i18n/i18n_context';
import { useNavState } from '../router/router';
import { useApi } from '../session/services';
import { useSession } from '../session/session_context';
import { collectErrors, validateConfirmation, validatePassword, validateRequired } from '../validation/validators';

function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const form = useForm('change-password', { current_password: '', new_password: '', confirm: '' });
  const [done, setDone] = useState(false);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setDone(false);
    const { current_password: current, new_password: next, confirm } = form.values;
    const codes = collectErrors({
      current_password: validateRequired(current),
      new_password: validatePassword(next, email),
      confirm: validateConfirmation(next, confirm),
    });
    if (form.reject(codes)) return;
    const ok = await form.submit(async () => {
      const { account } = await api.changePassword(current, next);
      session.signedIn(account);
    });
    if (ok) {
      form.setValue('current_password', '');
      form.setValue('new_password', '');
      form.setValue('confirm', '');
      setDone(true);
    }
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      <StatusNote>{done ? t('account.passwordChanged') : null}</StatusNote>
      <FormAlert error={form.formError} />
      <PasswordField field={form.bind('current_password')} label={t('account.currentPassword')} autoComplete="current-password" />
      <NewPasswordField field={form.bind('new_password')} label={t('account.newPassword')} rulesId="account-password-rules" email={email} />
      <PasswordField field={form.bind('confirm')} label={t('account.confirmPassword')} autoComplete="new-password" />
      <SubmitButton busy={form.busy}>{t('account.passwordSubmit')}</SubmitButton>
    </form>
  );
}

export function AccountPage({ me }: { me: SubscriberMe }) {
  const { t, locale } = useI18n();
  const navState = useNavState();
  usePageTitle(t('account.title'));
  const linked = navState.notice === 'lineLinked' && typeof navState.msisdn === 'string' ? navState.msisdn : null;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="page-heading">
        <PageHeading>{t('account.title')}</PageHeading>
        <StatusNote>{linked !== null ? t('link.done', { msisdn: linked }) : null}</StatusNote>
        <dl className="facts">
          <div>
            <dt>{t('account.email')}</dt>
            <dd className="facts__email" data-testid="account-email">
              {me.email}
            </dd>
          </div>
          <div>
            <dt>{t('account.emailStatus')}</dt>
            <dd>
              <span className={me.email_verified ? 'badge badge--ok' : 'badge badge--warn'}>
                {me.email_verified ? t('account.verified') : t('account.unverified')}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('account.since')}</dt>
            <dd>{formatDate(me.created_at, locale)}</dd>
          </div>
        </dl>
      </section>
      <YourLines />
      <section className="card">
        <ChangePasswordForm email={me.email} />
      </section>
      <section className="card" aria-labelledby="signout-title">
        <h2 id="signout-title">{t('account.signOutTitle')}</h2>
        <SignOutButton />
      </section>
    </div>
  );
}
