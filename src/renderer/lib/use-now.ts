import { useEffect, useState } from 'react';

/** How often relative times ("in 3 days", "2 hours ago") are worked out again while shown. */
export const RELATIVE_TICK_MS = 60_000;

/**
 * The time now, moving once every `periodMs` while the component is shown, so relative words
 * stay true in a window left open for days. The page's clock (Date.now), as relativeWords uses.
 */
export function useNow(periodMs = RELATIVE_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}
