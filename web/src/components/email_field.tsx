// A TextField for e-mail addresses: the e-mail keyboard on phones, no capitalised first letter or
// spell-check underline. autoComplete says whose address it is: the person's own ("email"), the
// account they sign in with ("username"), or someone else's, as when an admin adds staff ("off").
import { useI18n } from '../i18n/i18n_context';
import { TextField, type TextFieldProps } from './text_field';

type EmailFieldProps = Omit<TextFieldProps, 'label' | 'type' | 'inputMode' | 'autoCapitalize' | 'spellCheck'> & {
  autoComplete: 'email' | 'username' | 'off';
};

export function EmailField(props: EmailFieldProps) {
  const { t } = useI18n();
  return <TextField label={t('common.email')} {...props} type="email" inputMode="email" autoCapitalize="off" spellCheck={false} />;
}
