// The claim lease as the case page keeps it: seconds left, when to renew (a third of the lease
// before it runs out, and only when the reviewer did something since the last renewal, so an
// abandoned tab lets the case go back to the queue), and the mm:ss countdown text. Pure.

export function remainingMs(expiresAtIso: string, now: number): number {
  const at = Date.parse(expiresAtIso);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

export interface RenewInput {
  now: number;
  expiresAt: number;
  /** The lease length seen at the last claim or renewal. */
  leaseMs: number;
  lastActivity: number;
  lastRenewal: number;
}

export function shouldRenew({ now, expiresAt, leaseMs, lastActivity, lastRenewal }: RenewInput): boolean {
  if (now >= expiresAt) return false;
  const left = expiresAt - now;
  const threshold = Math.max(5_000, leaseMs / 3);
  return left <= threshold && lastActivity > lastRenewal;
}

/** 905 → "15:05"; 59 → "0:59"; negative → "0:00". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
