// A fieldset of checkboxes bound to one form field whose value is the comma-joined choices, so a
// "choose at least one" error flows through the same form machinery as a text field's: it sits
// under the group, linked by aria-describedby, and a failed submit focuses the first box.
import type { ReactNode } from 'react';
import type { BoundField } from './use_form';

/** The known choices in the field's value, in catalogue order (unknown or repeated ones dropped). */
export function parseChoices<T extends string>(value: string, catalogue: readonly T[]): T[] {
  const chosen = new Set(value.split(',').filter((c) => c !== ''));
  return catalogue.filter((c) => chosen.has(c));
}

/** The field value for a set of choices, in catalogue order whatever order they were ticked in. */
export function joinChoices<T extends string>(chosen: readonly T[], catalogue: readonly T[]): string {
  return catalogue.filter((c) => chosen.includes(c)).join(',');
}

export function CheckboxGroup<T extends string>({
  field,
  legend,
  options,
  optionLabel,
  gridClassName,
}: {
  field: BoundField;
  legend: string;
  options: readonly T[];
  optionLabel: (option: T) => ReactNode;
  gridClassName: string;
}) {
  const chosen = parseChoices(field.value, options);
  const errorId = `${field.id}-error`;
  const toggle = (option: T, on: boolean) => {
    field.onChange(joinChoices(on ? [...chosen, option] : chosen.filter((c) => c !== option), options));
  };
  return (
    <fieldset
      className={field.error !== null ? 'field roles field--invalid' : 'field roles'}
      aria-describedby={errorId}
      aria-invalid={field.error !== null ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className={gridClassName}>
        {options.map((option, index) => {
          const id = `${field.id}-${option}`;
          return (
            <div className="check" key={option}>
              <input
                id={id}
                type="checkbox"
                ref={index === 0 ? field.inputRef : undefined}
                checked={chosen.includes(option)}
                onChange={(e) => toggle(option, e.target.checked)}
              />
              <label htmlFor={id}>{optionLabel(option)}</label>
            </div>
          );
        })}
      </div>
      <p className="field__error" id={errorId} aria-live="polite">
        {field.error}
      </p>
    </fieldset>
  );
}
