// Locale selection and string lookup, free of React so it is unit-testable.
// Contract: translate() never returns an empty string for a known key; unknown params stay literal.
import type { Locale } from '../api/types';
import { en } from './en';
import { zhCN } from './zh_cn';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const kLocales: readonly Locale[] = ['en', 'zh-CN'];
export const kDefaultLocale: Locale = 'en';
export const kLocaleStorageKey = 'simreg.locale';

export const dictionaries: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (kLocales as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** First supported language in the browser's preference order (navigator.languages). */
export function detectLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    // Any Chinese variant gets Simplified Chinese: the only Chinese this UI has.
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return kDefaultLocale;
}

export function interpolate(template: string, params?: Params): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, params) => interpolate(dict[key], params);
}

/** t(key) when `key` exists, else `fallback` (codes newer than this UI stay readable). */
export function translateOr(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}
