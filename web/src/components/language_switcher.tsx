// Visible on every page: one button per language, each labelled in its own language (so a person
// who can't read the current one still finds theirs), the current one marked with aria-pressed.
// Only the jurisdiction profile's UI languages are offered (all of ours until it has loaded, or if
// it cannot be loaded); with a single language there is nothing to switch and nothing is shown.
import type { Locale } from '../api/types';
import { kLocales } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useProfile } from '../registration/use_profile';
import { useSession } from '../session/session_context';

export function offeredLocales(profileLanguages: readonly string[] | undefined): readonly Locale[] {
  if (profileLanguages === undefined) return kLocales;
  const offered = kLocales.filter((l) => profileLanguages.includes(l));
  return offered.length > 0 ? offered : kLocales;
}

export function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const { chooseLocale } = useSession();
  const profile = useProfile();
  const locales = offeredLocales(profile.status === 'ready' ? profile.profile.languages : undefined);
  if (locales.length === 1 && locales[0] === locale) return null;
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      <span className="lang-switch__icon" aria-hidden="true" />
      {locales.map((l: Locale) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-switch__option"
          aria-pressed={l === locale}
          onClick={() => {
            if (l !== locale) chooseLocale(l);
          }}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}
