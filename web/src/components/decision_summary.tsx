// A reviewer's decision as the subscriber sees it: each reason with what to do about it (translated
// by code when the UI knows it, else the server's localized text) and the reviewer's note. Used on
// the status page and at the top of the wizard while changes are requested.
import type { Decision } from '../api/registration_types';
import { useI18n } from '../i18n/i18n_context';
import { decisionReasonTexts } from '../registration/decision_messages';

export function DecisionSummary({ decision, headingLevel = 2 }: { decision: Decision; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="decision" data-testid="decision">
      {decision.reasons.length > 0 ? (
        <>
          <Heading className="decision__title">{t('status.reasons')}</Heading>
          <ul className="decision__reasons">
            {decision.reasons.map((reason, index) => {
              const text = decisionReasonTexts(t, reason);
              return (
                <li key={`${reason.code}-${index}`} data-code={reason.code} className="decision__reason">
                  <p className="decision__message">{text.message}</p>
                  {text.hint !== null ? (
                    <p className="decision__hint">
                      <span className="report__hint-label">{t('decision.whatToDo')} </span>
                      {text.hint}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {decision.note !== null && decision.note.trim() !== '' ? (
        <>
          <Heading className="decision__title">{t('status.note')}</Heading>
          <blockquote className="decision__note">{decision.note}</blockquote>
        </>
      ) : null}
    </div>
  );
}
