// Wizard step 2: one upload per image the chosen document type needs (from the server's
// required_documents, else the profile). "Continue" re-reads the application and moves on only when
// the server lists no photo as missing; otherwise the missing ones say so and get focus.
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { Application, ImageKind, JurisdictionProfile, QualityReport } from '../api/registration_types';
import { useI18n } from '../i18n/i18n_context';
import { fieldMessage } from '../i18n/problem_messages';
import { requiredImages } from '../registration/profile';
import { wizardPath } from '../registration/wizard_steps';
import { Link } from '../router/router';
import { useApi } from '../session/services';
import { FormAlert } from './alerts';
import { DocumentUpload } from './document_upload';
import { SubmitButton } from './submit_button';

interface Props {
  application: Application;
  profile: JurisdictionProfile;
  /** Error codes per image kind to show at once (from a failed submit). */
  initialErrors?: Partial<Record<ImageKind, string>>;
  onSaved: Dispatch<SetStateAction<Application>>;
  onDone: () => void;
}

export function DocumentsStep({ application, profile, initialErrors = {}, onSaved, onDone }: Props) {
  const { t } = useI18n();
  const api = useApi();
  const kinds = requiredImages(profile, application);
  const [errors, setErrors] = useState<Partial<Record<ImageKind, string>>>(initialErrors);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [focusKind, setFocusKind] = useState<ImageKind | null>(null);

  useEffect(() => {
    if (focusKind === null) return;
    // Focus the visible button of the upload that needs attention (the file input is hidden).
    const section = document.querySelector<HTMLElement>(`[data-testid="upload-${focusKind}"] .upload__button`);
    section?.focus();
    setFocusKind(null);
  }, [focusKind]);

  if (kinds.length === 0) {
    return (
      <div className="alert alert--info">
        <p>{t('documents.noType')}</p>
        <p>
          <Link to={wizardPath(application.id, 'identity')}>{t('wizard.step.identity')}</Link>
        </p>
      </div>
    );
  }

  const onAccepted = (kind: ImageKind, report: QualityReport) => {
    setErrors((prev) => {
      const next = { ...prev };
      delete next[kind];
      return next;
    });
    onSaved((prev) => ({
      ...prev,
      documents: { ...prev.documents, [kind]: { accepted: true, uploaded_at: report.uploaded_at ?? new Date().toISOString() } },
      missing: prev.missing.filter((m) => m !== `/documents/${kind}`),
    }));
  };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFormError(null);
    try {
      const fresh = await api.getApplication(application.id);
      onSaved(fresh);
      const missing = requiredImages(profile, fresh).filter((k) => fresh.missing.includes(`/documents/${k}`));
      if (missing.length > 0) {
        setErrors(Object.fromEntries(missing.map((k) => [k, 'document.missing'])));
        setFocusKind(missing[0]!);
        return;
      }
      onDone();
    } catch (error) {
      setFormError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="page-heading">
      <p className="muted">{t('documents.lead')}</p>
      <FormAlert error={formError} />
      <div className="uploads">
        {kinds.map((kind) => (
          <DocumentUpload
            key={kind}
            applicationId={application.id}
            kind={kind}
            stored={application.documents[kind]}
            externalError={errors[kind] !== undefined ? fieldMessage(t, errors[kind]!) : null}
            onAccepted={onAccepted}
          />
        ))}
      </div>
      <SubmitButton busy={busy}>{t('wizard.continue')}</SubmitButton>
    </form>
  );
}
