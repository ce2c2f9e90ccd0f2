// Saves the identity form field by field: on blur (typed fields) or on change (picked ones) the
// field is checked lightly and PATCHed; the server's verdict (errors[] at JSON pointers) is shown at
// the fields. PATCHes run one at a time, in order, so a later value never loses to an earlier one.
// Cross-field errors (ID number vs date of birth/sex, document type vs nationality) are re-sent
// together with the next change, so fixing either side of a mismatch saves both. UI-thread only.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import type { Application, Identity } from '../api/registration_types';
import type { FieldProblemCode } from '../i18n/problem_messages';
import { useApi } from '../session/services';
import { checkField, isMissing, wireValue } from './identity_fields';

/** Reason codes that involve two fields: fixing either one may resolve the other. */
export const kCrossFieldCodes: ReadonlySet<string> = new Set([
  'id.birth_date_mismatch',
  'id.sex_mismatch',
  'document_type.not_accepted',
]);

export type FieldErrors = Record<string, FieldProblemCode>;

export interface IdentityDraftOptions {
  application: Application;
  fields: readonly string[];
  country: string;
  onSaved: (application: Application) => void;
  /** Errors to show at once (e.g. carried from a failed submit on the review step). */
  initialErrors?: FieldErrors;
}

function initialValues(fields: readonly string[], identity: Identity): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = identity[f] ?? '';
  return out;
}

/** Splits a PATCH failure into identity field errors and whether anything is left for the form. */
export function identityErrorsOf(error: unknown): { fields: FieldErrors; unplaced: boolean } {
  const fields: FieldErrors = {};
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return { fields, unplaced: true };
  let unplaced = false;
  for (const fe of error.fieldErrors) {
    const name = fe.field.startsWith('identity.') ? fe.field.slice('identity.'.length) : null;
    if (name === null || name === '') {
      unplaced = true;
      continue;
    }
    if (!(name in fields)) fields[name] = { code: fe.code, message: fe.message };
  }
  return { fields, unplaced };
}

export function useIdentityDraft({ application, fields, country, onSaved, initialErrors = {} }: IdentityDraftOptions) {
  const api = useApi();
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(fields, application.identity));
  const [errors, setErrors] = useState<FieldErrors>(initialErrors);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [pending, setPending] = useState(0);
  const [savedOnce, setSavedOnce] = useState(false);

  const valuesRef = useRef(values);
  const errorsRef = useRef(errors);
  const savedRef = useRef<Identity>(application.identity);
  const missingRef = useRef<string[]>(application.missing);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inputs = useRef<Record<string, HTMLElement | null>>({});
  const pendingFocus = useRef<string | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const updateErrors = useCallback((next: (prev: FieldErrors) => FieldErrors) => {
    errorsRef.current = next(errorsRef.current);
    setErrors(errorsRef.current);
  }, []);

  useEffect(() => {
    const field = pendingFocus.current;
    if (field === null) return;
    pendingFocus.current = null;
    inputs.current[field]?.focus();
  });

  const unsaved = useCallback(
    (field: string) => wireValue(field, valuesRef.current[field] ?? '', country) !== (savedRef.current[field] ?? null),
    [country],
  );

  const setValue = useCallback(
    (field: string, value: string) => {
      valuesRef.current = { ...valuesRef.current, [field]: value };
      setValues(valuesRef.current);
      // A changed value makes its own error stale; cross-field partners keep theirs until saved.
      if (errorsRef.current[field] !== undefined && !kCrossFieldCodes.has(errorsRef.current[field]!.code)) {
        updateErrors((prev) => {
          const next = { ...prev };
          delete next[field];
          return next;
        });
      }
    },
    [updateErrors],
  );

  const applySaved = useCallback(
    (saved: Application, sent: readonly string[], typed: Readonly<Record<string, string>>) => {
      savedRef.current = saved.identity;
      missingRef.current = saved.missing;
      onSavedRef.current(saved);
      setSavedOnce(true);
      // Show what the server stored (it may normalize, e.g. a phone number to E.164), unless the
      // person has typed on since the value was sent.
      let synced = false;
      const next = { ...valuesRef.current };
      for (const f of sent) {
        if (next[f] === typed[f] && f in saved.identity) {
          const stored = saved.identity[f] ?? '';
          if (next[f] !== stored) {
            next[f] = stored;
            synced = true;
          }
        }
      }
      if (synced) {
        valuesRef.current = next;
        setValues(next);
      }
      updateErrors((prev) => {
        const next = { ...prev };
        for (const f of sent) delete next[f];
        // Saved values now agree with each other, so mismatch errors on saved fields are stale.
        for (const [f, e] of Object.entries(next)) {
          if (kCrossFieldCodes.has(e.code) && !unsaved(f)) delete next[f];
        }
        return next;
      });
    },
    [unsaved, updateErrors],
  );

  const save = useCallback(
    async (primary: string, patch: Identity) => {
      setPending((n) => n + 1);
      setSaveError(null);
      const typed: Record<string, string> = {};
      for (const f of Object.keys(patch)) typed[f] = valuesRef.current[f] ?? '';
      try {
        applySaved(await api.updateApplication(application.id, { identity: patch }), Object.keys(patch), typed);
      } catch (error) {
        const placed = identityErrorsOf(error);
        const onlyNumber = Object.keys(placed.fields).every((f) => f === 'document_number') && !placed.unplaced;
        if (primary === 'document_type' && onlyNumber && typeof patch.document_number === 'string') {
          // A new document type must not be blocked by the number typed for the old one: save the
          // type with the number cleared and leave the number, with its error, to be corrected.
          try {
            applySaved(
              await api.updateApplication(application.id, { identity: { document_type: patch.document_type ?? null, document_number: null } }),
              ['document_type'],
              typed,
            );
            updateErrors((prev) => ({ ...prev, ...placed.fields }));
            return;
          } catch (second) {
            placeErrors(primary, second);
            return;
          }
        }
        placeErrors(primary, error);
      } finally {
        setPending((n) => n - 1);
      }

      function placeErrors(field: string, error: unknown) {
        const { fields: fieldErrors, unplaced } = identityErrorsOf(error);
        if (Object.keys(fieldErrors).length > 0 && fieldErrors[field] === undefined) {
          // The value was refused because of another field; say so at this one too.
          fieldErrors[field] = Object.values(fieldErrors)[0]!;
        }
        updateErrors((prev) => ({ ...prev, ...fieldErrors }));
        if (unplaced) setSaveError(error);
      }
    },
    [api, application.id, applySaved, updateErrors],
  );

  /** Checks and saves one field; `value` is given when the state has not caught up yet (onChange). */
  const commit = useCallback(
    (field: string, value?: string) => {
      const raw = value ?? valuesRef.current[field] ?? '';
      const clientCode = checkField(field, raw);
      if (clientCode !== null) {
        updateErrors((prev) => ({ ...prev, [field]: { code: clientCode, message: '' } }));
        return;
      }
      const patch: Identity = { [field]: wireValue(field, raw, country) };
      for (const [other, error] of Object.entries(errorsRef.current)) {
        if (other !== field && kCrossFieldCodes.has(error.code) && unsaved(other)) {
          patch[other] = wireValue(other, valuesRef.current[other] ?? '', country);
        }
      }
      if (field === 'document_type' && fields.includes('document_number') && (valuesRef.current.document_number ?? '').trim() !== '') {
        patch.document_number = wireValue('document_number', valuesRef.current.document_number ?? '', country);
      }
      const changed = Object.entries(patch).some(([f, v]) => v !== (savedRef.current[f] ?? null));
      if (!changed) {
        if (errorsRef.current[field] !== undefined && !kCrossFieldCodes.has(errorsRef.current[field]!.code)) {
          updateErrors((prev) => {
            const next = { ...prev };
            delete next[field];
            return next;
          });
        }
        return;
      }
      queue.current = queue.current.then(() => save(field, patch));
    },
    [country, fields, save, unsaved, updateErrors],
  );

  /**
   * Saves whatever is still unsaved, waits for every PATCH, then marks fields the server still
   * lists as missing. Returns true when the identity step is complete.
   */
  const finish = useCallback(async (): Promise<boolean> => {
    for (const field of fields) {
      if (unsaved(field) && errorsRef.current[field] === undefined) commit(field);
    }
    await queue.current;
    const required: FieldErrors = {};
    for (const field of fields) {
      if (errorsRef.current[field] === undefined && isMissing(missingRef.current, field)) {
        required[field] = { code: 'field.required', message: '' };
      }
    }
    if (Object.keys(required).length > 0) updateErrors((prev) => ({ ...prev, ...required }));
    const firstInvalid = fields.find((f) => errorsRef.current[f] !== undefined) ?? null;
    if (firstInvalid !== null) {
      pendingFocus.current = firstInvalid;
      // Re-render so the focus effect runs even when the errors were already shown.
      setValues({ ...valuesRef.current });
      return false;
    }
    return true;
  }, [commit, fields, unsaved, updateErrors]);

  // One stable ref callback per field, so React doesn't detach and reattach them on every render.
  const refCallbacks = useRef<Record<string, (el: HTMLElement | null) => void>>({});
  const inputRef = useCallback((field: string) => {
    refCallbacks.current[field] ??= (el: HTMLElement | null) => {
      inputs.current[field] = el;
    };
    return refCallbacks.current[field]!;
  }, []);

  return { values, errors, saveError, saving: pending > 0, savedOnce, setValue, commit, finish, inputRef };
}
