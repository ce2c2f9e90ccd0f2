// Wizard step 3: every value as the server holds it (document number masked until "Show"), the
// photos' state, the declaration in the current language with its required checkbox, and Submit.
// A 422 from submit is mapped back: each problem is listed with a link to the step and field that
// fixes it; the declaration's own error sits at the checkbox.
import { useState, type ReactNode } from 'react';
import { ApiError, type FieldProblem } from '../api/problem';
import type { Application, ImageKind, JurisdictionProfile } from '../api/registration_types';
import { formatCalendarDate } from '../i18n/format';
import { isMessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { fieldMessage } from '../i18n/problem_messages';
import { countryName } from '../registration/countries';
import { fieldSpec } from '../registration/identity_fields';
import { identityErrorText } from '../registration/identity_messages';
import { maskDocumentNumber } from '../registration/mask';
import { findDocumentType, profileText, requiredImages } from '../registration/profile';
import { stepForField, wizardPath } from '../registration/wizard_steps';
import { Link } from '../router/router';
import { useApi } from '../session/services';
import { FormAlert } from './alerts';
import { Button, SubmitButton } from './submit_button';

interface Props {
  application: Application;
  profile: JurisdictionProfile;
  onSubmitted: (application: Application) => void;
}

export function ReviewStep({ application, profile, onSubmitted }: Props) {
  const { t, locale } = useI18n();
  const api = useApi();
  const text = profileText(profile, locale);
  const [declared, setDeclared] = useState(false);
  // Codes, not text, so the messages follow a language switch.
  const [declarationProblem, setDeclarationProblem] = useState<{ code: string; message: string } | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [showNumber, setShowNumber] = useState(false);
  const identity = application.identity;
  const kinds = requiredImages(profile, application);

  const label = (field: string) => {
    const key = `identity.${field}`;
    return isMessageKey(key) ? t(key) : field;
  };

  const display = (field: string): ReactNode => {
    const value = identity[field];
    if (value === null || value === undefined || value === '') return <span className="muted">{t('review.notGiven')}</span>;
    switch (fieldSpec(field).input) {
      case 'date':
        return formatCalendarDate(value, locale);
      case 'sex':
        return value === 'F' || value === 'M' ? t(`identity.sex.${value}`) : value;
      case 'country':
        return countryName(value, locale);
      case 'document_type': {
        const type = findDocumentType(profile, value);
        return type !== null ? text(type.label) : value;
      }
      case 'document_number':
        return (
          <span className="reveal">
            <span className="reveal__value" data-testid="document-number">
              {showNumber ? value : maskDocumentNumber(value)}
            </span>
            <Button variant="link" aria-pressed={showNumber} onClick={() => setShowNumber((v) => !v)}>
              {showNumber ? t('review.hide') : t('review.show')}
              <span className="visually-hidden"> {t('identity.document_number')}</span>
            </Button>
          </span>
        );
      default:
        return value;
    }
  };

  const problemLabel = (problem: FieldProblem): string => {
    if (problem.field.startsWith('identity.')) return label(problem.field.slice('identity.'.length));
    if (problem.field.startsWith('documents.')) {
      const kind = problem.field.slice('documents.'.length);
      const key = `documents.kind.${kind}`;
      return isMessageKey(key) ? t(key) : kind;
    }
    return t('review.other');
  };

  const problemText = (problem: FieldProblem): string =>
    problem.field.startsWith('identity.') ? identityErrorText(t, problem, profile, locale) : fieldMessage(t, problem.code, problem.message);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblems([]);
    setFormError(null);
    if (!declared) {
      setDeclarationProblem({ code: 'declaration.required', message: '' });
      document.getElementById('declaration-accept')?.focus();
      return;
    }
    setDeclarationProblem(null);
    setBusy(true);
    try {
      onSubmitted(await api.submitApplication(application.id));
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        const declaration = error.fieldErrors.find((e) => e.field === 'declaration_accepted');
        if (declaration !== undefined) setDeclarationProblem({ code: declaration.code, message: declaration.message });
        const rest = error.fieldErrors.filter((e) => e.field !== 'declaration_accepted');
        setProblems(rest);
        if (rest.length === 0 && declaration === undefined) setFormError(error);
        window.requestAnimationFrame?.(() => document.getElementById('submit-problems')?.focus());
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const declarationError = declarationProblem !== null ? fieldMessage(t, declarationProblem.code, declarationProblem.message) : null;

  const editLink = (step: 'identity' | 'documents', section: string) => (
    <Link to={wizardPath(application.id, step)} className="review__edit">
      {t('review.edit')}
      <span className="visually-hidden"> {section}</span>
    </Link>
  );

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="page-heading">
      <p className="muted">{t('review.lead')}</p>
      <FormAlert error={formError} />
      {problems.length > 0 ? (
        <div className="alert alert--error" id="submit-problems" tabIndex={-1} role="alert" data-testid="submit-problems">
          <p>{t('review.errorsTitle')}</p>
          <ul className="problem-list">
            {problems.map((problem, index) => {
              const step = stepForField(problem.field);
              return (
                <li key={`${problem.field}-${index}`}>
                  <strong>{problemLabel(problem)}:</strong> {problemText(problem)}{' '}
                  {step !== 'review' ? (
                    <Link to={wizardPath(application.id, step)} state={{ fieldErrors: problems.filter((p) => stepForField(p.field) === step) }}>
                      {t('review.fixLink')}
                      <span className="visually-hidden"> {problemLabel(problem)}</span>
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {application.lines.length > 0 ? (
        <section className="review__section" aria-labelledby="review-lines">
          <h2 id="review-lines">{t('review.lines')}</h2>
          <ul className="plain-list">
            {application.lines.map((line) => (
              <li key={line.id} className="msisdn">
                {line.msisdn}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="review__section" aria-labelledby="review-identity">
        <div className="review__head">
          <h2 id="review-identity">{t('review.identity')}</h2>
          {editLink('identity', t('review.identity'))}
        </div>
        <dl className="facts" data-testid="review-identity">
          {profile.identity_fields.map((field) => (
            <div key={field}>
              <dt>{label(field)}</dt>
              <dd>{display(field)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="review__section" aria-labelledby="review-documents">
        <div className="review__head">
          <h2 id="review-documents">{t('review.documents')}</h2>
          {editLink('documents', t('review.documents'))}
        </div>
        <ul className="plain-list">
          {kinds.map((kind: ImageKind) => {
            const ok = application.documents[kind]?.accepted === true;
            return (
              <li key={kind} className="review__doc">
                <span className={ok ? 'badge badge--ok' : 'badge badge--warn'}>
                  <span aria-hidden="true">{ok ? '✓ ' : '! '}</span>
                  {ok ? t('review.photoOk') : t('review.photoMissing')}
                </span>{' '}
                {t(`documents.kind.${kind}`)}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="review__section" aria-labelledby="review-declaration">
        <h2 id="review-declaration">{t('review.declarationTitle')}</h2>
        <p className="declaration" id="declaration-text" lang={locale}>
          {text(profile.declaration)}
        </p>
        <div className={declarationError !== null ? 'field field--invalid' : 'field'}>
          <div className="check check--boxed">
            <input
              id="declaration-accept"
              type="checkbox"
              checked={declared}
              aria-invalid={declarationError !== null ? true : undefined}
              aria-describedby="declaration-text declaration-error"
              aria-required
              onChange={(e) => {
                setDeclared(e.target.checked);
                if (e.target.checked) setDeclarationProblem(null);
              }}
            />
            <label htmlFor="declaration-accept">{t('review.declare')}</label>
          </div>
          <p className="field__error" id="declaration-error" aria-live="polite">
            {declarationError !== null ? (
              <>
                <span className="field__error-icon" aria-hidden="true">
                  !
                </span>
                {declarationError}
              </>
            ) : null}
          </p>
        </div>
      </section>

      <SubmitButton busy={busy}>{application.status === 'resubmission_requested' ? t('review.resubmit') : t('review.submit')}</SubmitButton>
    </form>
  );
}
