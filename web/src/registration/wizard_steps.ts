// The registration wizard's steps and where to (re)open it: at the first step that still has
// something missing, at the step a submit error points to, or at the step a reviewer's reasons point
// to ("Fix and resubmit"). Pure; the server's `missing` list and error pointers are the input.
import type { Application, ApplicationStatus, DecisionReason } from '../api/registration_types';

export const kWizardSteps = ['identity', 'documents', 'review'] as const;
export type WizardStep = (typeof kWizardSteps)[number];

export function isWizardStep(value: string | undefined): value is WizardStep {
  return value !== undefined && (kWizardSteps as readonly string[]).includes(value);
}

/** The subscriber may still change data and images (same rule as the server's state machine). */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'resubmission_requested';
}

/** "/identity/full_name" → identity, "/documents/selfie" → documents, anything else → review. */
export function stepForPointer(pointer: string): WizardStep {
  if (pointer.startsWith('/identity/') || pointer === '/identity' || pointer === '/line_ids' || pointer.startsWith('/line_ids/')) {
    return 'identity';
  }
  if (pointer.startsWith('/documents/') || pointer === '/documents') return 'documents';
  return 'review';
}

/** The first step with anything missing; review when nothing is. */
export function firstIncompleteStep(application: Pick<Application, 'missing'>): WizardStep {
  const steps = (application.missing ?? []).map(stepForPointer);
  for (const step of kWizardSteps) {
    if (steps.includes(step)) return step;
  }
  return 'review';
}

// Reasons about the photos themselves; every other reason is about the entered data. Of the review
// taxonomy's document.* reasons, an expired document or a type not accepted are fixed on the
// Identity step (the expiry date and the document type are entered there; the person then walks
// on through the photos), a missing page on the Documents step.
const kDocumentReasonPrefixes = ['image.', 'photo.', 'selfie.', 'face.', 'documents.'];
const kDocumentReasonCodes = new Set([
  'document.missing',
  'document.missing_page',
  'document.quality_rejected',
  'document.unreadable',
  'document.image_mismatch',
]);

export function isDocumentReason(code: string): boolean {
  return kDocumentReasonCodes.has(code) || kDocumentReasonPrefixes.some((p) => code.startsWith(p));
}

/**
 * Where "Fix and resubmit" opens: Identity when any reason is about the data (the person then
 * walks forward through Documents too), Documents when every reason is about the photos.
 */
export function stepForReasons(reasons: readonly DecisionReason[]): WizardStep {
  if (reasons.length === 0) return 'identity';
  return reasons.every((r) => isDocumentReason(r.code)) ? 'documents' : 'identity';
}

export function wizardPath(applicationId: string, step: WizardStep): string {
  return `/applications/${encodeURIComponent(applicationId)}/${step}`;
}

export function statusPath(applicationId: string): string {
  return `/applications/${encodeURIComponent(applicationId)}`;
}

export function resumePath(applicationId: string): string {
  return `/applications/${encodeURIComponent(applicationId)}/edit`;
}

/** The same for a field name as ApiError reports it ("identity.full_name", "documents.selfie"). */
export function stepForField(field: string): WizardStep {
  return stepForPointer(`/${field.split('.').join('/')}`);
}

/** What a page carries to a wizard step in history.state: errors to show there at once. */
export interface StepNavState {
  fieldErrors?: Array<{ field: string; code: string; message: string }>;
}

export function navFieldErrors(state: Record<string, unknown>): Array<{ field: string; code: string; message: string }> {
  const list = state.fieldErrors;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (e): e is { field: string; code: string; message: string } =>
      typeof e === 'object' && e !== null && typeof (e as { field?: unknown }).field === 'string' && typeof (e as { code?: unknown }).code === 'string',
  ).map((e) => ({ field: e.field, code: e.code, message: typeof e.message === 'string' ? e.message : '' }));
}
