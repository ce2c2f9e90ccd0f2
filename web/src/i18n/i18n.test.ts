import { describe, expect, it } from 'vitest';
import { en } from './en';
import { dictionaries, detectLocale, interpolate, isLocale, kLocales, translator } from './i18n';
import { zhCN } from './zh_cn';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('zh-CN and en have identical keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(kLocales)('%s has no empty or whitespace-only values', (locale) => {
    const empty = Object.entries(dictionaries[locale]).filter(([, v]) => v.trim() === '');
    expect(empty).toEqual([]);
  });

  it('every key uses the same {placeholders} in both languages', () => {
    const mismatched = Object.keys(en).filter(
      (k) => placeholders(en[k as keyof typeof en]).join() !== placeholders(zhCN[k as keyof typeof en]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('Chinese strings are actually translated (contain CJK) except language names and proper nouns', () => {
    const untranslated = Object.entries(zhCN).filter(([k, v]) => !/[\u4e00-\u9fff]/.test(v) && !['lang.en', 'lang.zh-CN', 'common.listSeparator'].includes(k));
    expect(untranslated).toEqual([]);
  });

  it('has a field message for every code the server documents', () => {
    for (const code of [
      'email.invalid',
      'password.too_short',
      'password.too_long',
      'password.contains_email',
      'locale.unsupported',
      'roles.invalid',
      'roles.empty',
      'password.reused',
      'store_id.invalid',
    ]) {
      expect(Object.keys(en)).toContain(`field.${code}`);
    }
  });
});

describe('back-office keys (issue 4)', () => {
  it.each([
    ['problem.review.claimed_by_other'],
    ['problem.review.not_holder'],
    ['problem.review.four_eyes_required'],
    ['problem.application.invalid_transition.staff'],
    ['field.reason.unknown'],
    ['field.url.invalid'],
    ['field.events.empty'],
    ...['duplicate_document', 'cap_exceeded', 'cross_field_mismatch'].map((f) => [`flag.${f}`]),
    ...['total', 'overdue', 'due_today', 'flagged', 'resubmissions', 'escalated', 'claimed'].map((c) => [`counts.${c}`]),
    ...['approved', 'rejected', 'resubmission_requested'].map((o) => [`outcome.${o}`]),
    ...['application.submitted', 'application.decided', 'sim.status_changed'].map((e) => [`event.${e}`]),
    ...['pending', 'delivered', 'failed'].map((d) => [`webhooks.delivery.${d}`]),
    ...['online', 'store'].map((c) => [`channel.${c}`]),
    ...['approve', 'reject', 'request_resubmission'].map((o) => [`decision.title.${o}`]),
  ])('%s exists in both languages', (key) => {
    expect(Object.keys(en)).toContain(key);
    expect(Object.keys(zhCN)).toContain(key);
  });
});

describe('detectLocale', () => {
  it.each([
    [['zh-CN', 'en-US'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
    [['ZH-cn'], 'zh-CN'],
    [['zhx'], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });
});

describe('interpolate / translator', () => {
  it.each([
    ['Hi {name}', { name: 'Mei' }, 'Hi Mei'],
    ['{a}+{a}={b}', { a: 1, b: 2 }, '1+1=2'],
    ['missing {x}', {}, 'missing {x}'],
    ['no params', undefined, 'no params'],
  ] as const)('%s', (template, params, expected) => {
    expect(interpolate(template, params)).toBe(expected);
  });

  it('looks up per locale', () => {
    expect(translator('en')('problem.withRetry', { message: 'Wait.', seconds: 30 })).toBe('Wait. You can try again in 30 seconds.');
    expect(translator('zh-CN')('problem.withRetry', { message: '请等待。', seconds: 30 })).toBe('请等待。请在 30 秒后重试。');
  });

  it.each([
    ['en', true],
    ['zh-CN', true],
    ['zh', false],
    ['', false],
    [null, false],
  ] as const)('isLocale(%j) = %s', (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });
});
