// Renders the whole app at a path against a FakeServer, as a browser would load it.
import { render } from '@testing-library/react';
import type { Locale } from '../api/types';
import { App } from '../app';
import type { FakeServer } from './fake_server';

export function renderApp(path: string, server: FakeServer, locale?: Locale, historyState: unknown = null) {
  window.history.replaceState(historyState, '', path);
  return render(<App fetchImpl={server.fetch} {...(locale !== undefined ? { initialLocale: locale } : {})} />);
}
