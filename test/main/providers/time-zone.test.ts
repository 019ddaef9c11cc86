import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** vitest.config.ts runs the provider tests under TZ=America/New_York; this fails if that does not apply. */
describe('the provider tests’ time zone', () => {
  it('is west of UTC in this process, as Date and Intl see it', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(new Date(Date.UTC(2026, 0, 15, 12)).getTimezoneOffset()).toBe(300);
    expect(new Date(Date.UTC(2026, 6, 15, 12)).getTimezoneOffset()).toBe(240);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/New_York');
    expect(Date.parse('2026-12-01T21:35:36')).toBe(Date.UTC(2026, 11, 2, 2, 35, 36));
  });

  it('is inherited by child processes (the CLI tests spawn keyturn)', () => {
    const offset = execFileSync(process.execPath, [
      '-e',
      'process.stdout.write(String(new Date(Date.UTC(2026,0,15)).getTimezoneOffset()))',
    ]);
    expect(offset.toString()).toBe('300');
  });
});
