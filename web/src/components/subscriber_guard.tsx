// Renders its children only for a signed-in subscriber; staff go to their home, anyone else to the
// sign-in page (which returns to the account home after signing in).
import type { ReactNode } from 'react';
import type { SubscriberMe } from '../api/types';
import { Redirect } from '../router/router';
import { useSession } from '../session/session_context';
import { Loading } from './auth_card';

export function SubscriberGuard({ children }: { children: (me: SubscriberMe) => ReactNode }) {
  const { status, me } = useSession();
  if (status === 'loading') return <Loading />;
  if (me?.kind === 'staff') return <Redirect to="/staff" />;
  if (me === null || me.kind !== 'subscriber') return <Redirect to="/login" />;
  return <>{children(me)}</>;
}
