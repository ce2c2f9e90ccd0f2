// A tiny History-API router: current location, navigate(), <Link>, <Redirect>.
// Navigation state (e.g. the e-mail typed on the previous step) travels in history.state, never
// in the URL, because personal data must not appear in URLs. Routes may have ":name" parameters
// (opaque ids only). Single-threaded UI code only.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

export interface RouterLocation {
  pathname: string;
  state: unknown;
  /** Increments on every navigation, so effects can react to "a new page was shown". */
  key: number;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

interface RouterValue {
  location: RouterLocation;
  navigate: (to: string, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** "/signup/" → "/signup"; "" → "/". */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function readLocation(key: number): RouterLocation {
  return { pathname: normalizePath(window.location.pathname), state: window.history.state, key };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<RouterLocation>(() => readLocation(0));

  useEffect(() => {
    const onPop = () => setLocation((prev) => readLocation(prev.key + 1));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    const state = options.state ?? null;
    if (options.replace) window.history.replaceState(state, '', to);
    else window.history.pushState(state, '', to);
    setLocation((prev) => readLocation(prev.key + 1));
    window.scrollTo?.(0, 0);
  }, []);

  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (value === null) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** The navigation state as a plain record (empty when absent or not an object). */
export function useNavState(): Record<string, unknown> {
  const { location } = useRouter();
  const state = location.state;
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  state?: unknown;
  children: ReactNode;
};

export function Link({ to, state, onClick, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser handle new-tab/window clicks and anything already handled.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to, { state });
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

export function Redirect({ to, state }: { to: string; state?: unknown }) {
  const { navigate } = useRouter();
  useEffect(() => {
    // Once per mount: a Redirect is replaced by the page it leads to.
    navigate(to, { replace: true, state });
  }, []);
  return null;
}

/**
 * Matches "/applications/:id/:step" against a path; returns the decoded parameters, or null.
 * Static segments compare exactly; a parameter matches one non-empty segment.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = normalizePath(pathname).split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      if (h === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

const ParamsContext = createContext<Readonly<Record<string, string>>>({});

export function RouteParamsProvider({ params, children }: { params: Readonly<Record<string, string>>; children: ReactNode }) {
  return <ParamsContext.Provider value={params}>{children}</ParamsContext.Provider>;
}

/** The current route's parameters (":id" → params.id); empty for static routes. */
export function useParams(): Readonly<Record<string, string>> {
  return useContext(ParamsContext);
}
