// The subscriber's lines (GET /api/v1/sims) and applications (GET /api/v1/applications), for the
// account home and the "start registration" page. Summaries say all the home page needs except a
// decision's reasons, so only applications with changes requested (and any a line names that the
// list lacks) are loaded in full; one that fails to load is left out and next_step.ts then judges
// that line by its own status. UI-thread only.
import { useCallback, useEffect, useState } from 'react';
import type { Line } from '../api/registration_types';
import { useApi } from '../session/services';
import { unlistedApplicationIds, type ApplicationLike } from './next_step';

export type LinesState =
  | { status: 'loading' }
  | { status: 'ready'; lines: Line[]; applications: ReadonlyMap<string, ApplicationLike> }
  | { status: 'error'; error: unknown };

export function useLines() {
  const api = useApi();
  const [state, setState] = useState<LinesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    (async () => {
      const [{ lines }, { applications: summaries }] = await Promise.all([api.listLines(), api.listApplications()]);
      const applications = new Map<string, ApplicationLike>(summaries.map((s) => [s.id, s]));
      const toLoad = [
        ...summaries.filter((s) => s.status === 'resubmission_requested').map((s) => s.id),
        ...unlistedApplicationIds(lines, applications),
      ];
      const loaded = await Promise.all(toLoad.map((id) => api.getApplication(id).catch(() => null)));
      for (const a of loaded) if (a !== null) applications.set(a.id, a);
      return { lines, applications };
    })().then(
      ({ lines, applications }) => {
        if (!cancelled) setState({ status: 'ready', lines, applications });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
