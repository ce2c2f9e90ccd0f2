// A labelled input with optional hint and an always-present error slot. The error is linked with
// aria-describedby + aria-invalid and sits in a polite live region, so it is announced when it
// appears and read again whenever the field gets focus.
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { BoundField } from './use_form';

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'ref'>;

export interface TextFieldProps extends NativeProps {
  field: BoundField;
  label: ReactNode;
  hint?: ReactNode;
  /** Extra ids appended to aria-describedby (e.g. a password-rules list). */
  describedBy?: string;
  /** Rendered after the input, inside the field (e.g. a show-password toggle). */
  after?: ReactNode;
  optionalText?: string;
}

export function TextField({ field, label, hint, describedBy, after, optionalText, className, ...native }: TextFieldProps) {
  const hintId = `${field.id}-hint`;
  const errorId = `${field.id}-error`;
  const described = [hint !== undefined ? hintId : null, describedBy ?? null, errorId].filter(Boolean).join(' ');
  return (
    <div className={['field', field.error !== null ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <label className="field__label" htmlFor={field.id}>
        {label}
        {optionalText !== undefined ? <span className="field__optional"> {optionalText}</span> : null}
      </label>
      {hint !== undefined ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        type="text"
        {...native}
        id={field.id}
        ref={field.inputRef}
        className="field__input"
        value={field.value}
        onChange={(e) => field.onChange(e.target.value)}
        aria-invalid={field.error !== null ? true : undefined}
        aria-describedby={described}
        aria-required={optionalText === undefined ? true : undefined}
      />
      <p className="field__error" id={errorId} aria-live="polite">
        {field.error !== null ? (
          <>
            <span className="field__error-icon" aria-hidden="true">
              !
            </span>
            {field.error}
          </>
        ) : null}
      </p>
      {after}
    </div>
  );
}
