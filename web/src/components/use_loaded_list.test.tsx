import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLoadedList } from './use_loaded_list';

describe('useLoadedList', () => {
  it('starts empty-handed, then holds the fetched items, and lets the page change them', async () => {
    const fetchList = vi.fn(() => Promise.resolve({ items: ['a', 'b'] }));
    const { result } = renderHook(() => useLoadedList(fetchList, []));
    expect(result.current.items).toBeNull();
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(result.current.loadError).toBeNull();
    act(() => result.current.setItems((prev) => [...(prev ?? []), 'c']));
    expect(result.current.items).toEqual(['a', 'b', 'c']);
    expect(fetchList).toHaveBeenCalledTimes(1);
  });

  it('keeps the failure and leaves the items unknown', async () => {
    const failure = new Error('503');
    const { result } = renderHook(() => useLoadedList(() => Promise.reject(failure), []));
    await waitFor(() => expect(result.current.loadError).toBe(failure));
    expect(result.current.items).toBeNull();
  });

  it('fetches again when a dependency changes, and clears an earlier failure on success', async () => {
    const fetchList = vi.fn((id: string) => (id === 'bad' ? Promise.reject(new Error('no')) : Promise.resolve({ items: [id] })));
    const { result, rerender } = renderHook(({ id }) => useLoadedList(() => fetchList(id), [id]), { initialProps: { id: 'bad' } });
    await waitFor(() => expect(result.current.loadError).not.toBeNull());
    rerender({ id: 'good' });
    await waitFor(() => expect(result.current.items).toEqual(['good']));
    expect(result.current.loadError).toBeNull();
    expect(fetchList).toHaveBeenCalledTimes(2);
  });

  it('drops a late answer for what it fetched before', async () => {
    let answerSlow!: (value: { items: string[] }) => void;
    const slow = new Promise<{ items: string[] }>((resolve) => {
      answerSlow = resolve;
    });
    const fetchList = (id: string) => (id === 'slow' ? slow : Promise.resolve({ items: [id] }));
    const { result, rerender } = renderHook(({ id }) => useLoadedList(() => fetchList(id), [id]), { initialProps: { id: 'slow' } });
    rerender({ id: 'fast' });
    await waitFor(() => expect(result.current.items).toEqual(['fast']));
    await act(async () => answerSlow({ items: ['slow'] }));
    expect(result.current.items).toEqual(['fast']);
  });
});
