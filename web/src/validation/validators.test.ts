import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  collectErrors,
  emailLocalPart,
  normalizeCode,
  passwordRules,
  validateCode,
  validateConfirmation,
  validateEmail,
  validatePassword,
} from './validators';

describe('validateEmail', () => {
  it.each([
    ['mei@example.test', null],
    ['  mei@example.test  ', null],
    ['first.last+tag@sub.example.co', null],
    ['用户@例子.中国', null],
    ['', 'field.required'],
    ['   ', 'field.required'],
    ['mei', 'email.invalid'],
    ['mei@', 'email.invalid'],
    ['@example.test', 'email.invalid'],
    ['mei@example', 'email.invalid'],
    ['mei@@example.test', 'email.invalid'],
    ['mei lin@example.test', 'email.invalid'],
    ['mei@example..test', 'email.invalid'],
    [`${'a'.repeat(250)}@b.cd`, 'email.invalid'],
  ])('%j → %s', (email, expected) => {
    expect(validateEmail(email)).toBe(expected);
  });
});

describe('validatePassword (mirrors the server: 12..128, no e-mail local part)', () => {
  it.each([
    ['', 'mei@example.test', 'field.required'],
    ['a'.repeat(11), 'mei@example.test', 'password.too_short'],
    ['a'.repeat(12), 'mei@example.test', null],
    ['a'.repeat(128), 'mei@example.test', null],
    ['a'.repeat(129), 'mei@example.test', 'password.too_long'],
    ['my-MEI-password-1', 'mei@example.test', 'password.contains_email'],
    ['xxMeIxxxxxxxxxxx', 'Mei@example.test', 'password.contains_email'],
    ['correct horse battery', 'mei@example.test', null],
    ['correct horse battery', '', null],
    ['correct horse battery', 'not-an-email', null],
    ['密码密码密码密码密码密码', 'mei@example.test', null],
    ['密码密码密码密码密码', 'mei@example.test', 'password.too_short'],
    ['😀'.repeat(12), 'x@y.zz', null],
  ])('%j with %j → %s', (password, email, expected) => {
    expect(validatePassword(password, email)).toBe(expected);
  });

  it('reports every rule for the live checklist', () => {
    expect(passwordRules('short', 'short@example.test')).toEqual({ min: false, max: true, noEmail: false });
    expect(passwordRules('a long enough one', 'mei@example.test')).toEqual({ min: true, max: true, noEmail: true });
  });
});

describe('helpers', () => {
  it.each([
    ['abc', 3],
    ['密码', 2],
    ['😀😀', 2],
  ])('codePointLength(%j) = %d', (text, n) => {
    expect(codePointLength(text)).toBe(n);
  });

  it.each([
    ['Mei.Lin@Example.test', 'mei.lin'],
    ['a@b@c.d', 'a@b'],
    ['nobody', ''],
    ['@x.y', ''],
  ])('emailLocalPart(%j) = %j', (email, local) => {
    expect(emailLocalPart(email)).toBe(local);
  });

  it.each([
    ['123456', null],
    [' 123456 ', null],
    ['', 'field.required'],
    ['12345', 'code.invalid'],
    ['1234567', 'code.invalid'],
    ['12a456', 'code.invalid'],
    ['１２３４５６', 'code.invalid'],
  ])('validateCode(%j) = %s', (code, expected) => {
    expect(validateCode(code)).toBe(expected);
  });

  it.each([
    ['123 456', '123456'],
    ['123-456', '123456'],
    ['１２３４５６', '123456'],
    ['12345678', '123456'],
    ['abc', ''],
  ])('normalizeCode(%j) = %j', (input, expected) => {
    expect(normalizeCode(input)).toBe(expected);
  });

  it.each([
    ['same password!', 'same password!', null],
    ['same password!', 'other', 'password.mismatch'],
    ['same password!', '', 'field.required'],
  ])('validateConfirmation(%j, %j) = %s', (a, b, expected) => {
    expect(validateConfirmation(a, b)).toBe(expected);
  });

  it('collectErrors keeps failures only, in order', () => {
    expect(collectErrors({ email: null, password: 'password.too_short', code: 'field.required' })).toEqual({
      password: 'password.too_short',
      code: 'field.required',
    });
  });
});
