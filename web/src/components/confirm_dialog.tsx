// A modal confirmation built on <dialog>: focus goes to Cancel (the safe choice) unless the action
// is harmless enough to confirm with Enter (focusConfirm), Escape cancels, focus returns to the
// element that opened it. Used before destructive actions and before releasing a review case.
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n_context';
import { Button } from './submit_button';

interface Props {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy?: boolean;
  focusConfirm?: boolean;
  confirmVariant?: 'danger' | 'primary';
  /** Rendered under the body (e.g. a problem from the last attempt). */
  children?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  busy = false,
  focusConfirm = false,
  confirmVariant = 'danger',
  children,
  onConfirm,
  onCancel,
}: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement | null>(null);
  const cancelButton = useRef<HTMLButtonElement | null>(null);
  const confirmButton = useRef<HTMLButtonElement | null>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (open && !el.open) {
      opener.current = document.activeElement;
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
      (focusConfirm ? confirmButton : cancelButton).current?.focus();
    } else if (!open && el.open) {
      if (typeof el.close === 'function') el.close();
      else el.removeAttribute('open');
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-body">{body}</p>
      {children}
      <div className="dialog__actions">
        <Button ref={cancelButton} variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button ref={confirmButton} variant={confirmVariant} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
