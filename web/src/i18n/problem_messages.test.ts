import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { translator } from './i18n';
import { fieldMessage, problemMessage, splitProblem } from './problem_messages';

const en = translator('en');
const zh = translator('zh-CN');

const err = (status: number, code: string, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
  new ApiError({ status, code, detail: `server detail for ${code}`, ...extra });

describe('problemMessage', () => {
  it.each([
    [err(401, 'auth.invalid_credentials'), 'subscriber', en, 'The e-mail address or password is wrong.'],
    [err(401, 'auth.invalid_credentials'), 'staff', en, 'The e-mail address, password or authenticator code is wrong. Each code works only once.'],
    [err(401, 'auth.invalid_credentials'), 'subscriber', zh, '电子邮箱或密码错误。'],
    [err(403, 'auth.email_not_verified'), 'subscriber', zh, '请先验证电子邮箱，然后再登录。'],
    [err(409, 'staff.self_lockout'), 'staff', en, 'You can’t disable your own account or remove your own administrator role.'],
    [err(403, 'csrf.failed'), 'subscriber', en, 'Your security check expired. Reload the page and try again.'],
    [err(0, 'network.error', { detail: '' }), 'subscriber', zh, '无法连接到服务，请检查网络后重试。'],
    // Unknown code: the server's English detail is the fallback...
    [err(400, 'brand.new_code'), 'subscriber', zh, 'server detail for brand.new_code'],
    // ...and without a detail, a generic message chosen by status.
    [err(503, 'brand.new_code', { detail: '' }), 'subscriber', en, 'The service is busy right now. Please try again in a moment.'],
    [err(500, 'http.unexpected_response', { detail: '' }), 'subscriber', en, 'Something went wrong. Please try again.'],
    [err(429, 'auth.too_many_attempts', { retryAfterSeconds: 42 }), 'subscriber', en, 'Too many attempts. Please wait a while and try again. You can try again in 42 seconds.'],
    [err(429, 'auth.too_many_attempts', { retryAfterSeconds: 42 }), 'subscriber', zh, '尝试次数过多，请稍后再试。请在 42 秒后重试。'],
    [new TypeError('boom'), 'subscriber', en, 'Something went wrong. Please try again.'],
  ] as const)('%#: %s', (error, context, t, expected) => {
    expect(problemMessage(t, error, context)).toBe(expected);
  });
});

describe('fieldMessage', () => {
  it.each([
    ['password.too_short', en, '', 'Use at least 12 characters.'],
    ['password.too_short', zh, '', '密码至少需要 12 个字符。'],
    ['password.contains_email', zh, '', '密码中不能包含电子邮箱 @ 前面的部分。'],
    ['email.invalid', en, 'bad', 'Enter an e-mail address like name@example.com.'],
    ['roles.empty', zh, '', '请至少选择一个角色。'],
    ['totally.new', en, 'Server says no', 'Server says no'],
    ['totally.new', zh, '', '请检查此项。'],
    ['field.required', zh, 'This field is required.', '请填写此项。'],
    ['field.too_long', en, '', 'This is too long.'],
    ['password.reused', zh, '', '新密码不能与当前密码相同。'],
  ] as const)('%s', (code, t, serverMessage, expected) => {
    expect(fieldMessage(t, code, serverMessage)).toBe(expected);
  });
});

describe('splitProblem', () => {
  const validation = new ApiError({
    status: 422,
    code: 'validation.failed',
    fieldErrors: [
      { field: 'email', code: 'email.invalid', message: 'bad email' },
      { field: 'password', code: 'password.too_short', message: 'short' },
      { field: 'password', code: 'password.contains_email', message: 'second error on same field is dropped' },
    ],
  });

  it('places every field error on its field and needs no form message when all fit', () => {
    const split = splitProblem(validation, ['email', 'password']);
    expect(split.fields).toEqual({
      email: { code: 'email.invalid', message: 'bad email' },
      password: { code: 'password.too_short', message: 'short' },
    });
    expect(split.formError).toBeNull();
  });

  it('keeps a form-level message when an error names a field the form does not show', () => {
    const split = splitProblem(validation, ['password']);
    expect(Object.keys(split.fields)).toEqual(['password']);
    expect(split.formError).toBe(validation);
  });

  it('maps a problem code onto a field when asked (409 staff.email_taken → email)', () => {
    const taken = new ApiError({ status: 409, code: 'staff.email_taken', detail: 'taken' });
    const split = splitProblem(taken, ['email', 'roles'], { 'staff.email_taken': 'email' });
    expect(split.fields).toEqual({ email: { code: 'staff.email_taken', message: 'taken' } });
    expect(split.formError).toBeNull();
    expect(fieldMessage(zh, split.fields.email!.code)).toBe('已有员工账户使用此电子邮箱。');
  });

  it('keeps non-field problems at form level', () => {
    const creds = new ApiError({ status: 401, code: 'auth.invalid_credentials' });
    expect(splitProblem(creds, ['email', 'password'])).toEqual({ fields: {}, formError: creds });
  });
});
