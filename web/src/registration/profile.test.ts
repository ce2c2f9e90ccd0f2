import { describe, expect, it } from 'vitest';
import { application, kCnProfile, kPhProfile } from '../test/registration_fixtures';
import { asksFor, findDocumentType, localized, requiredImages } from './profile';

describe('localized', () => {
  it.each([
    [{ en: 'Passport', 'zh-CN': '护照' }, 'zh-CN', undefined, '护照'],
    [{ en: 'Passport', 'zh-CN': '护照' }, 'en', undefined, 'Passport'],
    [{ en: 'Passport' }, 'zh-CN', undefined, 'Passport'],
    [{ 'zh-CN': '护照' }, 'en', undefined, '护照'],
    [{ 'zh-CN': '护照', en: '  ' }, 'en', 'zh-CN', '护照'],
    [{ fil: 'Pasaporte' }, 'en', undefined, 'Pasaporte'],
    [{}, 'en', undefined, ''],
    [undefined, 'en', undefined, ''],
  ] as const)('%j in %s (fallback %s) → %j', (text, locale, fallback, expected) => {
    expect(localized(text, locale, fallback)).toBe(expected);
  });
});

describe('document types and images', () => {
  it.each([
    [kCnProfile, 'cn_resident_id', ['id_front', 'id_back', 'selfie']],
    [kCnProfile, 'passport', ['passport', 'selfie']],
    [kPhProfile, 'ph_drivers_license', ['id_front', 'selfie']],
    [kPhProfile, 'ph_philsys_id', ['id_front', 'id_back', 'selfie']],
    [kPhProfile, 'cn_resident_id', []],
    [kCnProfile, null, []],
  ] as const)('%#: %s needs %j', (profile, type, images) => {
    expect(requiredImages(profile, application({ identity: { document_type: type } }))).toEqual(images);
  });

  it('prefers the server’s required_documents when it has computed them', () => {
    const app = application({ identity: { document_type: 'passport' }, required_documents: ['passport'] });
    expect(requiredImages(kCnProfile, app)).toEqual(['passport']);
  });

  it('finds types by id and knows which fields the profile asks for', () => {
    expect(findDocumentType(kPhProfile, 'ph_umid')?.expiry_required).toBe(false);
    expect(findDocumentType(kPhProfile, '')).toBeNull();
    expect(asksFor(kCnProfile, 'contact_phone')).toBe(true);
    expect(asksFor(kPhProfile, 'contact_phone')).toBe(false);
  });
});
