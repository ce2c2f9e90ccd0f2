import { describe, expect, it } from 'vitest';
import { checkDate, checkField, fieldSpec, isMissing, savesOnChange, wireValue } from './identity_fields';

describe('checkDate', () => {
  it.each([
    ['1990-03-07', null],
    ['2024-02-29', null],
    ['2023-02-29', 'date.impossible'],
    ['1990-13-01', 'date.impossible'],
    ['1990-04-31', 'date.impossible'],
    ['1990-00-10', 'date.impossible'],
    ['0000-01-01', 'date.impossible'],
    ['1990-3-7', 'date.format'],
    ['07/03/1990', 'date.format'],
    ['', 'date.format'],
  ] as const)('%j → %s', (value, expected) => {
    expect(checkDate(value)).toBe(expected);
  });
});

describe('checkField (light client check before PATCH)', () => {
  it.each([
    ['full_name', '', null],
    ['full_name', '王小梅', null],
    ['full_name', 'x'.repeat(201), 'field.too_long'],
    ['full_name', '梅'.repeat(200), null],
    ['date_of_birth', '1990-02-30', 'date.impossible'],
    ['document_expiry', 'soon', 'date.format'],
    ['sex', 'F', null],
    ['sex', 'X', 'field.required'],
    ['contact_phone', '+86 138 0013 8000', null],
    ['contact_phone', '１３８００１３８０００', null],
    ['contact_phone', 'my cell', 'msisdn.invalid'],
    ['contact_phone', '123', 'msisdn.invalid'],
    ['document_number', '110105199003070025', null],
    ['some_new_field', 'anything', null],
  ] as const)('%s = %j → %s', (field, value, expected) => {
    expect(checkField(field, value)).toBe(expected);
  });
});

describe('wireValue', () => {
  it.each([
    ['full_name', '  Juan   dela Cruz ', 'Juan dela Cruz'],
    ['full_name', '   ', null],
    ['document_number', ' 1101 0519 9003 0702 5x ', '11010519900307025X'],
    ['document_number', 'n01-23-456789', 'N01-23-456789'],
    ['contact_phone', '138 0013 8000', '+8613800138000'],
    ['contact_phone', '+1 (201) 555-0123', '+12015550123'],
    ['date_of_birth', '1990-03-07', '1990-03-07'],
    ['nationality', '', null],
  ] as const)('%s %j → %j', (field, raw, expected) => {
    expect(wireValue(field, raw, 'CN')).toBe(expected);
  });
});

describe('field specs', () => {
  it.each([
    ['sex', 'sex', true],
    ['nationality', 'country', true],
    ['document_type', 'document_type', true],
    ['full_name', 'text', false],
    ['date_of_birth', 'date', false],
    ['address', 'textarea', false],
    ['contact_phone', 'tel', false],
    ['unknown_field', 'text', false],
  ] as const)('%s is entered as %s (saved on change: %s)', (field, input, onChange) => {
    expect(fieldSpec(field).input).toBe(input);
    expect(savesOnChange(field)).toBe(onChange);
  });

  it('reads the server’s missing list', () => {
    expect(isMissing(['/identity/full_name', '/documents/selfie'], 'full_name')).toBe(true);
    expect(isMissing(['/documents/full_name'], 'full_name')).toBe(false);
    expect(isMissing(undefined, 'full_name')).toBe(false);
  });
});
