// A reviewer's decision as the subscriber sees it: the reasons (translated by code when the UI knows
// it, else the server's message) and the reviewer's note. Used on the status page and at the top of
// the wizard while changes are requested.
import type { Decision } from '../api/registration_types';
import { useI18n } from '../i18n/i18n_context';
import { decisionReasonText } from '../registration/decision_messages';

export function DecisionSummary({ decision, headingLevel = 2 }: { decision: Decision; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="decision" data-testid="decision">
      {decision.reasons.length > 0 ? (
        <>
          <Heading className="decision__title">{t('status.reasons')}</Heading>
          <ul className="decision__reasons">
            {decision.reasons.map((reason, index) => (
              <li key={`${reason.code}-${index}`} data-code={reason.code}>
                {decisionReasonText(t, reason)}
              </li>
            ))}
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
