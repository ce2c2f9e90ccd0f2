// The password rules, shown under a new-password field and ticked off while the person types.
// The list is referenced from the input's aria-describedby; each rule states met/unmet in words.
import { useI18n } from '../i18n/i18n_context';
import type { MessageKey } from '../i18n/i18n';
import { passwordRules, type PasswordRuleState } from '../validation/validators';

const kRuleKeys: ReadonlyArray<[keyof PasswordRuleState, MessageKey]> = [
  ['min', 'rules.min'],
  ['max', 'rules.max'],
  ['noEmail', 'rules.noEmail'],
];

export function PasswordRules({ id, password, email }: { id: string; password: string; email: string }) {
  const { t } = useI18n();
  const state = passwordRules(password, email);
  const touched = password !== '';
  return (
    <div className="rules" id={id}>
      <p className="rules__title">{t('rules.title')}</p>
      <ul className="rules__list">
        {kRuleKeys.map(([rule, key]) => {
          const met = touched && state[rule];
          return (
            <li key={rule} className={met ? 'rules__item rules__item--met' : 'rules__item'}>
              <span className="rules__icon" aria-hidden="true">
                {met ? '✓' : '•'}
              </span>
              {t(key)}
              <span className="visually-hidden"> ({met ? t('rules.met') : t('rules.unmet')})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
