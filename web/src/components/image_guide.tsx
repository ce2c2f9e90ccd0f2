// The guidance overlay for each kind of photo, drawn in CSS only (no image assets, CSP-safe): a card
// outline for ID sides, a data page with its photo box and machine-readable lines for passports, an
// oval for the face. When the person has chosen a photo it is shown beneath the same outline, so
// they see at once whether the document fills the frame. Exposed as one labelled image.
import type { ImageKind } from '../api/registration_types';
import { useI18n } from '../i18n/i18n_context';

const kShape: Record<ImageKind, 'card' | 'passport' | 'face'> = {
  id_front: 'card',
  id_back: 'card',
  passport: 'passport',
  selfie: 'face',
};

export function ImageGuide({ kind, previewUrl }: { kind: ImageKind; previewUrl: string | null }) {
  const { t } = useI18n();
  const shape = kShape[kind];
  return (
    <div
      className={`guide guide--${shape} guide--${kind}${previewUrl !== null ? ' guide--has-photo' : ''}`}
      role="img"
      aria-label={previewUrl !== null ? t('documents.previewLabel', { kind: t(`documents.kind.${kind}`) }) : t(`documents.guide.${kind}`)}
      data-testid={`guide-${kind}`}
    >
      {previewUrl !== null ? <img className="guide__photo" src={previewUrl} alt="" /> : null}
      <span className="guide__outline" aria-hidden="true">
        {shape === 'card' ? (
          <>
            <span className="guide__corner guide__corner--tl" />
            <span className="guide__corner guide__corner--tr" />
            <span className="guide__corner guide__corner--bl" />
            <span className="guide__corner guide__corner--br" />
            {kind === 'id_front' ? <span className="guide__portrait" /> : <span className="guide__emblem" />}
            <span className="guide__lines" />
          </>
        ) : null}
        {shape === 'passport' ? (
          <>
            <span className="guide__portrait" />
            <span className="guide__lines" />
            <span className="guide__mrz" />
          </>
        ) : null}
        {shape === 'face' ? <span className="guide__shoulders" /> : null}
      </span>
    </div>
  );
}
