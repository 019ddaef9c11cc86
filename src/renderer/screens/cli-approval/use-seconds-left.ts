import type { CliApprovalRequest } from '../../../shared/cli-approval';
import { useNow } from '../../lib/use-now';

/**
 * Whole seconds until main counts the request as unanswered, ticking once a second. Main's clock
 * and the window's are the same machine's; the figure never exceeds the request's own window, so a
 * skewed clock cannot show a longer wait than main allows.
 */
export function useSecondsLeft(request: CliApprovalRequest): number {
  const now = useNow(1000);
  const allowed = request.expiresAt - request.requestedAt;
  const left = Math.min(allowed, request.expiresAt - now);
  return Math.max(0, Math.ceil(left / 1000));
}
