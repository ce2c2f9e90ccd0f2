// One photo of the documents step: guidance, camera/file input (back camera for documents, front
// camera for the selfie), upload with progress, and the quality verdict at once with "Retake".
// The chosen photo is previewed from a local blob: URL (never sent anywhere but the upload).
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import type { ImageKind, QualityReport, StoredDocument } from '../api/registration_types';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n_context';
import { problemMessage } from '../i18n/problem_messages';
import { kAcceptedImageTypes, rejectedReport, uploadContentType } from '../registration/image_messages';
import { useApi } from '../session/services';
import { ImageGuide } from './image_guide';
import { QualityReportView } from './quality_report';
import { Button } from './submit_button';

export type UploadState =
  | { phase: 'empty' }
  | { phase: 'stored'; uploadedAt: string }
  | { phase: 'uploading'; progress: number }
  | { phase: 'done'; report: QualityReport }
  | { phase: 'failed'; error: unknown };

interface Props {
  applicationId: string;
  kind: ImageKind;
  stored: StoredDocument | undefined;
  /** An error from outside the upload (e.g. document.missing after Continue or a failed submit). */
  externalError: string | null;
  onAccepted: (kind: ImageKind, report: QualityReport) => void;
}

function initialState(stored: StoredDocument | undefined): UploadState {
  return stored?.accepted ? { phase: 'stored', uploadedAt: stored.uploaded_at } : { phase: 'empty' };
}

export function DocumentUpload({ applicationId, kind, stored, externalError, onAccepted }: Props) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [state, setState] = useState<UploadState>(() => initialState(stored));
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const inputId = `upload-${kind}`;
  const titleId = `upload-${kind}-title`;
  const statusId = `upload-${kind}-status`;

  useEffect(() => {
    return () => {
      if (previewUrl !== null) URL.revokeObjectURL(previewUrl);
    };
  }, [previewUrl]);

  const choose = () => input.current?.click();

  const onFile = async (file: File) => {
    const contentType = uploadContentType(file);
    if (contentType === null) {
      setPreviewUrl(null);
      setState({ phase: 'failed', error: new ApiError({ status: 415, code: 'image.unsupported_type' }) });
      return;
    }
    setPreviewUrl(typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null);
    setState({ phase: 'uploading', progress: 0 });
    try {
      const report = await api.uploadDocument(applicationId, kind, file, contentType, (progress) =>
        setState((prev) => (prev.phase === 'uploading' ? { phase: 'uploading', progress } : prev)),
      );
      const accepted = { ...report, kind, accepted: true };
      setState({ phase: 'done', report: accepted });
      onAccepted(kind, accepted);
    } catch (error) {
      const report = rejectedReport(error);
      setState(report !== null ? { phase: 'done', report: { ...report, kind } } : { phase: 'failed', error });
    }
  };

  const accepted = state.phase === 'stored' || (state.phase === 'done' && state.report.accepted);
  const busy = state.phase === 'uploading';
  const buttonLabel = state.phase === 'empty' ? t('documents.take') : accepted ? t('documents.replace') : t('documents.retake');
  // An outside error ("add this photo") matters only until the person has tried an upload.
  const error = state.phase === 'failed' ? problemMessage(t, state.error) : state.phase === 'empty' ? externalError : null;
  const percent = state.phase === 'uploading' ? Math.round(state.progress * 100) : 0;

  return (
    <section
      className={['upload', error !== null ? 'upload--invalid' : '', accepted ? 'upload--ok' : ''].join(' ').trim()}
      aria-labelledby={titleId}
      data-testid={`upload-${kind}`}
    >
      <h3 id={titleId} className="upload__title">
        {t(`documents.kind.${kind}`)}
        {accepted ? (
          <span className="badge badge--ok upload__badge">
            <span aria-hidden="true">✓ </span>
            {t('documents.acceptedShort')}
          </span>
        ) : null}
      </h3>
      <p className="upload__tip">{t(`documents.tip.${kind}`)}</p>
      <ImageGuide kind={kind} previewUrl={previewUrl} />
      <input
        ref={input}
        id={inputId}
        className="visually-hidden"
        type="file"
        tabIndex={-1}
        accept={kAcceptedImageTypes.join(',')}
        capture={kind === 'selfie' ? 'user' : 'environment'}
        aria-label={t(`documents.kind.${kind}`)}
        aria-describedby={statusId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again must fire change again
          if (file !== undefined) void onFile(file);
        }}
      />
      <div className="upload__status" id={statusId} aria-live="polite">
        {state.phase === 'uploading' ? (
          <div className="upload__progress">
            <progress max={100} value={percent} aria-label={t('documents.progressLabel')} />
            <span>{state.progress >= 1 ? t('documents.checking') : t('documents.uploading', { percent })}</span>
          </div>
        ) : null}
        {state.phase === 'stored' ? (
          <p className="report report--ok" data-testid="quality-accepted">
            <span className="report__icon" aria-hidden="true">
              ✓
            </span>
            {t('documents.onFile', { date: formatDateTime(state.uploadedAt, locale) })}
          </p>
        ) : null}
        {state.phase === 'done' ? <QualityReportView report={state.report} /> : null}
        {error !== null ? (
          <p className="field__error upload__error" data-testid={`upload-error-${kind}`}>
            <span className="field__error-icon" aria-hidden="true">
              !
            </span>
            {error}
          </p>
        ) : null}
      </div>
      <Button variant={accepted ? 'secondary' : 'primary'} busy={busy} onClick={choose} aria-describedby={statusId} className="upload__button">
        <span className={`upload__camera${kind === 'selfie' ? ' upload__camera--front' : ''}`} aria-hidden="true" />
        {buttonLabel}
        <span className="visually-hidden">: {t(`documents.kind.${kind}`)}</span>
      </Button>
    </section>
  );
}
