// /applications/{id}: where an application stands. Status, the review due date in the person's own
// time zone, the lines it covers, the timeline of every transition, and after a decision its
// reasons and note with a one-click "Fix and resubmit" that opens the wizard at the step the
// reasons point to. Drafts offer "Continue your registration".
import type { Application } from '../api/registration_types';
import { StatusNote } from '../components/alerts';
import { Loading } from '../components/auth_card';
import { DecisionSummary } from '../components/decision_summary';
import { PageHeading } from '../components/layout';
import { LoadError } from '../components/load_error';
import { usePageTitle } from '../components/page_title';
import { ApplicationStatusBadge } from '../components/status_badges';
import { SubscriberGuard } from '../components/subscriber_guard';
import { formatDateTime, formatDeadline } from '../i18n/format';
import { isMessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useApplication } from '../registration/use_application';
import { resumePath, stepForReasons, wizardPath } from '../registration/wizard_steps';
import { Link, useNavState, useParams } from '../router/router';

function StatusView({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  const navState = useNavState();
  const decision = application.decision;
  const fixStep = stepForReasons(decision?.reasons ?? []);
  const pending = application.status === 'submitted' || application.status === 'in_review';

  return (
    <div className="stack">
      <section className="card" aria-labelledby="page-heading">
        <PageHeading>{t('status.title')}</PageHeading>
        <StatusNote>{navState.notice === 'submitted' ? t('status.submittedNotice') : null}</StatusNote>
        <dl className="facts">
          <div>
            <dt>{t('status.current')}</dt>
            <dd>
              <ApplicationStatusBadge status={application.status} />
            </dd>
          </div>
          {pending && application.due_at !== null ? (
            <div>
              <dt>{t('status.due')}</dt>
              <dd data-testid="due-at">
                <time dateTime={application.due_at}>{formatDeadline(application.due_at, locale)}</time>
              </dd>
            </div>
          ) : null}
          {application.submitted_at !== null ? (
            <div>
              <dt>{t('status.submittedAt')}</dt>
              <dd>
                <time dateTime={application.submitted_at}>{formatDateTime(application.submitted_at, locale)}</time>
              </dd>
            </div>
          ) : null}
          {application.decided_at !== null ? (
            <div>
              <dt>{t('status.decidedAt')}</dt>
              <dd>
                <time dateTime={application.decided_at}>{formatDateTime(application.decided_at, locale)}</time>
              </dd>
            </div>
          ) : null}
          {application.lines.length > 0 ? (
            <div>
              <dt>{t('status.lines')}</dt>
              <dd>
                <ul className="plain-list">
                  {application.lines.map((line) => (
                    <li key={line.id} className="msisdn">
                      {line.msisdn}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
        </dl>
        {pending ? <p className="muted">{t('status.pendingNote')}</p> : null}
        {application.status === 'approved' ? <p className="alert alert--success">{t('status.approved')}</p> : null}
        {application.status === 'draft' ? (
          <Link to={resumePath(application.id)} className="button button--primary button--block">
            {t('next.continue')}
          </Link>
        ) : null}
      </section>

      {decision !== null && (application.status === 'resubmission_requested' || application.status === 'rejected') ? (
        <section className="card card--next" aria-labelledby="decision-title">
          <h2 id="decision-title">{application.status === 'rejected' ? t('status.rejectedTitle') : t('status.changesTitle')}</h2>
          <DecisionSummary decision={decision} headingLevel={3} />
          {application.status === 'resubmission_requested' ? (
            <Link to={wizardPath(application.id, fixStep)} className="button button--primary button--block" data-testid="fix-and-resubmit">
              {t('next.fix')}
            </Link>
          ) : (
            <Link to="/register" className="button button--secondary button--block">
              {t('status.startAgain')}
            </Link>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('status.timeline')}</h2>
        <ol className="timeline" data-testid="timeline">
          {application.history.map((entry, index) => (
            <li key={`${entry.status}-${entry.at}-${index}`} className="timeline__item">
              <ApplicationStatusBadge status={entry.status} testId="history-status" />
              <span className="timeline__meta">
                <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
                {' · '}
                {isMessageKey(`actor.${entry.actor}`) ? t(`actor.${entry.actor}`) : entry.actor}
              </span>
            </li>
          ))}
        </ol>
      </section>

      <p className="center">
        <Link to="/">{t('status.back')}</Link>
      </p>
    </div>
  );
}

function StatusLoader({ id }: { id: string }) {
  const { t } = useI18n();
  const { state, reload } = useApplication(id);
  usePageTitle(t('status.title'));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={reload} />;
  return <StatusView application={state.application} />;
}

export function ApplicationStatusPage() {
  const { id } = useParams();
  return <SubscriberGuard>{() => <StatusLoader id={id ?? ''} />}</SubscriberGuard>;
}
