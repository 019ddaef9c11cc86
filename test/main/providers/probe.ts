/**
 * What every adapter test needs: a fake clock, deps whose debug log goes to a buffer, and a
 * leak check that no secret used in the test shows up in that log or in any error message.
 */
import { expect } from 'vitest';

import type { Result } from '../../../src/shared/errors';
import type { ProviderDeps } from '../../../src/main/providers/types';
import { FakeClock } from '../../support/fake-clock';

export class Probe {
  readonly clock = new FakeClock();
  readonly lines: string[] = [];
  readonly messages: string[] = [];
  /** What adapters said through deps.progress (waits, retries). */
  readonly progress: string[] = [];
  private readonly secrets = new Set<string>();

  deps(timeoutMs = 3_000): ProviderDeps {
    return {
      now: this.clock.now,
      sleep: this.clock.sleep,
      log: (line) => this.lines.push(line),
      progress: (message) => this.progress.push(message),
      timeoutMs,
    };
  }

  /** Remember a secret that must never appear in logs or errors. */
  secret(...values: string[]): void {
    for (const value of values) if (value.length > 0) this.secrets.add(value);
  }

  /** Record a result's error message for the leak check, and return the result. */
  seen<T>(result: Result<T>): Result<T> {
    if (!result.ok) this.messages.push(result.error.message);
    return result;
  }

  /** Unwraps a successful result (failing the test with the error otherwise). */
  value<T>(result: Result<T>): T {
    this.seen(result);
    if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  code<T>(result: Result<T>): string {
    this.seen(result);
    return result.ok ? 'OK' : result.error.code;
  }

  expectNoLeak(): void {
    const text = [...this.lines, ...this.messages, ...this.progress].join('\n');
    expect(this.lines.length).toBeGreaterThan(0);
    for (const secret of this.secrets) {
      const at = text.indexOf(secret);
      // On failure, show the line with the secret cut out, so the report itself leaks nothing.
      const context = at < 0 ? '' : `${text.slice(Math.max(0, at - 80), at)}<SECRET ${secret.length} chars>`;
      expect(context, 'a secret leaked into logs or errors').toBe('');
    }
    console.log(
      `redaction: ${this.lines.length} log lines and ${this.messages.length} error messages checked against ${this.secrets.size} secrets, 0 leaks`,
    );
  }
}
