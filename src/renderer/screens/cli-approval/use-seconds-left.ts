import { useEffect, useState } from 'react';
import type { CliApprovalRequest } from '../../../shared/cli-approval';

/**
 * Whole seconds until main counts the request as unanswered, ticking once a second. Main's clock
 * and the window's are the same machine's; the figure never exceeds the request's own window, so a
 * skewed clock cannot show a longer wait than main allows.
 */
export function useSecondsLeft(request: CliApprovalRequest): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const allowed = request.expiresAt - request.requestedAt;
  const left = Math.min(allowed, request.expiresAt - now);
  return Math.max(0, Math.ceil(left / 1000));
}
