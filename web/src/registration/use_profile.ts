// The active jurisdiction profile, fetched once per ApiClient (it has no secrets and changes only
// when the server restarts) and shared by every page that renders from it. A failed fetch is not
// cached, so "try again" really asks again. UI-thread only.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api/endpoints';
import type { JurisdictionProfile } from '../api/registration_types';
import { useApi } from '../session/services';

const cache = new WeakMap<Api, Promise<JurisdictionProfile>>();

export function loadProfile(api: Api): Promise<JurisdictionProfile> {
  let pending = cache.get(api);
  if (pending === undefined) {
    pending = api.jurisdiction();
    cache.set(api, pending);
    pending.catch(() => cache.delete(api));
  }
  return pending;
}

export type ProfileState =
  | { status: 'loading' }
  | { status: 'ready'; profile: JurisdictionProfile }
  | { status: 'error'; error: unknown };

export function useProfile(): ProfileState & { retry: () => void } {
  const api = useApi();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ProfileState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    loadProfile(api).then(
      (profile) => {
        if (!cancelled) setState({ status: 'ready', profile });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
