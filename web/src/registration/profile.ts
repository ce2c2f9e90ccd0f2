// Reading the jurisdiction profile (GET /api/v1/jurisdiction): texts in the current language, the
// document type chosen in a draft, and which images it needs. Pure functions; the form, the upload
// step and the review are all rendered from these, never from hard-coded country rules.
import type { Locale } from '../api/types';
import type { Application, DocumentTypeProfile, ImageKind, JurisdictionProfile, LocalizedText } from '../api/registration_types';

/**
 * The text in `locale`, else the profile's default language, else English, else any language,
 * else "" (a profile without the text at all).
 */
export function localized(text: LocalizedText | undefined | null, locale: Locale, fallback?: Locale): string {
  if (text === undefined || text === null) return '';
  for (const candidate of [locale, fallback, 'en']) {
    if (candidate === undefined) continue;
    const value = text[candidate];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  for (const value of Object.values(text)) {
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return '';
}

/** A localizer bound to the profile's default language as the second choice. */
export function profileText(profile: JurisdictionProfile, locale: Locale) {
  return (text: LocalizedText | undefined | null) => localized(text, locale, profile.default_language);
}

export function findDocumentType(profile: JurisdictionProfile, id: string | null | undefined): DocumentTypeProfile | null {
  if (id === null || id === undefined || id === '') return null;
  return profile.document_types.find((d) => d.id === id) ?? null;
}

/**
 * The images this application needs, in the order to take them: the server's required_documents
 * when it has computed them, else the chosen document type's list from the profile, else none
 * (no document type chosen yet).
 */
export function requiredImages(profile: JurisdictionProfile, application: Pick<Application, 'required_documents' | 'identity'>): ImageKind[] {
  if (Array.isArray(application.required_documents) && application.required_documents.length > 0) {
    return application.required_documents;
  }
  const type = findDocumentType(profile, application.identity.document_type);
  return type !== null ? type.images : [];
}

/** Whether the profile asks for this identity field at all. */
export function asksFor(profile: JurisdictionProfile, field: string): boolean {
  return profile.identity_fields.includes(field);
}
