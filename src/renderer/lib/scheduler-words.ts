/** What a scheduler event tells the user, as a notice line; null when it needs no notice. */
import type { SchedulerNotice } from '../../shared/window-events';

export function schedulerWords(event: SchedulerNotice): { text: string; tone: 'info' | 'error' } | null {
  switch (event.type) {
    case 'rotation-done':
      return { text: 'A scheduled rotation finished.', tone: 'info' };
    case 'rotation-failed':
      return { text: `A scheduled rotation failed: ${event.reason} See Pending work.`, tone: 'error' };
    case 'rotation-needs-user':
      return { text: `${event.message} See Pending work.`, tone: 'error' };
    case 'revoke-still-failing':
      return { text: `An old key still cannot be revoked: ${event.reason} Keyturn keeps trying.`, tone: 'error' };
    case 'reminder-due':
      return { text: `“${event.label}” expires soon.`, tone: 'info' };
    default:
      return null;
  }
}
