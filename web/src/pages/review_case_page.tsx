// /staff/review/cases/{id} (reviewer, supervisor): one case side by side at laptop width — the
// documents with zoom/rotate on the left, the typed data, validation, automated checks, history and
// earlier decisions on the right. The holder decides from the keyboard (a approve, x reject,
// s request resubmission, e escalate, Esc release); the lease counts down and is renewed while the
// reviewer is active. Supervisors who do not hold the case see it masked and may unmask fields or
// reassign (m). After a decision the next case opens at once, or the queue when none is left.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import type { DecisionResult, IdentityField, ReviewCase, Reviewer } from '../api/review_types';
import { kIdentityFields } from '../api/review_types';
import type { StaffMe } from '../api/types';
import { FormAlert, StatusNote } from '../components/alerts';
import { Loading } from '../components/auth_card';
import { CaseDetails, FlagBadges } from '../components/case_details';
import { ConfirmDialog } from '../components/confirm_dialog';
import { DecisionPanel, type PanelMode } from '../components/decision_panel';
import { DocumentViewer } from '../components/document_viewer';
import { Kbd } from '../components/kbd';
import { PageHeading } from '../components/layout';
import { usePageTitle } from '../components/page_title';
import { ApplicationStatusBadge } from '../components/status_badges';
import { hasAnyRole, StaffGuard } from '../components/staff_guard';
import { Button } from '../components/submit_button';
import { formatDateTime } from '../i18n/format';
import { translateOr } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useProfile } from '../registration/use_profile';
import { casePath, stashCase, takeCase } from '../review/case_handoff';
import { formatCountdown } from '../review/lease';
import { useShortcuts } from '../review/shortcuts';
import { useLease } from '../review/use_lease';
import { useReasons } from '../review/use_reasons';
import { Link, useNavState, useParams, useRouter } from '../router/router';
import { useApi } from '../session/services';

const kReviewable = new Set(['submitted', 'in_review']);

function ReassignDialog({ open, caseId, onDone, onCancel }: { open: boolean; caseId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const dialog = useRef<HTMLDialogElement | null>(null);
  const select = useRef<HTMLSelectElement | null>(null);
  const [reviewers, setReviewers] = useState<Reviewer[] | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (open && !el.open) {
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
      setError(null);
      api.reviewers().then(
        (r) => {
          setReviewers(r.items);
          window.setTimeout(() => select.current?.focus(), 0);
        },
        (caught: unknown) => setError(caught),
      );
    } else if (!open && el.open) {
      if (typeof el.close === 'function') el.close();
      else el.removeAttribute('open');
    }
  }, [open, api]);

  const submit = async () => {
    setBusy(true);
    try {
      await api.reassignCase(caseId, target === '' ? null : target);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="reassign-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="reassign-title">{t('case.reassignTitle')}</h2>
        <FormAlert error={error} context="staff" />
        {reviewers === null && error === null ? <Loading /> : null}
        <div className="field">
          <label className="field__label" htmlFor="reassign-target">
            {t('case.reassignTo')}
          </label>
          <select id="reassign-target" ref={select} className="field__input" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('case.reassignNobody')}</option>
            {(reviewers ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.email} ({r.roles.map((role) => translateOr(t, `role.${role}`, role)).join(t('common.listSeparator'))})
              </option>
            ))}
          </select>
        </div>
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" busy={busy}>
            {t('case.reassignSubmit')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

function CaseView({ me, review, setReview }: { me: StaffMe; review: ReviewCase; setReview: (c: ReviewCase) => void }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const navState = useNavState();
  const profile = useProfile();
  const { reasons, error: reasonsError } = useReasons();
  const [panel, setPanel] = useState<PanelMode | null>(null);
  const [confirmRelease, setConfirmRelease] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [unmasked, setUnmasked] = useState<Partial<Record<IdentityField, string | null>>>({});
  const [unmaskBusy, setUnmaskBusy] = useState(false);
  const toolbar = useRef<HTMLDivElement | null>(null);
  const panelSlot = useRef<HTMLDivElement | null>(null);
  const supervisor = hasAnyRole(me, 'supervisor');
  const holder = review.claim?.mine === true;

  const onRenewed = useCallback(
    (expiresAt: string) => {
      if (review.claim !== null) setReview({ ...review, claim: { ...review.claim, lease_expires_at: expiresAt } });
    },
    [review, setReview],
  );
  const lease = useLease(review.id, holder && review.claim !== null ? review.claim.lease_expires_at : null, onRenewed);
  const canDecide = holder && !lease.expired && kReviewable.has(review.status);
  const claimable = !holder && kReviewable.has(review.status) && (review.claim === null || Date.parse(review.claim.lease_expires_at) <= Date.now() || supervisor);

  const open = (mode: PanelMode) => {
    if (!canDecide) return;
    setActionError(null);
    setPanel(mode);
    window.setTimeout(() => panelSlot.current?.scrollIntoView?.({ block: 'nearest' }), 0);
  };
  const closePanel = () => {
    setPanel(null);
    window.setTimeout(() => toolbar.current?.focus(), 0);
  };

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(false);
    }
  };

  const goNext = async () => {
    const next = await api.reviewNext().catch(() => undefined);
    if (next !== undefined && next.id !== review.id) {
      stashCase(next);
      navigate(casePath(next.id), { state: { notice: 'decided' } });
    } else {
      navigate('/staff/review', { state: { notice: 'decided_empty' } });
    }
  };

  const onDecided = (_result: DecisionResult) => {
    void goNext();
  };

  const claim = () =>
    run(async () => {
      setReview(await api.claimCase(review.id));
      setUnmasked({});
    });

  const release = () =>
    run(async () => {
      await api.releaseCase(review.id);
      setConfirmRelease(false);
      navigate('/staff/review', { state: { notice: 'released' } });
    }).finally(() => setConfirmRelease(false));

  const unmask = (fields: IdentityField[]) => {
    setUnmaskBusy(true);
    setActionError(null);
    api.unmaskCase(review.id, fields).then(
      (answer) => {
        setUnmasked((u) => ({ ...u, ...answer.identity }));
        setUnmaskBusy(false);
      },
      (caught: unknown) => {
        setActionError(caught);
        setUnmaskBusy(false);
      },
    );
  };
  const maskedFields = kIdentityFields.filter((f) => review.identity[f] !== undefined && review.identity[f] !== null && unmasked[f] === undefined);

  useShortcuts(
    {
      a: canDecide ? () => open({ kind: 'decide', outcome: 'approve' }) : undefined,
      x: canDecide ? () => open({ kind: 'decide', outcome: 'reject' }) : undefined,
      s: canDecide ? () => open({ kind: 'decide', outcome: 'request_resubmission' }) : undefined,
      e: canDecide ? () => open({ kind: 'escalate' }) : undefined,
      Escape: holder ? () => setConfirmRelease(true) : undefined,
      c: claimable ? () => void claim() : undefined,
      u: review.masked && maskedFields.length > 0 ? () => unmask(maskedFields) : undefined,
      m: supervisor ? () => setReassigning(true) : undefined,
    },
    panel === null,
  );

  const decisionButtons: Array<[string, string, PanelMode, 'primary' | 'danger' | 'secondary']> = [
    ['a', t('case.approve'), { kind: 'decide', outcome: 'approve' }, 'primary'],
    ['x', t('case.reject'), { kind: 'decide', outcome: 'reject' }, 'danger'],
    ['s', t('case.requestResubmission'), { kind: 'decide', outcome: 'request_resubmission' }, 'secondary'],
    ['e', t('case.escalate'), { kind: 'escalate' }, 'secondary'],
  ];

  return (
    <div className="case-page" data-testid="case-page" data-case={review.id}>
      <section className="card case-head" aria-labelledby="page-heading">
        <p className="breadcrumb">
          <Link to="/staff/review">{t('case.backToQueue')}</Link>
        </p>
        <div className="page-head">
          <PageHeading>{t('case.title')}</PageHeading>
          <ApplicationStatusBadge status={review.status} testId="case-status" />
          <FlagBadges flags={review.flags} escalated={review.escalated} />
          {holder && !lease.expired ? (
            <span className="lease" data-testid="lease" role="timer" aria-live="off">
              {t('case.lease', { time: formatCountdown(lease.secondsLeft) })}
            </span>
          ) : null}
        </div>
        <p className="muted case-head__meta">
          <span className="masked-value">{review.full_name_masked}</span>
          {' · '}
          {translateOr(t, `channel.${review.channel}`, review.channel)}
          {' · '}
          {t('queue.submissionN', { n: review.submission_count })}
          {review.due_at !== null ? (
            <>
              {' · '}
              {t('queue.colDue')}: <time dateTime={review.due_at}>{formatDateTime(review.due_at, locale)}</time>
            </>
          ) : null}
          {review.overdue ? <span className="badge badge--danger badge--spaced">{t('queue.overdue')}</span> : null}
        </p>
        <StatusNote>{navState.notice === 'decided' ? t('case.decidedNotice') : null}</StatusNote>
        {holder && lease.expired ? <p className="alert alert--error" role="alert">{t('case.leaseExpired')}</p> : null}
        {!holder ? <p className="warning" data-testid="not-holding">{t('case.notHolding')}</p> : null}
        <FormAlert error={actionError ?? lease.renewError ?? reasonsError} context="staff" />
        <div className="toolbar" role="toolbar" aria-label={t('case.toolbar')} ref={toolbar} tabIndex={-1}>
          {canDecide
            ? decisionButtons.map(([key, label, mode, variant]) => (
                <Button key={key} variant={variant} aria-keyshortcuts={key} onClick={() => open(mode)} data-testid={`action-${key}`}>
                  <Kbd k={key} /> {label}
                </Button>
              ))
            : null}
          {holder ? (
            <Button variant="secondary" aria-keyshortcuts="Escape" onClick={() => setConfirmRelease(true)}>
              <Kbd k="Esc" /> {t('case.release')}
            </Button>
          ) : null}
          {claimable || (holder && lease.expired) ? (
            <Button busy={busy} aria-keyshortcuts="c" onClick={() => void claim()} data-testid="claim">
              <Kbd k="c" /> {t('case.claim')}
            </Button>
          ) : null}
          {review.masked && maskedFields.length > 0 ? (
            <Button variant="secondary" aria-keyshortcuts="u" busy={unmaskBusy} onClick={() => unmask(maskedFields)}>
              <Kbd k="u" /> {t('case.unmaskAll')}
            </Button>
          ) : null}
          {supervisor ? (
            <Button variant="secondary" aria-keyshortcuts="m" onClick={() => setReassigning(true)}>
              <Kbd k="m" /> {t('case.reassign')}
            </Button>
          ) : null}
        </div>
      </section>
      <div className="case-layout">
        <section className="card case-layout__docs" aria-labelledby="documents-title">
          <h2 id="documents-title">{t('case.documents')}</h2>
          <DocumentViewer documents={review.documents} shortcutsEnabled={panel === null} />
        </section>
        <div className="case-layout__data">
          <div ref={panelSlot}>
            {panel !== null && reasons !== null ? (
              <DecisionPanel
                key={panel.kind === 'escalate' ? 'escalate' : panel.outcome}
                caseId={review.id}
                mode={panel}
                catalogue={reasons}
                onDecided={onDecided}
                onEscalated={() => navigate('/staff/review', { state: { notice: 'escalated' } })}
                onEscalate={() => setPanel({ kind: 'escalate' })}
                onCancel={closePanel}
              />
            ) : null}
            {panel !== null && reasons === null && reasonsError === null ? <Loading /> : null}
          </div>
          <section className="card" aria-label={t('case.identity')}>
            <CaseDetails
              review={review}
              profile={profile.status === 'ready' ? profile.profile : null}
              unmasked={unmasked}
              {...(review.masked ? { onUnmask: unmask } : {})}
              unmaskBusy={unmaskBusy}
            />
          </section>
        </div>
      </div>
      <ConfirmDialog
        open={confirmRelease}
        title={t('case.releaseTitle')}
        body={t('case.releaseBody')}
        confirmLabel={t('case.releaseConfirm')}
        confirmVariant="primary"
        focusConfirm
        busy={busy}
        onCancel={() => setConfirmRelease(false)}
        onConfirm={() => void release()}
      />
      <ReassignDialog
        open={reassigning}
        caseId={review.id}
        onCancel={() => setReassigning(false)}
        onDone={() => {
          setReassigning(false);
          navigate('/staff/review', { state: { notice: 'reassigned' } });
        }}
      />
    </div>
  );
}

type LoadState = { status: 'loading' } | { status: 'ready'; review: ReviewCase } | { status: 'error'; error: unknown };

function CaseLoader({ me, id }: { me: StaffMe; id: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [state, setState] = useState<LoadState>(() => {
    const handed = takeCase(id);
    return handed !== null ? { status: 'ready', review: handed } : { status: 'loading' };
  });
  const [claimBusy, setClaimBusy] = useState(false);
  const [claimError, setClaimError] = useState<unknown>(null);
  usePageTitle(t('case.title'));

  useEffect(() => {
    if (state.status !== 'loading') return;
    let cancelled = false;
    api.getCase(id).then(
      (review) => {
        if (!cancelled) setState({ status: 'ready', review });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, state.status]);

  const claim = async () => {
    if (claimBusy) return;
    setClaimBusy(true);
    setClaimError(null);
    try {
      setState({ status: 'ready', review: await api.claimCase(id) });
    } catch (caught) {
      setClaimError(caught);
    } finally {
      setClaimBusy(false);
    }
  };
  const notHolder = state.status === 'error' && state.error instanceof ApiError && state.error.code === 'review.not_holder';
  useShortcuts({ c: notHolder ? () => void claim() : undefined }, notHolder);

  const setReview = useCallback((review: ReviewCase) => setState({ status: 'ready', review }), []);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <section className="card" aria-labelledby="page-heading">
        <p className="breadcrumb">
          <Link to="/staff/review">{t('case.backToQueue')}</Link>
        </p>
        <PageHeading>{t('case.title')}</PageHeading>
        <FormAlert error={claimError ?? state.error} context="staff" />
        {notHolder ? (
          <Button busy={claimBusy} aria-keyshortcuts="c" onClick={() => void claim()} data-testid="claim">
            <Kbd k="c" /> {t('case.claim')}
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setState({ status: 'loading' })}>
            {t('common.retry')}
          </Button>
        )}
      </section>
    );
  }
  return <CaseView me={me} review={state.review} setReview={setReview} />;
}

export function ReviewCasePage() {
  const { id } = useParams();
  return (
    <StaffGuard role={['reviewer', 'supervisor']} forbiddenKey="reviewAccess.forbidden">
      {(me) => <CaseLoader me={me} id={id ?? ''} />}
    </StaffGuard>
  );
}
