import { describe, expect, it } from 'vitest';
import { dialingPlan, toE164, validateMsisdn } from './msisdn';

describe('toE164', () => {
  it.each([
    ['138 0013 8000', 'CN', '+8613800138000'],
    ['138-0013-8000', 'CN', '+8613800138000'],
    ['+86 138 0013 8000', 'CN', '+8613800138000'],
    ['008613800138000', 'CN', '+8613800138000'],
    ['１３８００１３８０００', 'CN', '+8613800138000'],
    ['＋8613800138000', 'CN', '+8613800138000'],
    ['0917 123 4567', 'PH', '+639171234567'],
    ['917 123 4567', 'PH', '+639171234567'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['1 201 555 0123', 'US', '+12015550123'],
    ['+44 7700 900123', 'CN', '+447700900123'],
    ['0917 123 4567', 'XX', null],
    ['12345', 'CN', null],
    ['call me', 'CN', null],
    ['', 'CN', null],
    ['+1234567890123456', 'CN', null],
  ] as const)('%j in %s → %s', (input, country, expected) => {
    expect(toE164(input, country)).toBe(expected);
  });
});

describe('validateMsisdn', () => {
  it.each([
    ['', 'field.required'],
    ['  ', 'field.required'],
    ['138 0013 8000', null],
    ['13800', 'msisdn.invalid'],
    ['abc', 'msisdn.invalid'],
  ] as const)('%j → %s', (input, expected) => {
    expect(validateMsisdn(input, 'CN')).toBe(expected);
  });

  it('knows the dialing plans of the shipped profiles only', () => {
    expect(dialingPlan('CN')?.callingCode).toBe('86');
    expect(dialingPlan('PH')?.trunkPrefix).toBe('0');
    expect(dialingPlan('FR')).toBeNull();
  });
});
