// The review reason taxonomy (GET /api/v1/review/reasons), fetched once per ApiClient and shared
// by the decision panel and the second-review page. A failed fetch is not cached. UI-thread only.
import { useEffect, useState } from 'react';
import type { Api } from '../api/endpoints';
import type { ReasonInfo } from '../api/review_types';
import { useApi } from '../session/services';

const cache = new WeakMap<Api, Promise<ReasonInfo[]>>();

export function loadReasons(api: Api): Promise<ReasonInfo[]> {
  let pending = cache.get(api);
  if (pending === undefined) {
    pending = api.reviewReasons().then((r) => r.reasons);
    cache.set(api, pending);
    pending.catch(() => cache.delete(api));
  }
  return pending;
}

export function useReasons(): { reasons: ReasonInfo[] | null; error: unknown } {
  const api = useApi();
  const [reasons, setReasons] = useState<ReasonInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    loadReasons(api).then(
      (list) => {
        if (!cancelled) setReasons(list);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);
  return { reasons, error };
}
