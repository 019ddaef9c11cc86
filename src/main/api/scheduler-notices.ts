/**
 * The scheduler's events, told to the window as they are (`scheduler:event`), and, when the work
 * changed the vault (a key rotated or revoked, a session refreshed), a `vault:changed` so lists refresh.
 */
import type { SchedulerNotice } from '../../shared/window-events';
import type { SchedulerEvent } from '../lifecycle/scheduler-events';
import type { WindowEvents } from './event-hub';

/** The shared type must keep up with lifecycle's: this stops compiling if they part. */
const asNotice = (event: SchedulerEvent): SchedulerNotice => event;

export function tellSchedulerEvent(events: WindowEvents, event: SchedulerEvent): void {
  events.emit('scheduler:event', asNotice(event));
  switch (event.type) {
    case 'session-refreshed':
      events.changed('tokens');
      return;
    case 'rotation-done':
    case 'rotation-failed':
    case 'rotation-needs-user':
    case 'revoke-retried':
    case 'revoke-still-failing':
    case 'work-pending':
      events.changed('rotations');
      if (event.type !== 'work-pending') events.changed('tokens');
      return;
    case 'reminder-due':
    case 'locked-reminder-due':
      return;
  }
}
