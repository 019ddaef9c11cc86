/**
 * The expiry Keyturn asks for when it has a provider create a key: the one the user chose, else
 * one that outlives the token's planned rotation (and its grace period) by the lead time of a
 * long-lived key, so the key shows as "expiring" exactly when its rotation is overdue; else null:
 * the adapter's own default (SyftHub and Haut.AI: 90 days).
 */
import type { RotationPolicy } from '../../shared/model';
import { DAY_MS, DEFAULT_LEAD_TIMES, MINUTE_MS } from './expiry';

const SLACK_MS = DEFAULT_LEAD_TIMES['api-key'];

export function keyExpiryFor(policy: RotationPolicy | null, chosen: number | null, now: number): number | null {
  if (chosen !== null) return chosen;
  if (policy?.everyDays === undefined) return null;
  return now + policy.everyDays * DAY_MS + (policy.graceMinutes ?? 0) * MINUTE_MS + SLACK_MS;
}
