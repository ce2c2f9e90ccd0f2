// A list fetched from the server, in its three states: the loading note until the first answer
// (none when the fetch failed: the page's alert says so), the "nothing here" text for an empty
// list, otherwise the caller's rendering of the items.
import type { ReactNode } from 'react';
import { Loading } from './auth_card';

export function LoadedList<T>({
  items,
  failed,
  empty,
  children,
}: {
  items: readonly T[] | null;
  failed: boolean;
  empty: ReactNode;
  children: (items: readonly T[]) => ReactNode;
}) {
  if (items === null) return failed ? null : <Loading />;
  return <>{items.length === 0 ? empty : children(items)}</>;
}
