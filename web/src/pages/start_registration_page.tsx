// /register: choose which linked lines to register together (all eligible ones preselected, within
// the profile's per-person cap), then POST /api/v1/applications and open the wizard. If a draft
// already exists the server says so (409 applications.draft_exists with its id) and we resume it.
import { useState } from 'react';
import { ApiError } from '../api/problem';
import type { JurisdictionProfile, Line } from '../api/registration_types';
import { FormAlert } from '../components/alerts';
import { AuthCard, Loading } from '../components/auth_card';
import { FieldShell } from '../components/field_shell';
import { LoadError } from '../components/load_error';
import { usePageTitle } from '../components/page_title';
import { SubscriberGuard } from '../components/subscriber_guard';
import { SubmitButton } from '../components/submit_button';
import { useI18n } from '../i18n/i18n_context';
import { fieldMessage } from '../i18n/problem_messages';
import { canStartRegistration, type ApplicationLike } from '../registration/next_step';
import { useLines } from '../registration/use_lines';
import { useProfile } from '../registration/use_profile';
import { resumePath } from '../registration/wizard_steps';
import { Link, useRouter } from '../router/router';
import { useApi } from '../session/services';

function ChooseLines({
  profile,
  lines,
  applications,
}: {
  profile: JurisdictionProfile;
  lines: Line[];
  applications: ReadonlyMap<string, ApplicationLike>;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const eligible = lines.filter((l) => canStartRegistration(l, applications));
  const cap = profile.sim_cap_per_person;
  const [chosen, setChosen] = useState<string[]>(() => eligible.slice(0, cap ?? eligible.length).map((l) => l.id));
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (eligible.length === 0) {
    return (
      <AuthCard title={t('start.title')}>
        <p>{t('start.none')}</p>
        <p>
          <Link to="/lines/link" className="button button--primary button--block">
            {t('next.link')}
          </Link>
        </p>
        <p>
          <Link to="/">{t('status.back')}</Link>
        </p>
      </AuthCard>
    );
  }

  const toggle = (id: string, on: boolean) => {
    setProblem(null);
    setChosen((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    if (chosen.length === 0) {
      setProblem({ code: 'lines.empty', message: '' });
      document.getElementById(`start-line-${eligible[0]!.id}`)?.focus();
      return;
    }
    if (cap !== null && chosen.length > cap) {
      setProblem({ code: 'lines.over_cap', message: '' });
      return;
    }
    setBusy(true);
    try {
      const created = await api.createApplication(chosen);
      navigate(resumePath(created.id));
    } catch (error) {
      const existing = error instanceof ApiError && error.code === 'applications.draft_exists' ? error.extensionString('application_id') : null;
      if (existing !== null) {
        navigate(resumePath(existing), { state: { notice: 'draftExists' } });
        return;
      }
      const lineError = error instanceof ApiError ? error.fieldErrors.find((e) => e.field === 'line_ids' || e.field.startsWith('line_ids.')) : undefined;
      if (lineError !== undefined) setProblem({ code: lineError.code, message: lineError.message });
      else setFormError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('start.title')} lead={t('start.lead')}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <FormAlert error={formError} />
        <FieldShell
          id="start-lines"
          group
          label={t('start.lines')}
          {...(cap !== null ? { hint: t('start.cap', { cap }) } : {})}
          error={problem !== null ? (problem.code === 'lines.over_cap' && cap !== null ? t('start.overCap', { cap }) : fieldMessage(t, problem.code, problem.message)) : null}
          className="choice-group"
        >
          {() =>
            eligible.map((line) => (
              <div className="check check--boxed" key={line.id}>
                <input
                  id={`start-line-${line.id}`}
                  type="checkbox"
                  checked={chosen.includes(line.id)}
                  onChange={(e) => toggle(line.id, e.target.checked)}
                />
                <label htmlFor={`start-line-${line.id}`}>
                  <span className="msisdn">{line.msisdn}</span>
                  <span className="muted"> · {t('lines.iccid', { last4: line.iccid_last4 })}</span>
                </label>
              </div>
            ))
          }
        </FieldShell>
        <SubmitButton busy={busy}>{t('start.submit')}</SubmitButton>
      </form>
      <div className="card__footer">
        <Link to="/">{t('status.back')}</Link>
      </div>
    </AuthCard>
  );
}

function StartRegistration() {
  const { t } = useI18n();
  const profile = useProfile();
  const { state, reload } = useLines();
  usePageTitle(t('start.title'));
  if (profile.status === 'error') return <LoadError error={profile.error} onRetry={profile.retry} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={reload} />;
  if (profile.status === 'loading' || state.status === 'loading') return <Loading />;
  return <ChooseLines profile={profile.profile} lines={state.lines} applications={state.applications} />;
}

export function StartRegistrationPage() {
  return <SubscriberGuard>{() => <StartRegistration />}</SubscriberGuard>;
}
