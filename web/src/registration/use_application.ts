// Loads one application (GET /api/v1/applications/{id}) for a page and keeps it as that page's
// state; steps replace it with what the server answers to their PATCH/PUT/POST. UI-thread only.
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { Application } from '../api/registration_types';
import { useApi } from '../session/services';

export type ApplicationState = { status: 'loading' } | { status: 'ready'; application: Application } | { status: 'error'; error: unknown };

export function useApplication(id: string) {
  const api = useApi();
  const [state, setState] = useState<ApplicationState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    api.getApplication(id).then(
      (application) => {
        if (!cancelled) setState({ status: 'ready', application });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, attempt]);

  const setApplication: Dispatch<SetStateAction<Application>> = useCallback((update) => {
    setState((prev) => {
      if (prev.status !== 'ready') return prev;
      const next = typeof update === 'function' ? update(prev.application) : update;
      return { status: 'ready', application: next };
    });
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, setApplication, reload };
}
