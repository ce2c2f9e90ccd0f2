// /verify-email: the 6-digit code from the e-mail. The address comes prefilled from sign-up or
// sign-in (history state); "send a new code" always answers the same neutral sentence.
import { useState } from 'react';
import { AuthCard } from '../components/auth_card';
import { FormAlert, StatusNote } from '../components/alerts';
import { CodeField } from '../components/code_field';
import { EmailField } from '../components/email_field';
import { Button, SubmitButton } from '../components/submit_button';
import { usePageTitle } from '../components/page_title';
import { useForm } from '../components/use_form';
import { useI18n } from '../i18n/i18n_context';
import { useNavState, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { collectErrors, validateCode, validateEmail } from '../validation/validators';

export function VerifyEmailPage() {
  const { t } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const navState = useNavState();
  const prefilled = typeof navState.email === 'string' ? navState.email : '';
  const form = useForm('verify', { email: prefilled, code: '' });
  const [resent, setResent] = useState(false);
  const [resendBusy, setResendBusy] = useState(false);
  usePageTitle(t('verify.title'));

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    const code = form.values.code.trim();
    setResent(false);
    if (form.reject(collectErrors({ email: validateEmail(email), code: validateCode(code) }))) return;
    await form.submit(async () => {
      await api.verifyEmail(email, code);
      navigate('/login', { state: { email, notice: 'verified' } });
    });
  };

  const onResend = async () => {
    const email = form.values.email.trim();
    setResent(false);
    if (form.reject(collectErrors({ email: validateEmail(email) }))) return;
    setResendBusy(true);
    const ok = await form.submit(async () => {
      await api.resendVerification(email);
    });
    setResendBusy(false);
    setResent(ok);
  };

  return (
    <AuthCard title={t('verify.title')} lead={t('verify.lead')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert error={form.formError} />
        <StatusNote>{resent ? t('verify.resent') : null}</StatusNote>
        <EmailField field={form.bind('email')} autoComplete="email" />
        <CodeField field={form.bind('code')} label={t('verify.code')} hint={t('verify.codeHint')} />
        <SubmitButton busy={form.busy && !resendBusy}>{t('verify.submit')}</SubmitButton>
      </form>
      <div className="card__footer">
        <p>{t('verify.noCode')}</p>
        <Button variant="link" busy={resendBusy} onClick={onResend}>
          {t('verify.resend')}
        </Button>
      </div>
    </AuthCard>
  );
}
