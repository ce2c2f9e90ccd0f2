import { describe, expect, it } from 'vitest';
import {
  firstIncompleteStep,
  isDocumentReason,
  isEditable,
  navFieldErrors,
  stepForField,
  stepForPointer,
  stepForReasons,
  wizardPath,
} from './wizard_steps';

describe('firstIncompleteStep (where a resumed draft reopens)', () => {
  it.each([
    [['/identity/full_name', '/documents/selfie'], 'identity'],
    [['/documents/selfie', '/identity/address'], 'identity'],
    [['/documents/id_back'], 'documents'],
    [['/declaration_accepted'], 'review'],
    [[], 'review'],
  ] as const)('missing %j → %s', (missing, step) => {
    expect(firstIncompleteStep({ missing: [...missing] })).toBe(step);
  });
});

describe('stepForPointer / stepForField', () => {
  it.each([
    ['/identity/document_number', 'identity'],
    ['/line_ids', 'identity'],
    ['/documents/id_front', 'documents'],
    ['/declaration_accepted', 'review'],
    ['', 'review'],
  ] as const)('%j → %s', (pointer, step) => {
    expect(stepForPointer(pointer)).toBe(step);
  });

  it.each([
    ['identity.full_name', 'identity'],
    ['documents.selfie', 'documents'],
    ['declaration_accepted', 'review'],
  ] as const)('field %j → %s', (field, step) => {
    expect(stepForField(field)).toBe(step);
  });
});

describe('stepForReasons ("Fix and resubmit" opens here)', () => {
  const r = (code: string) => ({ code, message: '' });
  it.each([
    [[r('image.blurred')], 'documents'],
    [[r('image.glare'), r('document.missing'), r('face.mismatch')], 'documents'],
    [[r('id.check_digit')], 'identity'],
    [[r('image.blurred'), r('document.expired')], 'identity'],
    [[r('review.name_mismatch')], 'identity'],
    [[r('image.blurred'), r('selfie.not_matching'), r('document.missing_page')], 'documents'],
    [[r('document.missing_page'), r('data.date_of_birth_mismatch')], 'identity'],
    [[], 'identity'],
  ] as const)('%#: %j → %s', (reasons, step) => {
    expect(stepForReasons(reasons)).toBe(step);
  });

  it.each([
    ['image.too_dark', true],
    ['document.missing', true],
    ['document.expired', false],
    ['date.impossible', false],
    ['document.missing_page', true],
    ['selfie.not_matching', true],
    ['data.name_mismatch', false],
    ['document.type_not_accepted', false],
  ] as const)('isDocumentReason(%s) = %s', (code, expected) => {
    expect(isDocumentReason(code)).toBe(expected);
  });
});

describe('statuses, paths and carried errors', () => {
  it.each([
    ['draft', true],
    ['resubmission_requested', true],
    ['submitted', false],
    ['in_review', false],
    ['approved', false],
    ['rejected', false],
  ] as const)('isEditable(%s) = %s', (status, editable) => {
    expect(isEditable(status)).toBe(editable);
  });

  it('builds paths with the id encoded', () => {
    expect(wizardPath('app/1', 'documents')).toBe('/applications/app%2F1/documents');
  });

  it('reads only well-formed carried errors from history state', () => {
    expect(
      navFieldErrors({ fieldErrors: [{ field: 'identity.sex', code: 'id.sex_mismatch', message: 'm' }, { field: 3 }, 'x', { field: 'documents.selfie', code: 'document.missing' }] }),
    ).toEqual([
      { field: 'identity.sex', code: 'id.sex_mismatch', message: 'm' },
      { field: 'documents.selfie', code: 'document.missing', message: '' },
    ]);
    expect(navFieldErrors({})).toEqual([]);
  });
});
