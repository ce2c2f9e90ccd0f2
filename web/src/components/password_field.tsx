// A TextField for passwords with a "show password" checkbox (people on phones mistype a lot).
import { useState } from 'react';
import { useI18n } from '../i18n/i18n_context';
import { TextField, type TextFieldProps } from './text_field';

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'after'> & {
  autoComplete: 'current-password' | 'new-password' | 'one-time-code';
};

export function PasswordField(props: PasswordFieldProps) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  const toggleId = `${props.field.id}-show`;
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      after={
        <div className="field__toggle">
          <input id={toggleId} type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />
          <label htmlFor={toggleId}>{t('common.showPassword')}</label>
        </div>
      }
    />
  );
}
