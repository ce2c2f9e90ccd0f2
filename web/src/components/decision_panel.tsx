// The decision (or escalation) form of a claimed case, driven from the keyboard: the reason picker
// with only the reasons whose severity fits the outcome, an optional note, Enter to confirm, Escape
// to cancel. When the server answers review.four_eyes_required the panel offers "e" to escalate
// instead. Selection rules are checked before sending; the server remains the judge.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../api/problem';
import type { DecisionResult, ReasonInfo, ReviewCase, ReviewOutcome } from '../api/review_types';
import type { MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { fieldMessage } from '../i18n/problem_messages';
import { reasonsForOutcome, selectionProblem } from '../review/reason_filter';
import { isTypingTarget } from '../review/shortcuts';
import { useApi } from '../session/services';
import { FormAlert } from './alerts';
import { Kbd } from './kbd';
import { ReasonPicker } from './reason_picker';
import { Button } from './submit_button';

export type PanelMode = { kind: 'decide'; outcome: ReviewOutcome } | { kind: 'escalate' };

export const kNoteMaxLength = 1000;
const kFourEyes = 'review.four_eyes_required';

interface Props {
  caseId: string;
  mode: PanelMode;
  catalogue: readonly ReasonInfo[];
  onDecided: (result: DecisionResult) => void;
  onEscalated: (c: ReviewCase) => void;
  onEscalate: () => void;
  onCancel: () => void;
}

const kTitles: Record<ReviewOutcome, MessageKey> = {
  approve: 'decision.title.approve',
  reject: 'decision.title.reject',
  request_resubmission: 'decision.title.request_resubmission',
};

export function DecisionPanel({ caseId, mode, catalogue, onDecided, onEscalated, onEscalate, onCancel }: Props) {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const noteField = useRef<HTMLTextAreaElement | null>(null);
  const escalateButton = useRef<HTMLButtonElement | null>(null);
  const outcome = mode.kind === 'decide' ? mode.outcome : null;
  const fitting = useMemo(() => (outcome === null ? [] : reasonsForOutcome(catalogue, outcome)), [catalogue, outcome]);
  const fourEyes = error instanceof ApiError && error.code === kFourEyes;

  useEffect(() => {
    // The picker takes focus itself; approve and escalate start in the note.
    if (mode.kind === 'escalate' || mode.outcome === 'approve') noteField.current?.focus();
  }, [mode]);

  useEffect(() => {
    if (fourEyes) escalateButton.current?.focus();
  }, [fourEyes]);

  const toggle = (code: string) => {
    setReasonError(null);
    setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
  };

  const confirm = async () => {
    if (busy) return;
    setError(null);
    if (note.length > kNoteMaxLength) {
      setNoteError(t('decision.note.too_long'));
      noteField.current?.focus();
      return;
    }
    if (outcome !== null) {
      const problem = selectionProblem(outcome, selected, catalogue);
      if (problem !== null) {
        setReasonError(t(`decision.${problem}`));
        return;
      }
    }
    setBusy(true);
    try {
      if (outcome === null) {
        onEscalated(await api.escalateCase(caseId, note));
      } else {
        onDecided(await api.decideCase(caseId, outcome, selected, note));
      }
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError) {
        const reasonProblem = caught.fieldErrors.find((f) => f.field.startsWith('reasons'));
        const noteProblem = caught.fieldErrors.find((f) => f.field === 'note');
        if (reasonProblem !== undefined) setReasonError(fieldMessage(t, reasonProblem.code, reasonProblem.message));
        if (noteProblem !== undefined) setNoteError(fieldMessage(t, noteProblem.code, noteProblem.message));
        if (reasonProblem !== undefined || noteProblem !== undefined) return;
      }
      setError(caught);
      if (!(caught instanceof ApiError && caught.code === kFourEyes)) heading.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && !event.shiftKey && target.tagName !== 'BUTTON' && target.tagName !== 'A') {
      event.preventDefault();
      void confirm();
      return;
    }
    if (fourEyes && (event.key === 'e' || event.key === 'E') && !isTypingTarget(target)) {
      event.preventDefault();
      onEscalate();
    }
  };

  const title = mode.kind === 'escalate' ? t('decision.escalateTitle') : t(kTitles[mode.outcome]);
  return (
    <section
      className={`card decision-panel decision-panel--${mode.kind === 'escalate' ? 'escalate' : mode.outcome}`}
      aria-labelledby={`${id}-title`}
      onKeyDown={onKeyDown}
      data-testid="decision-panel"
    >
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <FormAlert error={fourEyes ? null : error} context="staff" />
      {fourEyes ? (
        <div className="alert alert--error" role="alert" data-testid="four-eyes">
          <p>{t('decision.fourEyes')}</p>
          <Button ref={escalateButton} variant="secondary" aria-keyshortcuts="e" onClick={onEscalate}>
            <Kbd k="e" /> {t('case.escalate')}
          </Button>
        </div>
      ) : null}
      {outcome === 'approve' ? <p className="lead">{t('decision.approveBody')}</p> : null}
      {outcome !== null && outcome !== 'approve' ? (
        <ReasonPicker reasons={fitting} selected={selected} onToggle={toggle} error={reasonError} />
      ) : null}
      <div className={noteError !== null ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-note`}>
          {mode.kind === 'escalate' ? t('decision.escalateNote') : t('decision.note')}{' '}
          <span className="field__optional">{t('common.optional')}</span>
        </label>
        <p className="field__hint" id={`${id}-note-hint`}>
          {t('decision.noteHint')}
        </p>
        <textarea
          ref={noteField}
          id={`${id}-note`}
          className="field__input field__input--note"
          rows={3}
          value={note}
          aria-invalid={noteError !== null ? true : undefined}
          aria-describedby={`${id}-note-hint ${id}-note-error`}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteError(null);
          }}
        />
        <p className="field__error" id={`${id}-note-error`}>
          {noteError}
        </p>
      </div>
      <p className="muted">{t('decision.keysHint')}</p>
      <div className="button-row">
        <Button
          variant={outcome === 'reject' ? 'danger' : 'primary'}
          busy={busy}
          aria-keyshortcuts="Enter"
          onClick={() => void confirm()}
          data-testid="decision-confirm"
        >
          <Kbd k="Enter" /> {mode.kind === 'escalate' ? t('decision.escalateSubmit') : t('decision.confirm')}
        </Button>
        <Button variant="secondary" aria-keyshortcuts="Escape" onClick={onCancel}>
          <Kbd k="Esc" /> {t('common.cancel')}
        </Button>
      </div>
    </section>
  );
}
