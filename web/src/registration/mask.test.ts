import { describe, expect, it } from 'vitest';
import { maskDocumentNumber } from './mask';

describe('maskDocumentNumber', () => {
  it.each([
    ['110105199003070025', '••••••••••••••0025'],
    ['E12345678', '•••••5678'],
    ['N01-23-456789', '•••••••••6789'],
    ['123456', '••••56'],
    ['12345', '••••5'],
    ['12', '•2'],
    ['', ''],
  ])('%j → %j', (value, masked) => {
    expect(maskDocumentNumber(value)).toBe(masked);
  });
});
