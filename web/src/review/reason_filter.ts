// The reason taxonomy as the decision panel uses it: which reasons fit an outcome (reject takes final
// reasons, request_resubmission fixable ones, approve none), typing-to-filter on code and text in the
// current language, and the selection rules the server enforces, checked before sending. Pure.
import type { ReasonInfo, ReviewOutcome, Severity } from '../api/review_types';
import type { Locale } from '../api/types';

export function severityFor(outcome: ReviewOutcome): Severity | null {
  if (outcome === 'reject') return 'final';
  if (outcome === 'request_resubmission') return 'fixable';
  return null;
}

export function reasonsForOutcome(reasons: readonly ReasonInfo[], outcome: ReviewOutcome): ReasonInfo[] {
  const severity = severityFor(outcome);
  return severity === null ? [] : reasons.filter((r) => r.severity === severity);
}

/** The reason's message in `locale`, else English, else its code. */
export function reasonMessage(reason: ReasonInfo, locale: Locale): string {
  return reason.text[locale]?.message ?? reason.text.en?.message ?? reason.code;
}

export function reasonHint(reason: ReasonInfo, locale: Locale): string {
  return reason.text[locale]?.hint ?? reason.text.en?.hint ?? '';
}

/**
 * Reasons whose code or message contains every whitespace-separated word of `query`,
 * case-insensitively, in catalogue order.
 */
export function filterReasons(reasons: readonly ReasonInfo[], query: string, locale: Locale): ReasonInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...reasons];
  return reasons.filter((r) => {
    const haystack = `${r.code} ${reasonMessage(r, locale)} ${r.category}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export type SelectionProblem = 'reasons.required' | 'reasons.not_allowed' | null;

/** What the server would refuse about this choice of reasons (422), or null when it fits. */
export function selectionProblem(outcome: ReviewOutcome, selected: readonly string[], catalogue: readonly ReasonInfo[]): SelectionProblem {
  if (outcome === 'approve') return selected.length === 0 ? null : 'reasons.not_allowed';
  const severity = severityFor(outcome);
  const chosen = selected.map((code) => catalogue.find((r) => r.code === code));
  if (chosen.some((r) => r === undefined || r.severity !== severity)) return 'reasons.not_allowed';
  return chosen.length === 0 ? 'reasons.required' : null;
}
