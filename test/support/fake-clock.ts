/**
 * A fake clock for tests: time moves only when told. `sleep` advances the clock at once instead
 * of waiting, and records each request so tests can assert the delays code asked for.
 */
export class FakeClock {
  private current: number;
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.current = start;
  }

  /** Bound, so it can be passed around as a plain function (`deps.now`). */
  readonly now = (): number => this.current;

  readonly advance = (ms: number): void => {
    if (ms < 0) throw new Error('A clock cannot go backwards');
    this.current += ms;
  };

  readonly set = (epochMs: number): void => {
    this.current = epochMs;
  };

  /** Bound; resolves on the next microtask after moving the clock forward by `ms`. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.advance(Math.max(0, ms));
    await Promise.resolve();
  };
}
