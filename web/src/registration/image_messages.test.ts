import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { translator } from '../i18n/i18n';
import { reasonText, rejectedReport, uploadContentType } from './image_messages';

const en = translator('en');
const zh = translator('zh-CN');

describe('reasonText', () => {
  it.each([
    [en, { code: 'image.blurred', message: 'srv', hint: 'srv hint' }, 'The photo is blurred.', 'Hold the phone steady, tap the screen to focus, and take it again.'],
    [zh, { code: 'image.blurred', message: 'The photo is blurred.', hint: '' }, '照片模糊。', '请拿稳手机，点击屏幕对焦后重新拍摄。'],
    [zh, { code: 'image.glare', message: '', hint: '' }, '证件上有反光。', '请稍微倾斜证件，或远离灯光。'],
    [en, { code: 'image.new_check', message: 'Server message', hint: 'Server hint' }, 'Server message', 'Server hint'],
    [zh, { code: 'image.new_check', message: '', hint: '' }, '这张照片无法使用。', '请在光线充足处重新拍摄。'],
  ] as const)('%#: %s', (t, reason, message, hint) => {
    expect(reasonText(t, reason)).toEqual({ message, hint });
  });

  it('has a message and a hint for every quality code in the contract, in both languages', () => {
    for (const code of ['too_small', 'blurred', 'too_dark', 'overexposed', 'glare', 'not_filling_frame', 'no_face', 'multiple_faces']) {
      for (const t of [en, zh]) {
        const text = reasonText(t, { code: `image.${code}` });
        expect(text.message).not.toBe(t('image.unknown.message'));
        expect(text.hint).not.toBe(t('image.unknown.hint'));
      }
    }
  });
});

describe('rejectedReport', () => {
  it('reads the report extension of document.quality_rejected', () => {
    const error = new ApiError({
      status: 422,
      code: 'document.quality_rejected',
      extensions: {
        report: {
          kind: 'selfie',
          accepted: false,
          reasons: [{ code: 'image.no_face', message: 'No face', hint: 'Face the camera' }, 'junk'],
          measurements: { faces: 0 },
        },
      },
    });
    expect(rejectedReport(error)).toEqual({
      kind: 'selfie',
      accepted: false,
      reasons: [{ code: 'image.no_face', message: 'No face', hint: 'Face the camera' }],
      measurements: { faces: 0 },
    });
  });

  it('falls back to errors[] when the extension is missing', () => {
    const error = new ApiError({
      status: 422,
      code: 'document.quality_rejected',
      fieldErrors: [{ field: 'documents.id_front', code: 'image.blurred', message: 'Blurred' }],
    });
    expect(rejectedReport(error)?.reasons).toEqual([{ code: 'image.blurred', message: 'Blurred', hint: '' }]);
  });

  it.each([[new ApiError({ status: 413, code: 'image.too_large' })], [new TypeError('x')], [null]])('is null for %s', (error) => {
    expect(rejectedReport(error)).toBeNull();
  });
});

describe('uploadContentType', () => {
  it.each([
    [{ type: 'image/jpeg', name: 'a.jpg' }, 'image/jpeg'],
    [{ type: 'image/PNG', name: 'a.png' }, 'image/png'],
    [{ type: 'image/webp', name: 'x' }, 'image/webp'],
    [{ type: '', name: 'IMG_0001.JPG' }, 'image/jpeg'],
    [{ type: '', name: 'scan.jpeg' }, 'image/jpeg'],
    [{ type: 'image/heic', name: 'IMG_0001.HEIC' }, null],
    [{ type: 'application/pdf', name: 'id.jpg' }, null],
    [{ type: '', name: 'noext' }, null],
  ])('%j → %s', (file, expected) => {
    expect(uploadContentType(file)).toBe(expected);
  });
});
