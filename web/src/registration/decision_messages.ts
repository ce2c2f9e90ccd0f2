// Text for a reviewer's decision reasons. A reason that reuses a validation or image code reads the
// same as it did in the form or at upload; any other reason shows the server's message (already in
// the session's language); a reason with neither gets a generic line. Pure.
import type { DecisionReason } from '../api/registration_types';
import { isMessageKey, type Translate } from '../i18n/i18n';

export function decisionReasonText(t: Translate, reason: DecisionReason): string {
  const candidates = [`decision.${reason.code}`, `${reason.code}.message`, `field.${reason.code}`];
  for (const key of candidates) {
    if (isMessageKey(key)) return t(key);
  }
  return typeof reason.message === 'string' && reason.message !== '' ? reason.message : t('decision.unknown');
}
