// A row action on an admin page (disable a staff member, deactivate a webhook): the row waiting for
// the person's "yes" in the confirm dialog, which row's request is running (its buttons say
// "Please wait…" meanwhile), and the last failure for the page's alert. The dialog closes when the
// request ends, whatever the outcome, so the alert (or the page's notice) is what the person sees.
import { useState } from 'react';

export function useConfirmedAction<T extends { id: string }>() {
  const [confirming, setConfirming] = useState<T | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  /** Runs the action for one row; a failure lands in `error`. Returns whether it succeeded. */
  const run = async (target: T, action: (target: T) => Promise<void>): Promise<boolean> => {
    setBusyId(target.id);
    setError(null);
    try {
      await action(target);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusyId(null);
      setConfirming(null);
    }
  };

  /** The ConfirmDialog's open/busy/cancel/confirm props; confirming runs `action` for the row. */
  const dialog = (action: (target: T) => Promise<void>) => ({
    open: confirming !== null,
    busy: confirming !== null && busyId === confirming.id,
    onCancel: () => setConfirming(null),
    onConfirm: () => {
      if (confirming !== null) void run(confirming, action);
    },
  });

  return { confirming, ask: (target: T) => setConfirming(target), busyId, error, setError, run, dialog };
}
