// The account home's registration part: one highlighted next step (link a line, start, continue,
// fix and resubmit, or "pending review, due …") and the list of the subscriber's lines, each with
// its localized status, SIM tail, registration deadline and its own next step.
import type { Line } from '../api/registration_types';
import { formatDate, formatDeadline } from '../i18n/format';
import { useI18n } from '../i18n/i18n_context';
import { nextStepForLine, primaryNextStep, type ApplicationLike, type NextStep } from '../registration/next_step';
import { useLines } from '../registration/use_lines';
import { resumePath, statusPath, wizardPath } from '../registration/wizard_steps';
import { Link } from '../router/router';
import { Loading } from './auth_card';
import { LoadError } from './load_error';
import { LineStatusBadge } from './status_badges';

function NextStepCard({ step }: { step: NextStep }) {
  const { t, locale } = useI18n();
  let title: string;
  let body: React.ReactNode;
  let action: React.ReactNode = null;
  switch (step.kind) {
    case 'link':
      title = t('account.nextTitle');
      body = (
        <>
          <p>{t('account.nextBody')}</p>
          <ol className="steps">
            <li>{t('account.nextStep1')}</li>
            <li>{t('account.nextStep2')}</li>
            <li>{t('account.nextStep3')}</li>
          </ol>
        </>
      );
      action = (
        <Link to="/lines/link" className="button button--primary button--block">
          {t('next.link')}
        </Link>
      );
      break;
    case 'register':
    case 'rejected':
      title = t('account.nextTitle');
      body = <p>{t('next.registerBody')}</p>;
      action = (
        <Link to="/register" className="button button--primary button--block">
          {t('next.register')}
        </Link>
      );
      break;
    case 'continue':
      title = t('next.continueTitle');
      body = <p>{t('next.continueBody')}</p>;
      action = (
        <Link to={resumePath(step.applicationId)} className="button button--primary button--block">
          {t('next.continue')}
        </Link>
      );
      break;
    case 'fix':
      title = t('next.fixTitle');
      body = <p>{t('next.fixBody')}</p>;
      action = (
        <div className="button-row">
          <Link to={wizardPath(step.applicationId, step.step)} className="button button--primary">
            {t('next.fix')}
          </Link>
          <Link to={statusPath(step.applicationId)} className="button button--secondary">
            {t('next.viewStatus')}
          </Link>
        </div>
      );
      break;
    case 'pending':
      title = t('next.pendingTitle');
      body = (
        <p data-testid="next-pending">
          {step.dueAt !== null ? t('next.pending', { date: formatDeadline(step.dueAt, locale) }) : t('next.pendingNoDate')}
        </p>
      );
      action = (
        <Link to={statusPath(step.applicationId)} className="button button--secondary button--block">
          {t('next.viewStatus')}
        </Link>
      );
      break;
    case 'done':
      title = t('next.doneTitle');
      body = <p>{t('next.doneBody')}</p>;
      break;
    case 'blocked':
      title = t('next.blockedTitle');
      body = <p>{t('next.blocked')}</p>;
      break;
  }
  return (
    <section className="card card--next" aria-labelledby="next-title" data-testid="next-step" data-kind={step.kind}>
      <h2 id="next-title">{title}</h2>
      {body}
      {action}
    </section>
  );
}

function LineNextStep({ step }: { step: NextStep }) {
  const { t, locale } = useI18n();
  switch (step.kind) {
    case 'register':
    case 'rejected':
      return <Link to="/register">{t('next.register')}</Link>;
    case 'continue':
      return <Link to={resumePath(step.applicationId)}>{t('next.continue')}</Link>;
    case 'fix':
      return <Link to={wizardPath(step.applicationId, step.step)}>{t('next.fix')}</Link>;
    case 'pending':
      return (
        <Link to={statusPath(step.applicationId)}>
          {step.dueAt !== null ? t('next.pending', { date: formatDeadline(step.dueAt, locale) }) : t('next.pendingNoDate')}
        </Link>
      );
    case 'done':
      return <span>{t('next.doneShort')}</span>;
    case 'blocked':
      return <span>{t('next.blocked')}</span>;
    case 'link':
      return null;
  }
}

function LineItem({ line, applications }: { line: Line; applications: ReadonlyMap<string, ApplicationLike> }) {
  const { t, locale } = useI18n();
  const step = nextStepForLine(line, applications);
  const open = line.status === 'unregistered' || line.status === 'restricted';
  const deadline = line.registration_deadline;
  const passed = deadline !== null && new Date(deadline).getTime() < Date.now();
  return (
    <li className="line" data-testid="line">
      <div className="line__head">
        <span className="line__msisdn msisdn">{line.msisdn}</span>
        <LineStatusBadge status={line.status} />
      </div>
      <p className="line__meta muted">{t('lines.iccid', { last4: line.iccid_last4 })}</p>
      {open && deadline !== null ? (
        <p className={passed ? 'line__deadline line__deadline--passed' : 'line__deadline'}>
          {passed ? t('lines.deadlinePassed', { date: formatDate(deadline, locale) }) : t('lines.deadline', { date: formatDate(deadline, locale) })}
        </p>
      ) : null}
      <p className="line__next">
        <span className="visually-hidden">{t('lines.nextStep')}: </span>
        <LineNextStep step={step} />
      </p>
    </li>
  );
}

export function YourLines() {
  const { t } = useI18n();
  const { state, reload } = useLines();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <section className="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('lines.title')}</h2>
        <LoadError error={state.error} onRetry={reload} />
      </section>
    );
  }
  const { lines, applications } = state;
  return (
    <>
      <NextStepCard step={primaryNextStep(lines, applications)} />
      <section className="card" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('lines.title')}</h2>
        {lines.length === 0 ? <p className="muted">{t('lines.empty')}</p> : null}
        {lines.length > 0 ? (
          <ul className="lines" data-testid="lines">
            {lines.map((line) => (
              <LineItem key={line.id} line={line} applications={applications} />
            ))}
          </ul>
        ) : null}
        {lines.length > 0 ? (
          <Link to="/lines/link" className="button button--secondary">
            {t('lines.linkAnother')}
          </Link>
        ) : null}
      </section>
    </>
  );
}
