// Text for a reviewer's decision reasons: what is wrong and what to do. Photo reasons (image.*) read
// exactly as they did at upload, from this UI's dictionary, so they follow a language switch; every
// other reason shows the server's text from the shared reason taxonomy (already in the subscriber's
// language); without server text, a matching validation message; else a generic line. Pure.
import type { DecisionReason } from '../api/registration_types';
import { isMessageKey, type Translate } from '../i18n/i18n';

export interface ReasonTexts {
  message: string;
  /** What to do; null when neither the UI nor the server has a hint. */
  hint: string | null;
}

export function decisionReasonTexts(t: Translate, reason: DecisionReason): ReasonTexts {
  const messageKey = `${reason.code}.message`;
  const hintKey = `${reason.code}.hint`;
  if (isMessageKey(messageKey)) {
    return { message: t(messageKey), hint: isMessageKey(hintKey) ? t(hintKey) : nonEmpty(reason.hint) };
  }
  const serverMessage = nonEmpty(reason.message);
  if (serverMessage !== null) return { message: serverMessage, hint: nonEmpty(reason.hint) };
  for (const key of [`decision.${reason.code}`, `field.${reason.code}`]) {
    if (isMessageKey(key)) return { message: t(key), hint: nonEmpty(reason.hint) };
  }
  return { message: t('decision.unknown'), hint: nonEmpty(reason.hint) };
}

/** The message alone (lists and summaries). */
export function decisionReasonText(t: Translate, reason: DecisionReason): string {
  return decisionReasonTexts(t, reason).message;
}

function nonEmpty(text: string | undefined): string | null {
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}
