import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { decisionReasonText } from './decision_messages';

const en = translator('en');
const zh = translator('zh-CN');

describe('decisionReasonText', () => {
  it.each([
    [en, { code: 'image.blurred', message: 'srv' }, 'The photo is blurred.'],
    [zh, { code: 'document.expired', message: 'srv' }, '该证件已过期，请使用有效期内的证件。'],
    [zh, { code: 'id.birth_date_mismatch', message: '' }, '出生日期与证件号码不一致，请检查两项。'],
    [en, { code: 'review.photo_does_not_match', message: 'The selfie does not match the ID photo.' }, 'The selfie does not match the ID photo.'],
    [zh, { code: 'review.other', message: '' }, '请查看工作人员的备注。'],
    [en, { code: 'review.other' }, 'See the note from our staff.'],
    [en, { code: 'image.no_face' }, 'No face can be seen.'],
  ] as const)('%#: %j', (t, reason, expected) => {
    expect(decisionReasonText(t, reason)).toBe(expected);
  });
});
