// Keeps a claimed case's lease alive while the page is open and the reviewer is active: a ticking
// seconds-left value, a renewal (POST renew) a third of the lease before it runs out when there was
// keyboard or pointer activity since the last renewal, and "expired" once time is up.
// UI-thread only; the page owns the case and gets the new expiry through onRenewed.
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../session/services';
import { remainingMs, shouldRenew } from './lease';

export interface LeaseState {
  secondsLeft: number;
  expired: boolean;
  renewError: unknown;
}

const kTickMs = 1000;

export function useLease(caseId: string, expiresAt: string | null, onRenewed: (expiresAt: string) => void): LeaseState {
  const api = useApi();
  const [now, setNow] = useState(() => Date.now());
  const [renewError, setRenewError] = useState<unknown>(null);
  const lastActivity = useRef(Date.now());
  const lastRenewal = useRef(0);
  const leaseMs = useRef(0);
  const renewing = useRef(false);
  const latestOnRenewed = useRef(onRenewed);
  latestOnRenewed.current = onRenewed;

  useEffect(() => {
    const mark = () => {
      lastActivity.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focusin'] as const;
    for (const e of events) document.addEventListener(e, mark, { passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, mark);
    };
  }, []);

  useEffect(() => {
    if (expiresAt === null) return;
    // A new expiry (claim or renewal): measure the lease length from it.
    const start = Date.now();
    leaseMs.current = remainingMs(expiresAt, start);
    lastRenewal.current = start;
    setNow(start);
    const timer = window.setInterval(() => setNow(Date.now()), kTickMs);
    return () => window.clearInterval(timer);
  }, [expiresAt]);

  useEffect(() => {
    if (expiresAt === null || renewing.current) return;
    const at = Date.parse(expiresAt);
    if (
      !shouldRenew({ now, expiresAt: at, leaseMs: leaseMs.current, lastActivity: lastActivity.current, lastRenewal: lastRenewal.current })
    ) {
      return;
    }
    renewing.current = true;
    api.renewCase(caseId).then(
      (answer) => {
        renewing.current = false;
        setRenewError(null);
        latestOnRenewed.current(answer.lease_expires_at);
      },
      (error: unknown) => {
        renewing.current = false;
        lastRenewal.current = Date.now();
        setRenewError(error);
      },
    );
  }, [now, expiresAt, api, caseId]);

  const left = expiresAt === null ? 0 : remainingMs(expiresAt, now);
  return { secondsLeft: Math.ceil(left / 1000), expired: expiresAt !== null && left <= 0, renewError };
}
