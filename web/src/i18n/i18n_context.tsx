// React glue for i18n: the current locale, t(), and a setter that remembers explicit choices in
// localStorage and keeps <html lang> in step. Saving the choice to the account is the session's job.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../api/types';
import { detectLocale, isLocale, kLocaleStorageKey, translator, type Translate } from './i18n';

interface I18nValue {
  locale: Locale;
  t: Translate;
  /** True once the person picked a language in this browser (kept in localStorage). */
  explicit: boolean;
  /** explicit=true when the person picked it; false when adopted from their account. */
  setLocale: (locale: Locale, explicit: boolean) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStored(): Locale | null {
  try {
    const stored = window.localStorage.getItem(kLocaleStorageKey);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // storage disabled (private mode): fall back to the browser's languages
  }
}

function browserLanguages(): readonly string[] {
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [state, setState] = useState<{ locale: Locale; explicit: boolean }>(() => {
    if (initialLocale !== undefined) return { locale: initialLocale, explicit: false };
    const stored = readStored();
    return stored !== null ? { locale: stored, explicit: true } : { locale: detectLocale(browserLanguages()), explicit: false };
  });

  useEffect(() => {
    document.documentElement.lang = state.locale;
  }, [state.locale]);

  const setLocale = useCallback((locale: Locale, explicit: boolean) => {
    if (explicit) {
      try {
        window.localStorage.setItem(kLocaleStorageKey, locale);
      } catch {
        // Not persisted; the choice still applies to this page.
      }
    }
    setState((prev) => ({ locale, explicit: prev.explicit || explicit }));
  }, []);

  const value = useMemo(
    () => ({ locale: state.locale, explicit: state.explicit, t: translator(state.locale), setLocale }),
    [state, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
