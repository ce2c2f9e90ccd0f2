import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter, pointerToField, problemFromResponse } from './problem';

describe('pointerToField', () => {
  it.each([
    ['/email', 'email'],
    ['/new_password', 'new_password'],
    ['/a/b', 'a.b'],
    ['/a~1b', 'a/b'],
    ['', ''],
  ])('%j → %j', (pointer, field) => {
    expect(pointerToField(pointer)).toBe(field);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['30', 30],
    [' 5 ', 5],
    ['Wed, 01 Jan 2025 00:01:00 GMT', 60],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%j → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('problemFromResponse', () => {
  it('reads a full problem+json with field errors and extensions', () => {
    const error = problemFromResponse(
      422,
      new Headers({ 'X-Request-Id': 'hdr-id' }),
      {
        type: 'https://simreg/problems/validation',
        title: 'Validation failed',
        status: 422,
        detail: 'Check the fields',
        code: 'validation.failed',
        request_id: 'body-id',
        errors: [
          { field: '/new_password', code: 'password.too_short', message: 'too short' },
          { field: '/email', code: 'email.invalid' },
          'junk',
        ],
      },
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation.failed');
    expect(error.detail).toBe('Check the fields');
    expect(error.requestId).toBe('body-id');
    expect(error.fieldErrors).toEqual([
      { field: 'new_password', code: 'password.too_short', message: 'too short' },
      { field: 'email', code: 'email.invalid', message: '' },
    ]);
    expect(error.fieldCodes()).toEqual({ new_password: 'password.too_short', email: 'email.invalid' });
    expect(error.extensions).toEqual({});
  });

  it('keeps extension members such as totp_uri', () => {
    const error = problemFromResponse(403, new Headers(), {
      code: 'auth.password_change_required',
      status: 403,
      totp_uri: 'otpauth://totp/simreg:a?secret=ABC',
    });
    expect(error.extensionString('totp_uri')).toBe('otpauth://totp/simreg:a?secret=ABC');
    expect(error.extensionString('missing')).toBeNull();
  });

  it('takes Retry-After from the header first', () => {
    const error = problemFromResponse(429, new Headers({ 'Retry-After': '17' }), { code: 'auth.too_many_attempts', retry_after_seconds: 99 });
    expect(error.retryAfterSeconds).toBe(17);
    const bodyOnly = problemFromResponse(429, new Headers(), { code: 'auth.too_many_attempts', retry_after_seconds: 99 });
    expect(bodyOnly.retryAfterSeconds).toBe(99);
  });

  it.each([[undefined], ['<html>Bad gateway</html>'], [{ message: 'no code' }], [[1, 2]]])(
    'turns a non-problem body %j into http.unexpected_response',
    (body) => {
      const error = problemFromResponse(502, new Headers({ 'X-Request-Id': 'r1' }), body);
      expect(error.code).toBe('http.unexpected_response');
      expect(error.status).toBe(502);
      expect(error.requestId).toBe('r1');
    },
  );
});
