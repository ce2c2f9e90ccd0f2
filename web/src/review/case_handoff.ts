// Hands a just-claimed case from the page that claimed it ("Next case", a decision) to the case page
// in memory, so the case is not fetched (and audited as opened) twice. Never in history.state or
// storage: a case carries identity data. Each stash is taken once. UI-thread only.
import type { ReviewCase } from '../api/review_types';

let stashed: ReviewCase | null = null;

export function stashCase(c: ReviewCase): void {
  stashed = c;
}

export function takeCase(id: string): ReviewCase | null {
  const c = stashed;
  stashed = null;
  return c !== null && c.id === id ? c : null;
}

export function casePath(id: string): string {
  return `/staff/review/cases/${encodeURIComponent(id)}`;
}
