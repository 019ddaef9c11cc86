/** A fixed one-minute window counter on the emulator's clock, per key (token, route...). */
export interface RateWindow {
  /** Counts a hit; returns the seconds until the window resets when over the limit, else undefined. */
  hit(key: string): number | undefined;
}

export function createRateWindow(limitPerMinute: () => number | null, now: () => number): RateWindow {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const limit = limitPerMinute();
      if (limit === null) return undefined;
      const at = now();
      const current = windows.get(key);
      const window = current !== undefined && at - current.start < 60_000 ? current : { start: at, count: 0 };
      window.count += 1;
      windows.set(key, window);
      if (window.count <= limit) return undefined;
      return Math.max(1, Math.ceil((window.start + 60_000 - at) / 1000));
    },
  };
}
