// The frame every non-text control shares with TextField: a label (or legend, for radio groups),
// an optional hint, the control, and an always-present error slot linked by aria-describedby and
// announced politely. The control itself is rendered by the caller with the ids handed to it.
import type { ReactNode } from 'react';

export interface ControlProps {
  id: string;
  describedBy: string;
  invalid: boolean;
}

interface Props {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | null;
  /** Radio groups use <fieldset>/<legend>; everything else a <label for>. */
  group?: boolean;
  optionalText?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function FieldShell({ id, label, hint, error, group = false, optionalText, className, children }: Props) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, errorId].filter(Boolean).join(' ');
  const classes = ['field', error !== null ? 'field--invalid' : '', className ?? ''].join(' ').trim();
  const labelText = (
    <>
      {label}
      {optionalText !== undefined ? <span className="field__optional"> {optionalText}</span> : null}
    </>
  );
  const body = (
    <>
      {hint !== undefined ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: error !== null })}
      <p className="field__error" id={errorId} aria-live="polite">
        {error !== null ? (
          <>
            <span className="field__error-icon" aria-hidden="true">
              !
            </span>
            {error}
          </>
        ) : null}
      </p>
    </>
  );
  if (group) {
    return (
      <fieldset className={classes} id={id} aria-describedby={describedBy} aria-invalid={error !== null ? true : undefined}>
        <legend className="field__label">{labelText}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className={classes}>
      <label className="field__label" htmlFor={id}>
        {labelText}
      </label>
      {body}
    </div>
  );
}
