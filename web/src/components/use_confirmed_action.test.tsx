import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useConfirmedAction } from './use_confirmed_action';

interface Row {
  id: string;
  name: string;
}

const kA: Row = { id: 'a', name: 'Alpha' };
const kB: Row = { id: 'b', name: 'Beta' };

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useConfirmedAction', () => {
  it('opens the dialog for the row asked about and closes it on cancel without running anything', () => {
    const { result } = renderHook(() => useConfirmedAction<Row>());
    expect(result.current.dialog(async () => undefined).open).toBe(false);
    act(() => result.current.ask(kA));
    expect(result.current.confirming).toBe(kA);
    const dialog = result.current.dialog(async () => {
      throw new Error('must not run');
    });
    expect(dialog).toMatchObject({ open: true, busy: false });
    act(() => dialog.onCancel());
    expect(result.current.confirming).toBeNull();
    expect(result.current.busyId).toBeNull();
    expect(result.current.error).toBeNull();
  });

  it('runs the confirmed row’s action, busy meanwhile, then closes the dialog', async () => {
    const { result } = renderHook(() => useConfirmedAction<Row>());
    const pending = deferred();
    const ran: string[] = [];
    act(() => result.current.ask(kB));
    act(() =>
      result.current
        .dialog((row) => {
          ran.push(row.name);
          return pending.promise;
        })
        .onConfirm(),
    );
    expect(ran).toEqual(['Beta']);
    expect(result.current.busyId).toBe('b');
    expect(result.current.dialog(async () => undefined)).toMatchObject({ open: true, busy: true });
    await act(async () => pending.resolve());
    expect(result.current.busyId).toBeNull();
    expect(result.current.confirming).toBeNull();
    expect(result.current.error).toBeNull();
  });

  it('keeps the failure for the page’s alert, closes the dialog, and clears the failure on the next run', async () => {
    const { result } = renderHook(() => useConfirmedAction<Row>());
    const failure = new Error('refused');
    act(() => result.current.ask(kA));
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.run(kA, () => Promise.reject(failure));
    });
    expect(ok).toBe(false);
    expect(result.current.error).toBe(failure);
    expect(result.current.confirming).toBeNull();
    expect(result.current.busyId).toBeNull();

    const pending = deferred();
    let run: Promise<boolean> | undefined;
    act(() => {
      run = result.current.run(kB, () => pending.promise);
    });
    expect(result.current.error).toBeNull();
    expect(result.current.busyId).toBe('b');
    // Only the dialog's own row makes its confirm button busy.
    act(() => result.current.ask(kA));
    expect(result.current.dialog(async () => undefined).busy).toBe(false);
    await act(async () => pending.resolve());
    expect(await run).toBe(true);
  });
});
