// Shows a photo's quality verdict the moment the upload answers: a tick when accepted, otherwise
// every reason with what is wrong and what to do about it.
import type { QualityReport } from '../api/registration_types';
import { useI18n } from '../i18n/i18n_context';
import { reasonText } from '../registration/image_messages';

export function QualityReportView({ report }: { report: QualityReport }) {
  const { t } = useI18n();
  if (report.accepted) {
    return (
      <p className="report report--ok" data-testid="quality-accepted">
        <span className="report__icon" aria-hidden="true">
          ✓
        </span>
        {t('documents.accepted')}
      </p>
    );
  }
  return (
    <div className="report report--rejected" data-testid="quality-rejected">
      <p className="report__title">{t('documents.rejected')}</p>
      <ul className="report__reasons">
        {report.reasons.map((reason) => {
          const text = reasonText(t, reason);
          return (
            <li key={reason.code} className="report__reason" data-code={reason.code}>
              <p className="report__message">{text.message}</p>
              <p className="report__hint">
                <span className="report__hint-label">{t('documents.fix')} </span>
                {text.hint}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
