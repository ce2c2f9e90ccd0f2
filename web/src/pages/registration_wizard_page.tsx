// /applications/{id}/identity | documents | review, and /applications/{id}/edit (resume: opens the
// first step with anything missing). One mounted page for all steps of one application (see
// kParamRoutes.keep), so the loaded draft is shared and each step starts from the server's latest
// answer. Applications that can no longer be edited go to their status page.
import type { Application } from '../api/registration_types';
import { StatusNote } from '../components/alerts';
import { Loading } from '../components/auth_card';
import { DecisionSummary } from '../components/decision_summary';
import { DocumentsStep } from '../components/documents_step';
import { IdentityStep } from '../components/identity_step';
import { PageHeading } from '../components/layout';
import { LoadError } from '../components/load_error';
import { usePageTitle } from '../components/page_title';
import { ReviewStep } from '../components/review_step';
import { StepIndicator } from '../components/step_indicator';
import { SubscriberGuard } from '../components/subscriber_guard';
import { useI18n } from '../i18n/i18n_context';
import type { FieldProblemCode } from '../i18n/problem_messages';
import type { ImageKind } from '../api/registration_types';
import { useApplication } from '../registration/use_application';
import { useProfile } from '../registration/use_profile';
import {
  firstIncompleteStep,
  isEditable,
  isWizardStep,
  kWizardSteps,
  navFieldErrors,
  statusPath,
  stepForPointer,
  wizardPath,
  type WizardStep,
} from '../registration/wizard_steps';
import { Redirect, useNavState, useParams, useRouter } from '../router/router';

function Wizard({ id, step }: { id: string; step: string }) {
  const { t } = useI18n();
  const { navigate, location } = useRouter();
  const navState = useNavState();
  const profile = useProfile();
  const { state, setApplication, reload } = useApplication(id);
  const current: WizardStep = isWizardStep(step) ? step : 'identity';
  const number = kWizardSteps.indexOf(current) + 1;
  const stepName = t(`wizard.step.${current}`);
  usePageTitle(t('wizard.stepOf', { n: number, total: kWizardSteps.length, name: stepName }));

  if (profile.status === 'error') return <LoadError error={profile.error} onRetry={profile.retry} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={reload} />;
  if (profile.status === 'loading' || state.status === 'loading') return <Loading />;

  const application = state.application;
  if (!isEditable(application.status)) return <Redirect to={statusPath(application.id)} />;
  if (!isWizardStep(step)) return <Redirect to={wizardPath(application.id, firstIncompleteStep(application))} state={navState} />;

  const carried = navFieldErrors(navState);
  const identityErrors: Record<string, FieldProblemCode> = {};
  const documentErrors: Partial<Record<ImageKind, string>> = {};
  for (const e of carried) {
    if (e.field.startsWith('identity.')) identityErrors[e.field.slice('identity.'.length)] ??= { code: e.code, message: e.message };
    if (e.field.startsWith('documents.')) documentErrors[e.field.slice('documents.'.length) as ImageKind] ??= e.code;
  }

  const go = (next: WizardStep) => navigate(wizardPath(application.id, next));
  const onSubmitted = (submitted: Application) => {
    setApplication(submitted);
    navigate(statusPath(submitted.id), { state: { notice: 'submitted' } });
  };

  return (
    <div className="stack">
      <section className="card wizard" aria-labelledby="page-heading">
        <StepIndicator
          current={current}
          complete={{
            identity: !application.missing.some((m) => stepForPointer(m) === 'identity'),
            documents: !application.missing.some((m) => stepForPointer(m) === 'documents'),
          }}
        />
        <p className="wizard__kicker">{t('wizard.title')}</p>
        <PageHeading>{t('wizard.stepOf', { n: number, total: kWizardSteps.length, name: stepName })}</PageHeading>
        <StatusNote>{navState.notice === 'draftExists' ? t('wizard.draftExists') : null}</StatusNote>
        {application.status === 'resubmission_requested' && application.decision !== null ? (
          <div className="alert alert--info" data-testid="changes-requested">
            <p>{t('wizard.changesRequested')}</p>
            <DecisionSummary decision={application.decision} headingLevel={3} />
          </div>
        ) : null}
        {current === 'identity' ? (
          <IdentityStep
            key={`identity-${location.key}`}
            application={application}
            profile={profile.profile}
            initialErrors={identityErrors}
            onSaved={setApplication}
            onDone={() => go('documents')}
          />
        ) : null}
        {current === 'documents' ? (
          <DocumentsStep
            key={`documents-${location.key}`}
            application={application}
            profile={profile.profile}
            initialErrors={documentErrors}
            onSaved={setApplication}
            onDone={() => go('review')}
          />
        ) : null}
        {current === 'review' ? (
          <ReviewStep key={`review-${location.key}`} application={application} profile={profile.profile} onSubmitted={onSubmitted} />
        ) : null}
        {current !== 'identity' ? (
          <p className="wizard__back">
            <button type="button" className="button button--link" onClick={() => go(kWizardSteps[number - 2]!)}>
              <span aria-hidden="true">← </span>
              {t('wizard.back')}
            </button>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function RegistrationWizardPage() {
  const { id, step } = useParams();
  return <SubscriberGuard>{() => <Wizard id={id ?? ''} step={step ?? ''} />}</SubscriberGuard>;
}
