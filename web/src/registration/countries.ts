// Nationalities for the identity form: the officially assigned ISO 3166-1 alpha-2 codes, named in
// the UI language by the browser's Intl.DisplayNames (no name tables shipped), sorted the way that
// language sorts, with the profile's own country first. Pure.
import type { Locale } from '../api/types';

const kCodes =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const kCountryCodes: readonly string[] = kCodes.split(' ');

export function isCountryCode(value: string): boolean {
  return kCountryCodes.includes(value);
}

export interface CountryOption {
  code: string;
  name: string;
}

/** The country's name in `locale`; the code itself when the browser has no name for it. */
export function countryName(code: string, locale: Locale): string {
  try {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryOptions(locale: Locale, first: string | null): CountryOption[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  } catch {
    names = null;
  }
  const collator = new Intl.Collator(locale);
  const all = kCountryCodes.map((code) => ({ code, name: names?.of(code) ?? code }));
  all.sort((a, b) => collator.compare(a.name, b.name));
  if (first === null) return all;
  const index = all.findIndex((c) => c.code === first);
  if (index <= 0) return all;
  const [head] = all.splice(index, 1);
  return head !== undefined ? [head, ...all] : all;
}
