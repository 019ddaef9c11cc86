/** A fixed window counter on the emulator's clock, per key (token, route...): one minute unless told. */
export interface RateWindow {
  /** Counts a hit; returns the seconds until the window resets when over the limit, else undefined. */
  hit(key: string): number | undefined;
}

export function createRateWindow(
  limit: () => number | null,
  now: () => number,
  windowMs: () => number = () => 60_000,
): RateWindow {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const max = limit();
      if (max === null) return undefined;
      const at = now();
      const length = windowMs();
      const current = windows.get(key);
      const window = current !== undefined && at - current.start < length ? current : { start: at, count: 0 };
      window.count += 1;
      windows.set(key, window);
      if (window.count <= max) return undefined;
      return Math.max(1, Math.ceil((window.start + length - at) / 1000));
    },
  };
}
