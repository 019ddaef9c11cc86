import type { LifecycleProgressEvent } from '../../../shared/window-events';

const GOOD_STEPS = new Set(['created', 'tested', 'promoted', 'done']);
const BAD_STEPS = new Set(['abandoned', 'revoke-failed', 'discarding']);

function look(event: LifecycleProgressEvent): { icon: string; tone: string; title: string; next: string | null } {
  switch (event.kind) {
    case 'step':
      return {
        icon: GOOD_STEPS.has(event.step) ? '✓' : BAD_STEPS.has(event.step) ? '✕' : '•',
        tone: GOOD_STEPS.has(event.step) ? 'done' : BAD_STEPS.has(event.step) ? 'failed' : 'pending',
        title: event.title,
        next: event.next,
      };
    case 'call':
      return { icon: '→', tone: 'call', title: event.title, next: null };
    case 'pending':
      return {
        icon: '⏸',
        tone: 'pending',
        title: `Waiting to retry: ${event.reason}`,
        next: event.next,
      };
    case 'waiting':
      return { icon: '◷', tone: 'waiting', title: 'The old key stays valid for the grace period.', next: event.next };
    case 'failed':
      return { icon: '✕', tone: 'failed', title: event.reason, next: event.next };
    case 'needs-user':
      return { icon: '!', tone: 'waiting', title: event.message, next: null };
  }
}

/** A run's progress as it happens: each journal step and provider call, in main's words. */
export function ProgressSteps({ events }: { readonly events: readonly LifecycleProgressEvent[] }): React.JSX.Element {
  return (
    <ol className="steps" aria-label="Progress" aria-live="polite">
      {events.map((event, index) => {
        const { icon, tone, title, next } = look(event);
        return (
          <li key={index} className={`step ${tone}`}>
            <span className="step-icon" aria-hidden="true">
              {icon}
            </span>
            <span>
              {title}
              {next !== null && <span className="step-next">{next}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
