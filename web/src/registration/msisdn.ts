// Phone numbers as people type them: the national format hint for the profile's country, and the
// E.164 form sent to the server (libphonenumber on the server stays the judge; this only removes
// spaces, punctuation and the national trunk prefix, as a person would when adding "+86"). Pure.
export interface DialingPlan {
  /** Country calling code without "+". */
  callingCode: string;
  /** Digit(s) dialled before a national number inside the country ("0" in the Philippines). */
  trunkPrefix: string;
  /** A mobile number in national format, shown as the example. */
  example: string;
}

// Only the countries simreg ships profiles for; others get the generic "+country code" hint.
const kPlans: Readonly<Record<string, DialingPlan>> = {
  CN: { callingCode: '86', trunkPrefix: '', example: '138 0013 8000' },
  PH: { callingCode: '63', trunkPrefix: '0', example: '0917 123 4567' },
  US: { callingCode: '1', trunkPrefix: '1', example: '(201) 555-0123' },
};

export function dialingPlan(country: string): DialingPlan | null {
  return kPlans[country] ?? null;
}

/** Full-width digits (Chinese input methods) and the full-width plus become ASCII. */
function asciiDigits(input: string): string {
  return input.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\uFF0B/g, '+');
}

/**
 * "+86 138-0013-8000", "138 0013 8000", "008613800138000" → "+8613800138000" for CN.
 * Returns null when the input cannot be a phone number at all (letters, too few/many digits).
 */
export function toE164(input: string, country: string): string | null {
  const text = asciiDigits(input).trim();
  if (text === '' || /[^\d\s()+\-./]/.test(text)) return null;
  const plus = text.startsWith('+');
  let digits = text.replace(/\D/g, '');
  if (!plus && digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (!plus) {
    const plan = dialingPlan(country);
    if (plan === null) return null;
    if (plan.trunkPrefix !== '' && digits.startsWith(plan.trunkPrefix)) digits = digits.slice(plan.trunkPrefix.length);
    digits = plan.callingCode + digits;
  }
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return null;
  return `+${digits}`;
}

/** Client-side check with the server's code: null when it could be a number, else msisdn.invalid. */
export function validateMsisdn(input: string, country: string): 'field.required' | 'msisdn.invalid' | null {
  if (input.trim() === '') return 'field.required';
  return toE164(input, country) === null ? 'msisdn.invalid' : null;
}
