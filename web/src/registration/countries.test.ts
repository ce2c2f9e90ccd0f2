import { describe, expect, it } from 'vitest';
import { countryName, countryOptions, isCountryCode, kCountryCodes } from './countries';

describe('countries', () => {
  it('has the 249 assigned ISO 3166-1 alpha-2 codes, each once', () => {
    expect(kCountryCodes).toHaveLength(249);
    expect(new Set(kCountryCodes).size).toBe(249);
    expect(kCountryCodes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  it.each([
    ['CN', 'en', 'China'],
    ['CN', 'zh-CN', '中国'],
    ['PH', 'en', 'Philippines'],
    ['PH', 'zh-CN', '菲律宾'],
  ] as const)('%s in %s is %s', (code, locale, name) => {
    expect(countryName(code, locale)).toBe(name);
  });

  it('puts the profile’s country first, then sorts by name in the UI language', () => {
    const options = countryOptions('en', 'PH');
    expect(options[0]).toEqual({ code: 'PH', name: 'Philippines' });
    const rest = options.slice(1).map((o) => o.name);
    expect(rest).toEqual([...rest].sort(new Intl.Collator('en').compare));
    expect(countryOptions('zh-CN', 'CN')[0]).toEqual({ code: 'CN', name: '中国' });
    expect(countryOptions('en', null)).toHaveLength(249);
  });

  it.each([
    ['CN', true],
    ['XK', false],
    ['cn', false],
  ])('isCountryCode(%s) = %s', (code, expected) => {
    expect(isCountryCode(code)).toBe(expected);
  });
});
