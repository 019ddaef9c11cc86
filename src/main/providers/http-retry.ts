/**
 * When the HTTP client tries a call again, and for how long: a pure plan from the error, the
 * attempt number and the time left. Waits a provider announced (Retry-After, or a rate-limit
 * window known from its source) do not use up the call's deadline; backoff and slow attempts do.
 */
import type { ErrorData } from '../../shared/errors';
import { isRetryable } from './http-errors';

export const MAX_RETRIES = 3;
/** Every attempt of one call, and the backoff between them, ends this long after it started. */
export const DEFAULT_DEADLINE_MS = 30_000;
/** A wait longer than this is handed back to the caller (the scheduler) instead of waited. */
export const MAX_RETRY_AFTER_SECONDS = 60;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;

/** A provider's own rate limit for a call, for a 429 that does not say how long to wait. */
export interface RateLimitRule {
  readonly windowSeconds: number;
  /** Said while waiting: "allows 10 logins a minute from one address". */
  readonly rule: string;
}

export type RetryPlan =
  | { readonly kind: 'stop'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'wait'; readonly ms: number; readonly announced: boolean; readonly why: string };

export interface RetryInput {
  readonly error: ErrorData;
  /** 0 for the first attempt. */
  readonly attempt: number;
  readonly retry: boolean;
  readonly rateLimit?: RateLimitRule;
  readonly budgetLeftMs: number;
  readonly random?: () => number;
}

/** Exponential backoff with full jitter: a random delay in [base·2ⁿ/2, base·2ⁿ], capped. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function planRetry(input: RetryInput): RetryPlan {
  const { error, attempt } = input;
  const known =
    error.retryAfterSeconds ?? (error.code === 'PROVIDER_RATE_LIMITED' ? input.rateLimit?.windowSeconds : undefined);
  const handBack = known === undefined ? {} : { retryAfterSeconds: known };
  if (!input.retry || attempt >= MAX_RETRIES || !isRetryable(error.code)) return { kind: 'stop', ...handBack };
  if (known !== undefined) {
    if (known > MAX_RETRY_AFTER_SECONDS) return { kind: 'stop', ...handBack };
    const why = error.retryAfterSeconds !== undefined ? 'asked to wait' : (input.rateLimit?.rule ?? 'limits requests');
    return { kind: 'wait', ms: known * 1000, announced: true, why };
  }
  const ms = backoffDelay(attempt, input.random);
  if (ms >= input.budgetLeftMs) return { kind: 'stop' };
  return { kind: 'wait', ms, announced: false, why: error.message };
}

/** "(gave up after 2 attempts in 30 s)", appended to the last error when more than one attempt was made. */
export function attemptsNote(attempts: number, elapsedMs: number): string {
  return attempts <= 1 ? '' : ` (gave up after ${attempts} attempts in ${Math.round(elapsedMs / 1000)} s)`;
}
