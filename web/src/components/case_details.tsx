// The case page's right half: the typed identity (in full for the holder, masked otherwise with
// per-field "Show" that the server audits), the lines, validator results, automated checks (flags,
// duplicates with links to those cases, the SIM cap, document-number cross checks), the escalation,
// the history and earlier decisions with their reasons. Read-only; actions live on the page.
import type { CaseReasonText, IdentityField, ReviewCase } from '../api/review_types';
import type { JurisdictionProfile } from '../api/registration_types';
import { formatCalendarDate, formatDateTime } from '../i18n/format';
import { isMessageKey, translateOr, type Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { fieldMessage } from '../i18n/problem_messages';
import { countryName } from '../registration/countries';
import { findDocumentType, localized } from '../registration/profile';
import { reasonText } from '../registration/image_messages';
import { casePath } from '../review/case_handoff';
import { kIdentityFields } from '../api/review_types';
import { Link } from '../router/router';
import { ApplicationStatusBadge, LineStatusBadge } from './status_badges';
import type { Locale } from '../api/types';

export function flagLabel(t: Translate, flag: string): string {
  const key = `flag.${flag}`;
  return isMessageKey(key) ? t(key) : flag;
}

export function FlagBadges({ flags, escalated }: { flags: readonly string[]; escalated: boolean }) {
  const { t } = useI18n();
  if (flags.length === 0 && !escalated) return null;
  return (
    <ul className="chips chips--flags">
      {flags.map((f) => (
        <li key={f} className="chip chip--flag" data-flag={f}>
          {flagLabel(t, f)}
        </li>
      ))}
      {escalated ? <li className="chip chip--escalated">{t('flag.escalated')}</li> : null}
    </ul>
  );
}

export function identityLabel(t: Translate, field: string): string {
  const key = `identity.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

function identityValue(t: Translate, locale: Locale, profile: JurisdictionProfile | null, field: IdentityField, value: string, masked: boolean): string {
  if (masked) return value;
  if (field === 'date_of_birth' || field === 'document_expiry') return formatCalendarDate(value, locale);
  if (field === 'sex') {
    const key = `identity.sex.${value}`;
    return isMessageKey(key) ? t(key) : value;
  }
  if (field === 'nationality') return `${countryName(value, locale)} (${value})`;
  if (field === 'document_type' && profile !== null) {
    const type = findDocumentType(profile, value);
    if (type !== null) return localized(type.label, locale, profile.default_language);
  }
  return value;
}

function ReasonList({ reasons }: { reasons: readonly CaseReasonText[] }) {
  const { t } = useI18n();
  return (
    <ul className="plain-list reason-list">
      {reasons.map((r) => {
        const text = reasonText(t, r);
        return (
          <li key={r.code} data-code={r.code}>
            <strong>{text.message}</strong> <code className="reasons__code">{r.code}</code>
          </li>
        );
      })}
    </ul>
  );
}

function outcomeLabel(t: Translate, outcome: string): string {
  const key = `outcome.${outcome}`;
  return isMessageKey(key) ? t(key) : outcome;
}

interface Props {
  review: ReviewCase;
  profile: JurisdictionProfile | null;
  /** Values revealed with "Show" (masked view only). */
  unmasked: Partial<Record<IdentityField, string | null>>;
  onUnmask?: (fields: IdentityField[]) => void;
  unmaskBusy?: boolean;
}

export function CaseDetails({ review, profile, unmasked, onUnmask, unmaskBusy = false }: Props) {
  const { t, locale } = useI18n();
  const fields = kIdentityFields.filter((f) => review.identity[f] !== undefined);
  const checks = review.checks;
  const verdict = (v: boolean | null) => (v === null ? t('case.notEncoded') : v ? t('case.matches') : t('case.mismatch'));
  return (
    <div className="case-details">
      <section className="case-section" aria-labelledby="identity-title" data-testid="case-identity">
        <h2 id="identity-title">{t('case.identity')}</h2>
        {review.masked ? <p className="muted">{t('case.maskedNote')}</p> : null}
        <dl className="facts facts--compact">
          {fields.map((field) => {
            const revealed = unmasked[field];
            const shownMasked = review.masked && revealed === undefined;
            const raw = revealed !== undefined ? revealed : review.identity[field];
            return (
              <div key={field} data-field={field}>
                <dt>{identityLabel(t, field)}</dt>
                <dd>
                  <span className={shownMasked ? 'masked-value' : 'identity-value'} data-testid={`identity-${field}`}>
                    {raw === null || raw === undefined || raw === '' ? t('review.notGiven') : identityValue(t, locale, profile, field, raw, shownMasked)}
                  </span>
                  {shownMasked && onUnmask !== undefined && raw !== null && raw !== undefined ? (
                    <button
                      type="button"
                      className="button button--link button--inline"
                      aria-label={t('case.unmaskField', { field: identityLabel(t, field) })}
                      aria-disabled={unmaskBusy ? true : undefined}
                      onClick={() => {
                        if (!unmaskBusy) onUnmask([field]);
                      }}
                    >
                      {t('case.unmask')}
                    </button>
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>

      <section className="case-section" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('case.lines')}</h2>
        <ul className="plain-list">
          {review.lines.map((line) => (
            <li key={line.id} className="case-line" data-testid="case-line">
              <span className="msisdn">{line.msisdn_masked}</span> <LineStatusBadge status={line.status} />
            </li>
          ))}
        </ul>
      </section>

      <section className="case-section" aria-labelledby="validation-title" data-testid="case-validation">
        <h2 id="validation-title">{t('case.validation')}</h2>
        {review.validation.valid && review.validation.errors.length === 0 ? (
          <p className="report report--ok">{t('case.valid')}</p>
        ) : (
          <>
            <p className="warning">{t('case.invalid')}</p>
            <ul className="plain-list">
              {review.validation.errors.map((e, i) => {
                const field = e.field.replace(/^\/?identity\//, '').replace(/^\//, '');
                return (
                  <li key={`${e.field}-${i}`} data-code={e.code}>
                    <strong>{identityLabel(t, field)}:</strong> {fieldMessage(t, e.code)}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      <section className="case-section" aria-labelledby="checks-title" data-testid="case-checks">
        <h2 id="checks-title">{t('case.checks')}</h2>
        <h3>{t('case.flags')}</h3>
        {review.flags.length === 0 && !review.escalated ? <p className="muted">{t('case.noFlags')}</p> : <FlagBadges flags={review.flags} escalated={review.escalated} />}
        <h3>{t('case.duplicates')}</h3>
        {checks.duplicates.length === 0 ? (
          <p className="muted">{t('case.noDuplicates')}</p>
        ) : (
          <ul className="plain-list" data-testid="duplicates">
            {checks.duplicates.map((d) => (
              <li key={d.application_id}>
                <Link to={casePath(d.application_id)}>{d.application_id}</Link> <ApplicationStatusBadge status={d.status} testId="duplicate-status" />{' '}
                <span className="muted">{d.same_subscriber ? t('case.dupSame') : t('case.dupOther')}</span>
              </li>
            ))}
          </ul>
        )}
        {checks.registered_lines_same_document > 0 ? (
          <p data-testid="registered-same">{t('case.registeredSame', { count: checks.registered_lines_same_document })}</p>
        ) : null}
        <h3>{t('case.cap')}</h3>
        <p data-testid="cap-check">
          {checks.cap.limit === null
            ? t('case.capNoLimit', { count: checks.cap.would_hold })
            : t('case.capValue', { count: checks.cap.would_hold, limit: checks.cap.limit })}
          {checks.cap.exceeded ? <span className="badge badge--danger badge--spaced">{t('case.capExceeded')}</span> : null}
        </p>
        <h3>{t('case.crossField')}</h3>
        {checks.cross_field.applicable ? (
          <ul className="plain-list" data-testid="cross-field">
            <li className={checks.cross_field.date_of_birth_matches === false ? 'check--bad' : 'check--ok'}>
              {t('case.dobCheck', { verdict: verdict(checks.cross_field.date_of_birth_matches) })}
            </li>
            <li className={checks.cross_field.sex_matches === false ? 'check--bad' : 'check--ok'}>
              {t('case.sexCheck', { verdict: verdict(checks.cross_field.sex_matches) })}
            </li>
          </ul>
        ) : (
          <p className="muted">{t('case.crossNotApplicable')}</p>
        )}
      </section>

      {review.escalation !== null ? (
        <section className="case-section" aria-labelledby="escalation-title">
          <h2 id="escalation-title">{t('case.escalation')}</h2>
          <p>{t('case.escalatedAt', { date: formatDateTime(review.escalation.at, locale) })}</p>
          {review.escalation.note !== null && review.escalation.note !== '' ? <blockquote className="decision__note">{review.escalation.note}</blockquote> : null}
        </section>
      ) : null}

      <section className="case-section" aria-labelledby="previous-title" data-testid="previous-decisions">
        <h2 id="previous-title">{t('case.previous')}</h2>
        {review.previous_decisions.length === 0 ? <p className="muted">{t('case.noPrevious')}</p> : null}
        {review.previous_decisions.map((d, i) => (
          <div key={`${d.decided_at}-${i}`} className="previous-decision">
            <p>
              <strong>{outcomeLabel(t, d.outcome)}</strong> · <time dateTime={d.decided_at}>{formatDateTime(d.decided_at, locale)}</time>
            </p>
            <ReasonList reasons={d.reasons} />
            {d.note !== null && d.note !== '' ? <blockquote className="decision__note">{d.note}</blockquote> : null}
          </div>
        ))}
      </section>

      <section className="case-section" aria-labelledby="history-title">
        <h2 id="history-title">{t('case.history')}</h2>
        <ol className="timeline">
          {review.history.map((h, i) => (
            <li key={`${h.at}-${i}`} className="timeline__item">
              <span>
                {h.from !== null ? `${translateOr(t, `applicationStatus.${h.from}`, h.from)} → ` : ''}
                {translateOr(t, `applicationStatus.${h.to}`, h.to)}
              </span>
              <span className="timeline__meta">
                <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time>
                {' · '}
                {translateOr(t, `caseActor.${h.actor}`, h.actor)}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
