// /lines/link: proof of SIM possession. Step 1: the mobile number (national format for the
// profile's country, hint from the dialing plan; sent as E.164). Step 2: the 6-digit SMS code, with
// "send a new code" held back for resend_after_seconds or the server's Retry-After. The server
// answers alike for numbers it doesn't know, so the page never says whether a number exists.
import { useState } from 'react';
import { ApiError } from '../api/problem';
import type { JurisdictionProfile, LinkStarted } from '../api/registration_types';
import { FormAlert, StatusNote } from '../components/alerts';
import { AuthCard, Loading } from '../components/auth_card';
import { CodeField } from '../components/code_field';
import { LoadError } from '../components/load_error';
import { usePageTitle } from '../components/page_title';
import { SubscriberGuard } from '../components/subscriber_guard';
import { Button, SubmitButton } from '../components/submit_button';
import { TextField } from '../components/text_field';
import { useCountdown } from '../components/use_countdown';
import { useForm } from '../components/use_form';
import { useI18n } from '../i18n/i18n_context';
import { dialingPlan, toE164, validateMsisdn } from '../registration/msisdn';
import { profileText } from '../registration/profile';
import { useProfile } from '../registration/use_profile';
import { Link, useRouter } from '../router/router';
import { useApi } from '../session/services';
import { collectErrors, validateCode } from '../validation/validators';

const kDefaultResendSeconds = 60;

function LinkForms({ profile }: { profile: JurisdictionProfile }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const numberForm = useForm('link', { msisdn: '' });
  const codeForm = useForm('link-code', { code: '' });
  const [sent, setSent] = useState<LinkStarted | null>(null);
  const [resent, setResent] = useState(false);
  const [resendBusy, setResendBusy] = useState(false);
  const countdown = useCountdown();
  const plan = dialingPlan(profile.country);
  const countryLabel = profileText(profile, locale)(profile.name);

  const onSend = async (event: React.FormEvent) => {
    event.preventDefault();
    const typed = numberForm.values.msisdn;
    const code = validateMsisdn(typed, profile.country);
    if (numberForm.reject(collectErrors({ msisdn: code }))) return;
    const e164 = toE164(typed, profile.country) ?? typed.trim();
    await numberForm.submit(
      async () => {
        try {
          const started = await api.startLink(e164);
          setSent(started);
          countdown.start(started.resend_after_seconds);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'sims.resend_too_soon') {
            // A code went to this number moments ago and is still valid: go and enter it.
            setSent({ msisdn: e164, expires_in_seconds: 0, resend_after_seconds: error.retryAfterSeconds ?? kDefaultResendSeconds });
            countdown.start(error.retryAfterSeconds ?? kDefaultResendSeconds);
            codeForm.setFormError(error);
            return;
          }
          throw error;
        }
      },
      { problemToField: { 'msisdn.invalid': 'msisdn', 'msisdn.wrong_country': 'msisdn' } },
    );
  };

  const onConfirm = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sent === null) return;
    setResent(false);
    const code = codeForm.values.code.trim();
    if (codeForm.reject(collectErrors({ code: validateCode(code) }))) return;
    await codeForm.submit(
      async () => {
        const { line } = await api.confirmLink(sent.msisdn, code);
        navigate('/', { state: { notice: 'lineLinked', msisdn: line.msisdn } });
      },
      { problemToField: { 'sims.code_invalid': 'code' } },
    );
  };

  const onResend = async () => {
    if (sent === null || countdown.running || resendBusy) return;
    setResent(false);
    setResendBusy(true);
    const ok = await codeForm.submit(async () => {
      try {
        const started = await api.startLink(sent.msisdn);
        setSent(started);
        countdown.start(started.resend_after_seconds);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'sims.resend_too_soon') countdown.start(error.retryAfterSeconds ?? kDefaultResendSeconds);
        throw error;
      }
    });
    setResendBusy(false);
    setResent(ok);
    if (ok) codeForm.setValue('code', '');
  };

  const changeNumber = () => {
    setSent(null);
    setResent(false);
    codeForm.setValue('code', '');
    codeForm.setFormError(null);
  };

  if (sent === null) {
    const hint = plan !== null ? t('link.msisdnHint', { country: countryLabel, example: plan.example, code: plan.callingCode }) : t('link.msisdnHintGeneric');
    return (
      <AuthCard title={t('link.title')} lead={t('link.lead')}>
        <form className="form" noValidate onSubmit={onSend}>
          <FormAlert error={numberForm.formError} />
          <TextField
            field={numberForm.bind('msisdn')}
            label={t('link.msisdn')}
            hint={hint}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            spellCheck={false}
          />
          <SubmitButton busy={numberForm.busy}>{t('link.send')}</SubmitButton>
        </form>
        <div className="card__footer">
          <Link to="/">{t('status.back')}</Link>
        </div>
      </AuthCard>
    );
  }

  const held = codeForm.formError instanceof ApiError && codeForm.formError.code === 'sims.held_by_another_person';
  return (
    <AuthCard title={t('link.codeTitle')} lead={t('link.sent', { msisdn: sent.msisdn, minutes: Math.max(1, Math.round((sent.expires_in_seconds || 300) / 60)) })}>
      <form className="form" noValidate onSubmit={onConfirm}>
        <FormAlert error={codeForm.formError}>
          {held ? (
            <p>
              <Link to="/">{t('status.back')}</Link>
            </p>
          ) : null}
        </FormAlert>
        <StatusNote>{resent ? t('link.resent') : null}</StatusNote>
        <CodeField field={codeForm.bind('code')} label={t('link.code')} hint={t('link.codeHint')} />
        <SubmitButton busy={codeForm.busy && !resendBusy}>{t('link.confirm')}</SubmitButton>
      </form>
      <div className="card__footer">
        <p className="muted" id="resend-countdown" data-testid="resend-countdown">
          {countdown.running ? t('link.resendIn', { seconds: countdown.seconds }) : t('link.noCode')}
        </p>
        <div className="button-row">
          {/* Held back, not disabled, while counting down: it keeps focus and says why in the text above. */}
          <button
            type="button"
            className="button button--link"
            aria-disabled={countdown.running || resendBusy ? true : undefined}
            aria-describedby="resend-countdown"
            onClick={onResend}
          >
            {resendBusy ? t('common.working') : t('link.resend')}
          </button>
          <Button variant="link" onClick={changeNumber}>
            {t('link.changeNumber')}
          </Button>
        </div>
      </div>
    </AuthCard>
  );
}

function LinkLine() {
  const { t } = useI18n();
  const profile = useProfile();
  usePageTitle(t('link.title'));
  if (profile.status === 'loading') return <Loading />;
  if (profile.status === 'error') return <LoadError error={profile.error} onRetry={profile.retry} />;
  return <LinkForms profile={profile.profile} />;
}

export function LinkLinePage() {
  return <SubscriberGuard>{() => <LinkLine />}</SubscriberGuard>;
}
