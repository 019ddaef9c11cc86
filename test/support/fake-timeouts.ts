/**
 * Request deadlines on a fake clock, for ProviderDeps.timeoutSignal: a signal fires only when the
 * test moves the clock past its deadline (`elapse`), never because the machine was slow.
 */
import type { FakeClock } from './fake-clock';

interface Deadline {
  readonly at: number;
  readonly controller: AbortController;
}

export class FakeTimeouts {
  private deadlines: Deadline[] = [];

  constructor(private readonly clock: FakeClock) {}

  /** Bound, so it can be passed as `deps.timeoutSignal`. */
  readonly signal = (ms: number): AbortSignal => {
    const controller = new AbortController();
    this.deadlines.push({ at: this.clock.now() + ms, controller });
    return controller.signal;
  };

  /** Moves the clock forward by `ms` and fires every deadline that has passed, as AbortSignal.timeout would. */
  readonly elapse = (ms: number): number => {
    this.clock.advance(ms);
    const due = this.deadlines.filter((deadline) => deadline.at <= this.clock.now());
    this.deadlines = this.deadlines.filter((deadline) => deadline.at > this.clock.now());
    for (const { controller } of due) {
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }
    return due.length;
  };
}
