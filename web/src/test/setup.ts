// Vitest setup for component tests: unmount after each test and reset browser state that the
// app keeps (URL/history, localStorage, <html lang>).
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no layout, so no scrolling; the router scrolls to the top after each navigation.
window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
  document.documentElement.lang = '';
});
