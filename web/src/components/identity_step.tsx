// Wizard step 1: the identity form, rendered from the profile's identity_fields and document_types
// (labels, number hints, which expiry is required). Each field saves itself (useIdentityDraft);
// "Continue" waits for the saves and moves on only when the server lists nothing missing here.
import { useMemo, useState } from 'react';
import type { Application, JurisdictionProfile } from '../api/registration_types';
import { useI18n } from '../i18n/i18n_context';
import { isMessageKey } from '../i18n/i18n';
import { countryOptions } from '../registration/countries';
import { fieldSpec, savesOnChange } from '../registration/identity_fields';
import { identityErrorText } from '../registration/identity_messages';
import { findDocumentType, profileText } from '../registration/profile';
import { useIdentityDraft, type FieldErrors } from '../registration/use_identity_draft';
import { FormAlert } from './alerts';
import { FieldShell, type ControlProps } from './field_shell';
import { SubmitButton } from './submit_button';
import { TextField } from './text_field';

interface Props {
  application: Application;
  profile: JurisdictionProfile;
  initialErrors?: FieldErrors;
  onSaved: (application: Application) => void;
  onDone: () => void;
}

const kFormId = 'identity';

export function IdentityStep({ application, profile, initialErrors, onSaved, onDone }: Props) {
  const { t, locale } = useI18n();
  const text = profileText(profile, locale);
  const fields = profile.identity_fields;
  const draft = useIdentityDraft({
    application,
    fields,
    country: profile.country,
    onSaved,
    ...(initialErrors !== undefined ? { initialErrors } : {}),
  });
  const documentType = findDocumentType(profile, draft.values.document_type);
  const countries = useMemo(() => countryOptions(locale, profile.country), [locale, profile.country]);

  const label = (field: string) => {
    const key = `identity.${field}`;
    return isMessageKey(key) ? t(key) : field;
  };
  const hintFor = (field: string): string | undefined => {
    if (field === 'document_number') {
      const hint = text(documentType?.number_hint);
      return hint !== '' ? hint : undefined;
    }
    const key = `identity.${field}.hint`;
    return isMessageKey(key) ? t(key) : undefined;
  };
  const errorOf = (field: string) => {
    const problem = draft.errors[field];
    return problem === undefined ? null : identityErrorText(t, problem, profile, locale);
  };
  const optional = (field: string) =>
    field === 'document_expiry' && documentType !== null && !documentType.expiry_required ? t('common.optional') : undefined;

  const change = (field: string, value: string) => {
    draft.setValue(field, value);
    if (savesOnChange(field)) draft.commit(field, value);
  };

  const renderField = (field: string) => {
    const id = `${kFormId}-${field}`;
    const spec = fieldSpec(field);
    const value = draft.values[field] ?? '';
    const error = errorOf(field);
    const hint = hintFor(field);
    const optionalText = optional(field);
    const shared = { label: label(field), error, ...(hint !== undefined ? { hint } : {}), ...(optionalText !== undefined ? { optionalText } : {}) };

    // Radio choices (sex, document type) in a fieldset; the first radio takes the focus on errors.
    const choices = (options: ReadonlyArray<{ value: string; label: string }>, className: string) => (
      <FieldShell key={field} id={id} group {...shared} className={className}>
        {() =>
          options.map((option, index) => (
            <div className="check check--boxed" key={option.value}>
              <input
                id={`${id}-${option.value}`}
                type="radio"
                name={id}
                value={option.value}
                checked={value === option.value}
                ref={index === 0 ? draft.inputRef(field) : undefined}
                onChange={() => change(field, option.value)}
              />
              <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
            </div>
          ))
        }
      </FieldShell>
    );
    // What a <select> or <textarea> needs to behave like TextField's input: linked hint and error,
    // invalid and required states, autofill, and the ref that focuses it after a failed save.
    const controlProps = (control: ControlProps) => ({
      id: control.id,
      value,
      autoComplete: spec.autoComplete,
      'aria-describedby': control.describedBy,
      'aria-invalid': control.invalid ? true : undefined,
      'aria-required': true,
      ref: draft.inputRef(field),
    });

    switch (spec.input) {
      case 'sex':
        return choices(
          (['F', 'M'] as const).map((sex) => ({ value: sex, label: t(`identity.sex.${sex}`) })),
          'choice-group choice-group--row',
        );
      case 'document_type':
        return choices(
          profile.document_types.map((type) => ({ value: type.id, label: text(type.label) })),
          'choice-group',
        );
      case 'country':
        return (
          <FieldShell key={field} id={id} {...shared}>
            {(control) => (
              <select {...controlProps(control)} className="field__input field__select" onChange={(e) => change(field, e.target.value)}>
                <option value="">{t('identity.choose')}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
        );
      case 'textarea':
        return (
          <FieldShell key={field} id={id} {...shared}>
            {(control) => (
              <textarea
                {...controlProps(control)}
                className="field__input field__textarea"
                rows={3}
                onChange={(e) => draft.setValue(field, e.target.value)}
                onBlur={() => draft.commit(field)}
              />
            )}
          </FieldShell>
        );
      default: {
        const bound = { id, value, error, onChange: (v: string) => draft.setValue(field, v), inputRef: draft.inputRef(field) };
        const native =
          spec.input === 'date'
            ? { type: 'date' as const }
            : spec.input === 'tel'
              ? { type: 'tel' as const, inputMode: 'tel' as const }
              : spec.input === 'document_number'
                ? { type: 'text' as const, autoCapitalize: 'characters', autoCorrect: 'off', spellCheck: false }
                : { type: 'text' as const };
        return (
          <TextField
            key={field}
            field={bound}
            label={shared.label}
            {...(hint !== undefined ? { hint } : {})}
            {...(optionalText !== undefined ? { optionalText } : {})}
            autoComplete={spec.autoComplete}
            {...native}
            onBlur={() => draft.commit(field)}
          />
        );
      }
    }
  };

  // Not tied to draft.saving: the blur that starts a save comes just before the click on Continue,
  // and a button that turned busy in between would swallow that click.
  const [continuing, setContinuing] = useState(false);
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (continuing) return;
    setContinuing(true);
    const done = await draft.finish();
    setContinuing(false);
    if (done) onDone();
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="page-heading">
      <p className="muted">{t('wizard.savedNote')}</p>
      {/* One fixed line: a status that changed height would move the form under the person's
          finger between pressing and releasing (a blur starts a save). */}
      <p className="save-state" role="status" data-testid="save-state">
        {draft.saving ? t('wizard.saving') : draft.savedOnce ? t('wizard.saved') : ''}
      </p>
      <FormAlert error={draft.saveError} />
      {fields.map(renderField)}
      <SubmitButton busy={continuing}>{t('wizard.continue')}</SubmitButton>
    </form>
  );
}
