// Localized status badges for SIM lines and applications. The tone is a hint only; the word says it
// all. A status newer than this UI is shown as the server spelled it rather than blank.
import type { ApplicationStatus, LineStatus } from '../api/registration_types';
import { isMessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';

type Tone = 'ok' | 'warn' | 'info' | 'danger' | 'off';

const kLineTone: Record<LineStatus, Tone> = {
  unregistered: 'warn',
  pending: 'info',
  registered: 'ok',
  restricted: 'danger',
  frozen: 'off',
  cancelled: 'off',
};

const kApplicationTone: Record<ApplicationStatus, Tone> = {
  draft: 'off',
  submitted: 'info',
  in_review: 'info',
  approved: 'ok',
  rejected: 'danger',
  resubmission_requested: 'warn',
};

function Badge({ tone, text, testId }: { tone: Tone; text: string; testId: string }) {
  return (
    <span className={`badge badge--${tone}`} data-testid={testId}>
      {text}
    </span>
  );
}

export function LineStatusBadge({ status }: { status: LineStatus }) {
  const { t } = useI18n();
  const key = `lineStatus.${status}`;
  return <Badge tone={kLineTone[status] ?? 'off'} text={isMessageKey(key) ? t(key) : status} testId="line-status" />;
}

export function ApplicationStatusBadge({ status, testId = 'application-status' }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useI18n();
  const key = `applicationStatus.${status}`;
  return <Badge tone={kApplicationTone[status] ?? 'off'} text={isMessageKey(key) ? t(key) : status} testId={testId} />;
}
