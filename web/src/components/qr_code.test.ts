import { describe, expect, it } from 'vitest';
import { groupSecret, totpSecretFromUri } from './qr_code';

describe('totpSecretFromUri', () => {
  it.each([
    ['otpauth://totp/simreg:admin%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=simreg', 'JBSWY3DPEHPK3PXP'],
    ['otpauth://totp/x?issuer=simreg&secret=abcd234&digits=6', 'ABCD234'],
    ['otpauth://totp/x?issuer=simreg', ''],
  ])('%s → %s', (uri, secret) => {
    expect(totpSecretFromUri(uri)).toBe(secret);
  });
});

describe('groupSecret', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSW Y3DP EHPK 3PXP'],
    ['ABCDE', 'ABCD E'],
    ['ABCD', 'ABCD'],
    ['', ''],
  ])('%j → %j', (secret, grouped) => {
    expect(groupSecret(secret)).toBe(grouped);
  });
});
