import { describe, expect, it } from 'vitest';
import { offeredLocales } from './language_switcher';

describe('offeredLocales', () => {
  const cases: Array<[string, readonly string[] | undefined, readonly string[]]> = [
    ['profile not loaded yet: every language we have', undefined, ['en', 'zh-CN']],
    ['China: both', ['zh-CN', 'en'], ['en', 'zh-CN']],
    ['Philippines: English only', ['en'], ['en']],
    ['a profile language we do not translate is ignored', ['en', 'fil'], ['en']],
    ['no language we know: fall back to all', ['fil'], ['en', 'zh-CN']],
    ['empty list: fall back to all', [], ['en', 'zh-CN']],
  ];
  it.each(cases)('%s', (_name, languages, expected) => {
    expect(offeredLocales(languages)).toEqual(expected);
  });
});
