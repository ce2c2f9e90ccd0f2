// Text for image quality reasons and hard upload failures. The server already sends each reason's
// message and hint in the session's language; the client translates by code too, so the report
// follows a language switch and reads the same as the rest of the UI. Unknown codes fall back to
// the server's text. Pure.
import { ApiError } from '../api/problem';
import type { QualityReason, QualityReport } from '../api/registration_types';
import { isMessageKey, type Translate } from '../i18n/i18n';

export function reasonText(t: Translate, reason: Pick<QualityReason, 'code'> & Partial<QualityReason>): { message: string; hint: string } {
  const messageKey = `${reason.code}.message`;
  const hintKey = `${reason.code}.hint`;
  const message = isMessageKey(messageKey) ? t(messageKey) : reason.message !== undefined && reason.message !== '' ? reason.message : t('image.unknown.message');
  const hint = isMessageKey(hintKey) ? t(hintKey) : reason.hint !== undefined && reason.hint !== '' ? reason.hint : t('image.unknown.hint');
  return { message, hint };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The quality report inside a 422 document.quality_rejected problem (its `report` extension). */
export function rejectedReport(error: unknown): QualityReport | null {
  if (!(error instanceof ApiError) || error.code !== 'document.quality_rejected') return null;
  const report = error.extensions.report;
  if (isRecord(report) && Array.isArray(report.reasons)) {
    const reasons: QualityReason[] = report.reasons.filter(isRecord).map((r) => ({
      code: typeof r.code === 'string' ? r.code : 'image.unknown',
      message: typeof r.message === 'string' ? r.message : '',
      hint: typeof r.hint === 'string' ? r.hint : '',
    }));
    return { ...(report as unknown as QualityReport), accepted: false, reasons };
  }
  // No report extension: rebuild the reasons from errors[] (one per reason).
  return {
    kind: 'id_front',
    accepted: false,
    reasons: error.fieldErrors.map((e) => ({ code: e.code, message: e.message, hint: '' })),
  };
}

// Types the server accepts; anything else is refused before uploading (no point sending it).
export const kAcceptedImageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
const kByExtension: Readonly<Record<string, string>> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** The Content-Type to send for a chosen file, or null when it is not a JPEG, PNG or WebP. */
export function uploadContentType(file: Pick<File, 'type' | 'name'>): string | null {
  const type = file.type.toLowerCase();
  if ((kAcceptedImageTypes as readonly string[]).includes(type)) return type;
  if (type !== '') return null;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return kByExtension[extension] ?? null;
}
