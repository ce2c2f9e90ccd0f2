// A list the page fetches when it opens (a GET answering { items }): the items, null until the first
// answer; a setter for the page's own changes (a row added, edited or switched off); and the load
// failure, for the page's alert and LoadedList. An answer that arrives after the page closed is dropped.
import { useEffect, useState, type DependencyList } from 'react';

export function useLoadedList<T>(fetchList: () => Promise<{ items: T[] }>, deps: DependencyList) {
  const [items, setItems] = useState<T[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    fetchList().then(
      ({ items: list }) => {
        if (cancelled) return;
        setItems(list);
        setLoadError(null);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error);
      },
    );
    return () => {
      cancelled = true;
    };
    // Refetched when what the caller names changes, as with useEffect's own list.
  }, deps);

  return { items, setItems, loadError };
}
