// /staff/review/samples (reviewer, supervisor): the second review of randomly sampled approvals.
// "Next sample" (n) fetches one (never the caller's own approval), shows the case read-only with its
// documents, and records Agree (a) or Disagree (d, with reasons from the taxonomy and a note; Enter
// confirms, Esc cancels). The next sample follows at once; disagreements feed the supervisor report.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SampleCase } from '../api/review_types';
import { FormAlert, StatusNote } from '../components/alerts';
import { CaseDetails } from '../components/case_details';
import { DocumentViewer } from '../components/document_viewer';
import { Kbd } from '../components/kbd';
import { usePageTitle } from '../components/page_title';
import { ReasonPicker } from '../components/reason_picker';
import { StaffGuard } from '../components/staff_guard';
import { StaffPageCard } from '../components/staff_page_card';
import { Button } from '../components/submit_button';
import { useI18n } from '../i18n/i18n_context';
import { useProfile } from '../registration/use_profile';
import { useShortcuts } from '../review/shortcuts';
import { useReasons } from '../review/use_reasons';
import { useApi } from '../session/services';

function Samples() {
  const { t } = useI18n();
  const api = useApi();
  const profile = useProfile();
  const { reasons } = useReasons();
  const [sample, setSample] = useState<SampleCase | null>(null);
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recorded, setRecorded] = useState(0);
  const [disagreeing, setDisagreeing] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const sampleHeading = useRef<HTMLHeadingElement | null>(null);
  usePageTitle(t('samples.title'));

  useEffect(() => {
    if (sample !== null) sampleHeading.current?.focus();
  }, [sample]);

  const next = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.nextSample();
      setSample(answer ?? null);
      setEmpty(answer === undefined);
      setDisagreeing(false);
      setSelected([]);
      setNote('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const verdict = async (agree: boolean) => {
    if (sample === null || busy) return;
    if (!agree && selected.length === 0) {
      setReasonError(t('decision.reasons.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.sampleVerdict(sample.sample_id, agree, agree ? [] : selected, agree ? '' : note);
      setRecorded((n) => n + 1);
      setBusy(false);
      await next();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  useShortcuts(
    {
      n: () => void next(),
      a: sample !== null ? () => void verdict(true) : undefined,
      d: sample !== null ? () => setDisagreeing(true) : undefined,
    },
    !disagreeing,
  );

  const onPanelKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setDisagreeing(false);
    } else if (event.key === 'Enter' && !event.shiftKey && (event.target as HTMLElement).tagName !== 'BUTTON') {
      event.preventDefault();
      void verdict(false);
    }
  };

  return (
    <div className="stack stack--wide">
      <StaffPageCard
        title={t('samples.title')}
        lead={t('samples.lead')}
        action={
          <Button busy={busy && sample === null} aria-keyshortcuts="n" onClick={() => void next()} data-testid="next-sample">
            <Kbd k="n" /> {t('samples.next')}
          </Button>
        }
      >
        <StatusNote>{recorded > 0 ? t('samples.recorded') : null}</StatusNote>
        <FormAlert error={error} context="staff" />
        {empty ? (
          <div className="empty-state" data-testid="samples-empty">
            <h2>{t('samples.emptyTitle')}</h2>
            <p>{t('samples.empty')}</p>
          </div>
        ) : null}
      </StaffPageCard>
      {sample !== null ? (
        <>
          <section className="card" aria-labelledby="sample-title">
            <h2 id="sample-title" ref={sampleHeading} tabIndex={-1}>
              {sample.case.full_name_masked}
            </h2>
            <p className="muted">{t('samples.readOnly')}</p>
            <div className="toolbar" role="toolbar" aria-label={t('case.toolbar')}>
              <Button aria-keyshortcuts="a" busy={busy} onClick={() => void verdict(true)} data-testid="sample-agree">
                <Kbd k="a" /> {t('samples.agree')}
              </Button>
              <Button variant="danger" aria-keyshortcuts="d" onClick={() => setDisagreeing(true)} data-testid="sample-disagree">
                <Kbd k="d" /> {t('samples.disagree')}
              </Button>
            </div>
          </section>
          {disagreeing && reasons !== null ? (
            <section className="card decision-panel" aria-labelledby="disagree-title" onKeyDown={onPanelKey} data-testid="disagree-panel">
              <h2 id="disagree-title">{t('samples.disagreeTitle')}</h2>
              <ReasonPicker
                reasons={reasons}
                selected={selected}
                error={reasonError}
                onToggle={(code) => {
                  setReasonError(null);
                  setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
                }}
              />
              <div className="field">
                <label className="field__label" htmlFor="disagree-note">
                  {t('decision.note')} <span className="field__optional">{t('common.optional')}</span>
                </label>
                <textarea id="disagree-note" className="field__input field__input--note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
              <p className="muted">{t('decision.keysHint')}</p>
              <div className="button-row">
                <Button variant="danger" busy={busy} onClick={() => void verdict(false)}>
                  <Kbd k="Enter" /> {t('samples.submit')}
                </Button>
                <Button variant="secondary" onClick={() => setDisagreeing(false)}>
                  <Kbd k="Esc" /> {t('common.cancel')}
                </Button>
              </div>
            </section>
          ) : null}
          <div className="case-layout">
            <section className="card case-layout__docs" aria-labelledby="sample-docs-title">
              <h2 id="sample-docs-title">{t('case.documents')}</h2>
              <DocumentViewer documents={sample.case.documents} shortcutsEnabled={!disagreeing} />
            </section>
            <section className="card case-layout__data" aria-label={t('case.identity')}>
              <CaseDetails review={sample.case} profile={profile.status === 'ready' ? profile.profile : null} unmasked={{}} />
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}

export function SampleReviewPage() {
  return (
    <StaffGuard role={['reviewer', 'supervisor']} forbiddenKey="reviewAccess.forbidden">
      {() => <Samples />}
    </StaffGuard>
  );
}
