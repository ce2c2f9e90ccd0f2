// The case page's left half: one tab per stored document, the image itself (fetched from the
// review API with the session cookie, never cached) with zoom, rotation and document switching from
// the keyboard (+ - 0 r [ ]), and the quality report the upload check wrote for it.
import { useMemo, useReducer, useState } from 'react';
import { kImageKinds } from '../api/registration_types';
import type { CaseDocument } from '../api/review_types';
import { formatDateTime } from '../i18n/format';
import { isMessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { reasonText } from '../registration/image_messages';
import { useShortcuts } from '../review/shortcuts';
import { cycleIndex, kInitialViewer, viewerClass, viewerReducer, zoomPercent } from '../review/viewer_state';
import { Kbd } from './kbd';

function kindLabel(t: ReturnType<typeof useI18n>['t'], kind: string): string {
  const key = `documents.kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

function QualityView({ document }: { document: CaseDocument }) {
  const { t } = useI18n();
  const quality = document.quality;
  const measurements = Object.entries(quality?.measurements ?? {}).filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean');
  return (
    <section className="viewer__quality" aria-labelledby="quality-title">
      <h3 id="quality-title">{t('case.quality')}</h3>
      {quality === null ? <p className="muted">{t('case.qualityUnknown')}</p> : null}
      {quality?.accepted === true && quality.reasons.length === 0 ? (
        <p className="report report--ok" data-testid="case-quality-ok">
          <span className="report__icon" aria-hidden="true">
            ✓
          </span>
          {t('case.qualityOk')}
        </p>
      ) : null}
      {quality !== null && quality.reasons.length > 0 ? (
        <ul className="report__reasons">
          {quality.reasons.map((reason) => {
            const text = reasonText(t, reason);
            return (
              <li key={reason.code} className="report__reason" data-code={reason.code}>
                <p className="report__message">{text.message}</p>
                <p className="report__hint">{text.hint}</p>
              </li>
            );
          })}
        </ul>
      ) : null}
      {measurements.length > 0 ? (
        <details className="viewer__measurements">
          <summary>{t('case.measurements')}</summary>
          <dl className="facts facts--compact">
            {measurements.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </section>
  );
}

/** Front before back before selfie, whatever order the server listed them in. */
export function orderDocuments(documents: readonly CaseDocument[]): CaseDocument[] {
  const rank = (kind: string) => {
    const i = (kImageKinds as readonly string[]).indexOf(kind);
    return i < 0 ? kImageKinds.length : i;
  };
  return [...documents].sort((a, b) => rank(a.kind) - rank(b.kind));
}

export function DocumentViewer({ documents: given, shortcutsEnabled }: { documents: readonly CaseDocument[]; shortcutsEnabled: boolean }) {
  const { t, locale } = useI18n();
  const documents = useMemo(() => orderDocuments(given), [given]);
  const [index, setIndex] = useState(0);
  const [view, dispatch] = useReducer(viewerReducer, kInitialViewer);
  const [failed, setFailed] = useState<Record<string, boolean>>({});
  const current = documents[Math.min(index, Math.max(0, documents.length - 1))];

  // Each document opens unzoomed and upright.
  const select = (next: number) => {
    setIndex(next);
    dispatch('reset');
  };
  const move = (delta: number) => select(cycleIndex(index, delta, documents.length));
  useShortcuts(
    {
      '+': () => dispatch('zoom_in'),
      '-': () => dispatch('zoom_out'),
      '0': () => dispatch('reset'),
      r: () => dispatch('rotate'),
      '[': () => move(-1),
      ']': () => move(1),
    },
    shortcutsEnabled && documents.length > 0,
  );

  if (current === undefined) {
    return <p className="muted">{t('case.noDocuments')}</p>;
  }
  const label = kindLabel(t, current.kind);
  return (
    <div className="viewer" data-testid="document-viewer">
      <div className="viewer__tabs" role="tablist" aria-label={t('case.documents')}>
        {documents.map((d, i) => (
          <button
            key={d.kind}
            type="button"
            role="tab"
            id={`doc-tab-${d.kind}`}
            aria-selected={i === index}
            aria-controls="doc-panel"
            tabIndex={i === index ? 0 : -1}
            className="viewer__tab"
            onClick={() => select(i)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const next = cycleIndex(i, e.key === 'ArrowRight' ? 1 : -1, documents.length);
                select(next);
                document.getElementById(`doc-tab-${documents[next]!.kind}`)?.focus();
              }
            }}
          >
            {kindLabel(t, d.kind)}
            {d.quality !== null && !d.quality.accepted ? <span className="viewer__tab-warn" aria-hidden="true"> !</span> : null}
          </button>
        ))}
      </div>
      <div className="viewer__controls" role="toolbar" aria-label={t('case.documents')}>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="[" onClick={() => move(-1)}>
          <Kbd k="[" /> {t('case.prevDocument')}
        </button>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="]" onClick={() => move(1)}>
          <Kbd k="]" /> {t('case.nextDocument')}
        </button>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="+" onClick={() => dispatch('zoom_in')}>
          <Kbd k="+" /> {t('case.zoomIn')}
        </button>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="-" onClick={() => dispatch('zoom_out')}>
          <Kbd k="-" /> {t('case.zoomOut')}
        </button>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="0" onClick={() => dispatch('reset')}>
          <Kbd k="0" /> {t('case.zoomReset')}
        </button>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="r" onClick={() => dispatch('rotate')}>
          <Kbd k="r" /> {t('case.rotate')}
        </button>
        <span className="viewer__zoom" data-testid="viewer-zoom" aria-live="polite">
          {t('case.zoomLevel', { percent: zoomPercent(view), degrees: view.rotation })}
        </span>
      </div>
      <div id="doc-panel" role="tabpanel" aria-labelledby={`doc-tab-${current.kind}`} className="viewer__stage" tabIndex={0}>
        {failed[current.kind] ? (
          <p className="alert alert--error">{t('case.imageError')}</p>
        ) : (
          <img
            key={current.url}
            src={current.url}
            alt={t('case.imageAlt', { kind: label })}
            className={viewerClass(view)}
            data-testid="document-image"
            onError={() => setFailed((f) => ({ ...f, [current.kind]: true }))}
          />
        )}
      </div>
      <p className="viewer__meta muted">
        {current.width !== null && current.height !== null ? t('case.size', { width: current.width, height: current.height }) : null}
        {current.uploaded_at !== null ? (
          <>
            {' · '}
            {t('case.uploaded', { date: formatDateTime(current.uploaded_at, locale) })}
          </>
        ) : null}
      </p>
      <QualityView document={current} />
    </div>
  );
}
