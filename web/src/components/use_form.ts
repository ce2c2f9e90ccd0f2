// Form state for every page: values, per-field error codes, one form-level error, a busy flag,
// and focus moved to the first invalid field after a failed submit (so screen readers read it).
// Errors are kept as codes and translated at render time, so they follow a language switch.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n_context';
import { fieldMessage, splitProblem, type FieldProblemCode } from '../i18n/problem_messages';

export interface BoundField {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  inputRef: (el: HTMLInputElement | null) => void;
}

export interface SubmitOptions<F extends string> {
  /** Problem codes that concern one field, e.g. {'staff.email_taken': 'email'}. */
  problemToField?: Readonly<Record<string, F>>;
}

export function useForm<F extends string>(formId: string, initial: Record<F, string>) {
  const { t } = useI18n();
  const fieldOrder = useRef(Object.keys(initial) as F[]).current;
  const initialValues = useRef(initial).current;
  const [values, setValues] = useState<Record<F, string>>(initial);
  const [errors, setErrors] = useState<Partial<Record<F, FieldProblemCode>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<F, HTMLInputElement | null>>>({});
  const pendingFocus = useRef<F | null>(null);
  const busyRef = useRef(false);

  useEffect(() => {
    const field = pendingFocus.current;
    if (field === null) return;
    pendingFocus.current = null;
    inputs.current[field]?.focus();
  });

  const focusFirst = (fieldErrors: Partial<Record<F, unknown>>) => {
    pendingFocus.current = fieldOrder.find((f) => fieldErrors[f] !== undefined) ?? null;
  };

  const setValue = useCallback((field: F, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => {
      if (prev[field] === undefined) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }, []);

  /** Back to the initial values with no field errors, e.g. ready for the next item after adding one. */
  const reset = useCallback(() => {
    setValues(initialValues);
    setErrors({});
  }, [initialValues]);

  const bind = (field: F): BoundField => {
    const problem = errors[field];
    return {
      id: `${formId}-${field}`,
      value: values[field],
      onChange: (value) => setValue(field, value),
      error: problem === undefined ? null : fieldMessage(t, problem.code, problem.message),
      inputRef: (el) => {
        inputs.current[field] = el;
      },
    };
  };

  /** Shows client-side validation codes; returns true when there was anything to show. */
  const reject = (codes: Partial<Record<F, string>>): boolean => {
    const next: Partial<Record<F, FieldProblemCode>> = {};
    for (const f of fieldOrder) {
      const code = codes[f];
      if (code !== undefined) next[f] = { code, message: '' };
    }
    if (Object.keys(next).length === 0) return false;
    setErrors(next);
    setFormError(null);
    focusFirst(next);
    return true;
  };

  /** Runs the request; on failure, places the problem's errors next to their fields. */
  const submit = async (action: () => Promise<void>, options: SubmitOptions<F> = {}): Promise<boolean> => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await action();
      return true;
    } catch (error) {
      const split = splitProblem(error, fieldOrder, options.problemToField);
      setErrors(split.fields as Partial<Record<F, FieldProblemCode>>);
      setFormError(split.formError);
      focusFirst(split.fields as Partial<Record<F, unknown>>);
      return false;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return { values, setValue, reset, bind, reject, submit, busy, formError, setFormError };
}
