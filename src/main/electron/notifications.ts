/**
 * Scheduler events as OS notification text, pure. A notification is shown on the lock screen and
 * kept by the OS notification centre, so its text carries labels, counts and times only: every
 * free-text part (labels, provider reasons) goes through the redactor, and a locked vault's
 * reminder is a count without names (its labels are sealed).
 */
import type { SchedulerEvent } from '../lifecycle/scheduler-events';
import { redact } from '../providers/redact';
import { assertNever } from '../../shared/errors';
import type { NotificationKind } from '../../shared/window-settings';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

export interface NotificationContext {
  readonly now: number;
  /** The token's label while unlocked, or null (locked, or the token is gone). */
  readonly labelOf: (tokenId: string) => string | null;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The text for an event, or null for housekeeping nobody needs to hear about. */
export function notificationFor(event: SchedulerEvent, context: NotificationContext): NotificationText | null {
  switch (event.type) {
    case 'reminder-due':
      return { title: 'Token expiring', body: `${quote(event.label)} ${expiryPhrase(event.expiresAt - context.now)}.` };
    case 'locked-reminder-due':
      return {
        title: 'Tokens expiring',
        body: `${plural(event.count, 'token')} ${event.count === 1 ? 'expires' : 'expire'} within ${duration(event.before - context.now)}. Unlock Keyturn to see which.`,
      };
    case 'rotation-done':
      return { title: 'Key rotated', body: `${subject(event.tokenId, context)} now uses a new key.` };
    case 'rotation-failed':
      return {
        title: 'Rotation failed',
        body: `${subject(event.tokenId, context)}: ${clean(event.reason)} The old key stays current.`,
      };
    case 'rotation-needs-user':
      return { title: 'Keyturn needs you', body: `${subject(event.tokenId, context)}: ${clean(event.message)}` };
    case 'revoke-retried':
      return {
        title: 'Old key revoked',
        body: `${subject(event.tokenId, context)}: the key the provider had refused to revoke is revoked now (try ${event.attempts}).`,
      };
    case 'revoke-still-failing':
      return {
        title: 'Revoke still failing',
        body:
          `${subject(event.tokenId, context)}: the provider refused to revoke an old key ${plural(event.attempts, 'time')} ` +
          `(${redact(event.reason)
            .trim()
            .replace(/[.!?]+$/, '')}). Keyturn keeps trying; you can also revoke it in the provider’s web UI.`,
      };
    case 'session-refreshed':
    case 'work-pending':
      // Routine, or shown as pending in the window: a notification for each would be noise.
      return null;
    default:
      return assertNever(event);
  }
}

/** Which switch of the notifications setting governs the event's notification. */
export function notificationKindOf(event: SchedulerEvent): NotificationKind | null {
  switch (event.type) {
    case 'reminder-due':
    case 'locked-reminder-due':
      return 'expiry';
    case 'rotation-done':
    case 'revoke-retried':
      return 'rotation';
    case 'rotation-failed':
    case 'rotation-needs-user':
    case 'revoke-still-failing':
      return 'problem';
    case 'session-refreshed':
    case 'work-pending':
      return null;
    default:
      return assertNever(event);
  }
}

function subject(tokenId: string | null, context: NotificationContext): string {
  const label = tokenId === null ? null : context.labelOf(tokenId);
  return label === null ? 'A token' : quote(label);
}

function quote(label: string): string {
  return `“${redact(label)}”`;
}

/** Provider reasons are already redacted by the HTTP client; this is the last line of defence. */
function clean(text: string): string {
  const redacted = redact(text).trim();
  return /[.!?]$/.test(redacted) ? redacted : `${redacted}.`;
}

function expiryPhrase(msLeft: number): string {
  return msLeft <= 0 ? 'has expired' : `expires in ${duration(msLeft)}`;
}

function duration(ms: number): string {
  if (ms >= DAY_MS) return plural(Math.round(ms / DAY_MS), 'day');
  if (ms >= HOUR_MS) return plural(Math.round(ms / HOUR_MS), 'hour');
  return plural(Math.max(1, Math.round(ms / MINUTE_MS)), 'minute');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
