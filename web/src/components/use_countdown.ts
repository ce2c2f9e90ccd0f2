// A seconds countdown for "ask again in N s" (resend limits, Retry-After). Measured against the
// clock, not by counting ticks, so a phone that slept in between still shows the right number.
import { useCallback, useEffect, useState } from 'react';

export function useCountdown(now: () => number = Date.now) {
  const [until, setUntil] = useState<number | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => {
      if (now() >= until) {
        setUntil(null);
      } else {
        setTick((n) => n + 1);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until, now]);

  const start = useCallback((seconds: number) => {
    setUntil(seconds > 0 ? now() + seconds * 1000 : null);
  }, [now]);

  const seconds = until === null ? 0 : Math.max(0, Math.ceil((until - now()) / 1000));
  return { seconds, running: seconds > 0, start };
}
