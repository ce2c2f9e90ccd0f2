// Provides the one ApiClient and its typed endpoints to the component tree.
// Tests pass their own fetch to exercise pages against a scripted server.
import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { createApi, type Api } from '../api/endpoints';

interface Services {
  client: ApiClient;
  api: Api;
  /** Set by the session layer; called when the server says the session is gone. */
  setUnauthenticatedHandler: (handler: (() => void) | null) => void;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ children, fetchImpl }: { children: ReactNode; fetchImpl?: typeof fetch }) {
  const handler = useRef<(() => void) | null>(null);
  const services = useMemo(() => {
    const client = new ApiClient({
      ...(fetchImpl !== undefined ? { fetch: fetchImpl } : {}),
      onUnauthenticated: () => handler.current?.(),
    });
    return {
      client,
      api: createApi(client),
      setUnauthenticatedHandler: (h: (() => void) | null) => {
        handler.current = h;
      },
    };
  }, [fetchImpl]);
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const value = useContext(ServicesContext);
  if (value === null) throw new Error('useServices outside ServicesProvider');
  return value;
}

export function useApi(): Api {
  return useServices().api;
}
