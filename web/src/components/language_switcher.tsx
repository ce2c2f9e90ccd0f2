// Visible on every page: one button per language, each labelled in its own language (so a person
// who can't read the current one still finds theirs), the current one marked with aria-pressed.
import type { Locale } from '../api/types';
import { kLocales } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useSession } from '../session/session_context';

export function LanguageSwitcher() {
  const { t, locale } = useI18n();
  const { chooseLocale } = useSession();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      <span className="lang-switch__icon" aria-hidden="true" />
      {kLocales.map((l: Locale) => (
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
