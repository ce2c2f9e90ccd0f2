// A TextField for 6-digit codes (e-mail codes and authenticator codes): numeric keyboard on phones,
// one-time-code autofill, and pasted "123 456" or full-width digits cleaned up.
import { normalizeCode } from '../validation/validators';
import { TextField, type TextFieldProps } from './text_field';

export function CodeField(props: Omit<TextFieldProps, 'type' | 'inputMode'>) {
  const field = props.field;
  return (
    <TextField
      autoComplete="one-time-code"
      {...props}
      className={['field--code', props.className ?? ''].join(' ').trim()}
      field={{ ...field, onChange: (v) => field.onChange(normalizeCode(v)) }}
      type="text"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={12}
      autoCapitalize="off"
      spellCheck={false}
    />
  );
}
