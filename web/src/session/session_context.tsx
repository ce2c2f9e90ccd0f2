// Who is signed in (subscriber, staff, or nobody), loaded from GET /api/v1/me at start and updated
// by sign-in/sign-out. Also owns the language/account link: an explicit language choice is saved
// to the account with PATCH /api/v1/me; otherwise the account's saved language is adopted.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Locale, Me } from '../api/types';
import { useI18n } from '../i18n/i18n_context';
import { useRouter } from '../router/router';
import { useServices } from './services';

export type SessionStatus = 'loading' | 'signed_out' | 'signed_in';

interface SessionValue {
  status: SessionStatus;
  me: Me | null;
  /** Call with the account from a sign-in or password-change response. */
  signedIn: (me: Me) => void;
  /** Revokes the session on the server, then shows the matching sign-in page. Throws ApiError. */
  signOut: () => Promise<void>;
  /** Forget the session locally after the server already revoked it (password reset). */
  clear: () => void;
  /** The language switcher's action: applies, remembers, and saves to the account if signed in. */
  chooseLocale: (locale: Locale) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { api, setUnauthenticatedHandler } = useServices();
  const i18n = useI18n();
  const { navigate, location } = useRouter();
  const [state, setState] = useState<{ status: SessionStatus; me: Me | null }>({ status: 'loading', me: null });

  // Latest values for callbacks that outlive a render (API promises, the 401 handler).
  const latest = useRef({ i18n, state, pathname: location.pathname });
  latest.current = { i18n, state, pathname: location.pathname };

  const signedIn = useCallback(
    (me: Me) => {
      setState({ status: 'signed_in', me });
      const { locale, explicit, setLocale } = latest.current.i18n;
      if (me.locale === locale) return;
      if (explicit) {
        api
          .setLocale(locale)
          .then((updated) => setState((prev) => (prev.me?.id === updated.id ? { status: 'signed_in', me: updated } : prev)))
          .catch(() => undefined); // the preference stays in this browser; nothing for the person to fix
      } else {
        setLocale(me.locale, false);
      }
    },
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((me) => {
        if (!cancelled) signedIn(me);
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'signed_out', me: null });
      });
    return () => {
      cancelled = true;
    };
  }, [api, signedIn]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      const { state: current, pathname } = latest.current;
      if (current.status !== 'signed_in') return;
      setState({ status: 'signed_out', me: null });
      const staff = current.me?.kind === 'staff' || pathname.startsWith('/staff');
      navigate(staff ? '/staff/login' : '/login', { state: { notice: 'sessionEnded' } });
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate, setUnauthenticatedHandler]);

  const signOut = useCallback(async () => {
    const wasStaff = latest.current.state.me?.kind === 'staff';
    await api.logout();
    setState({ status: 'signed_out', me: null });
    navigate(wasStaff ? '/staff/login' : '/login', { state: { notice: 'signedOut' } });
  }, [api, navigate]);

  const clear = useCallback(() => setState({ status: 'signed_out', me: null }), []);

  const chooseLocale = useCallback(
    (locale: Locale) => {
      latest.current.i18n.setLocale(locale, true);
      if (latest.current.state.status !== 'signed_in') return;
      api
        .setLocale(locale)
        .then((updated) => setState((prev) => (prev.me?.id === updated.id ? { status: 'signed_in', me: updated } : prev)))
        .catch(() => undefined); // kept in localStorage; saved to the account on the next sign-in
    },
    [api],
  );

  const value = useMemo(
    () => ({ status: state.status, me: state.me, signedIn, signOut, clear, chooseLocale }),
    [state, signedIn, signOut, clear, chooseLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}
