// Translated text for identity field errors. Most codes map one-to-one to a `field.<code>` message;
// an under-age error also carries the profile's minimum age and its rule for minors, because "too
// young" alone would leave a 15-year-old without a way forward. Pure.
import type { JurisdictionProfile } from '../api/registration_types';
import type { Locale } from '../api/types';
import type { Translate } from '../i18n/i18n';
import { fieldMessage, type FieldProblemCode } from '../i18n/problem_messages';
import { localized } from './profile';

export function identityErrorText(t: Translate, problem: FieldProblemCode, profile: JurisdictionProfile, locale: Locale): string {
  if (problem.code === 'age.under_minimum') {
    const base = t('field.age.under_minimum', { age: profile.minimum_age });
    const minors = localized(profile.minors?.message, locale, profile.default_language);
    return minors !== '' ? `${base} ${minors}` : base;
  }
  return fieldMessage(t, problem.code, problem.message);
}
