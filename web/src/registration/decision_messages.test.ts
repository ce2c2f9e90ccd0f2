import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { decisionReasonText, decisionReasonTexts } from './decision_messages';

const en = translator('en');
const zh = translator('zh-CN');

describe('decisionReasonTexts', () => {
  it.each([
    // Photo reasons read as at upload, in the UI's language, whatever the server sent.
    [en, { code: 'image.blurred', message: 'srv', hint: 'srv hint' }, 'The photo is blurred.', 'Hold the phone steady, tap the screen to focus, and take it again.'],
    [zh, { code: 'image.no_face', message: 'No face', hint: 'x' }, '照片中看不到人脸。', '请正对镜头，面部不要有遮挡。'],
    // Taxonomy reasons: the server's localized message and hint.
    [
      zh,
      { code: 'document.expired', severity: 'fixable', message: '证件已过期。', hint: '请使用有效期内的证件重新拍照。' },
      '证件已过期。',
      '请使用有效期内的证件重新拍照。',
    ],
    [en, { code: 'data.name_mismatch', message: 'The name does not match the document.', hint: '' }, 'The name does not match the document.', null],
    // Without server text: a validation message with the same code, else a generic line.
    [zh, { code: 'document.expired', message: '' }, '该证件已过期，请使用有效期内的证件。', null],
    [zh, { code: 'id.birth_date_mismatch', message: '' }, '出生日期与证件号码不一致，请检查两项。', null],
    [zh, { code: 'review.other', message: '' }, '请查看工作人员的备注。', null],
    [en, { code: 'review.other' }, 'See the note from our staff.', null],
    [en, { code: 'review.other', hint: 'Call us.' }, 'See the note from our staff.', 'Call us.'],
  ] as const)('%#: %j', (t, reason, message, hint) => {
    expect(decisionReasonTexts(t, reason)).toEqual({ message, hint });
    expect(decisionReasonText(t, reason)).toBe(message);
  });
});
