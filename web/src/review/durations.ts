// Human-readable durations for the supervisor dashboard ("4 min 05 s", "2 h 10 min"). Pure.
import type { Translate } from '../i18n/i18n';

export function formatDuration(t: Translate, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return t('duration.none');
  const s = Math.round(seconds);
  if (s < 60) return t('duration.seconds', { s });
  if (s < 3600) return t('duration.minutes', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  return t('duration.hours', { h: Math.floor(s / 3600), m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

/** 2.456 → "2.5"; formatted in the UI language. */
export function formatRate(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value);
}
