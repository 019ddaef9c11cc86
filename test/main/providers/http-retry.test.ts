/**
 * A slow provider: each call ends by its deadline, says each retry as it happens, and names the
 * attempts it made in the error. The retry plan itself is pure and tested on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createHttpClient } from '../../../src/main/providers/http';
import { MAX_RETRIES, planRetry } from '../../../src/main/providers/http-retry';
import { FakeClock } from '../../support/fake-clock';
import { sendJson, startLocalServer, type LocalServer } from './local-server';

const anything = z.unknown();
const unavailable = { code: 'PROVIDER_UNAVAILABLE', message: 'Test: no answer within 15000 ms' } as const;
const limited = { code: 'PROVIDER_RATE_LIMITED', message: 'Test answered 429' } as const;
const rule = { windowSeconds: 60, rule: 'allows 10 logins a minute from one address' };

describe('the retry plan', () => {
  it('stops backing off once the next wait would pass the deadline', () => {
    const half = () => 0.5;
    expect(planRetry({ error: unavailable, attempt: 0, retry: true, budgetLeftMs: 10_000, random: half })).toEqual({
      kind: 'wait',
      ms: 188,
      announced: false,
      why: unavailable.message,
    });
    expect(planRetry({ error: unavailable, attempt: 0, retry: true, budgetLeftMs: 100, random: half })).toEqual({
      kind: 'stop',
    });
    expect(planRetry({ error: unavailable, attempt: MAX_RETRIES, retry: true, budgetLeftMs: 10_000 })).toEqual({
      kind: 'stop',
    });
  });

  it('waits a 429 without Retry-After out on the provider’s known window, announced, whatever the deadline', () => {
    expect(planRetry({ error: limited, attempt: 0, retry: true, rateLimit: rule, budgetLeftMs: 1 })).toEqual({
      kind: 'wait',
      ms: 60_000,
      announced: true,
      why: rule.rule,
    });
    // Given up on (a POST, or retries spent): the window is handed back for the caller to wait.
    expect(planRetry({ error: limited, attempt: 0, retry: false, rateLimit: rule, budgetLeftMs: 1 })).toEqual({
      kind: 'stop',
      retryAfterSeconds: 60,
    });
  });

  it('prefers the provider’s Retry-After, and hands back one over a minute', () => {
    const told = { ...limited, retryAfterSeconds: 5 };
    expect(planRetry({ error: told, attempt: 1, retry: true, rateLimit: rule, budgetLeftMs: 1 })).toMatchObject({
      kind: 'wait',
      ms: 5_000,
      why: 'asked to wait',
    });
    const long = { ...limited, retryAfterSeconds: 600 };
    expect(planRetry({ error: long, attempt: 0, retry: true, budgetLeftMs: 1 })).toEqual({
      kind: 'stop',
      retryAfterSeconds: 600,
    });
  });
});

describe('a slow provider', () => {
  let server: LocalServer;
  beforeAll(async () => {
    // Answers, but long after any timeout here.
    server = await startLocalServer((_, res) => void setTimeout(() => sendJson(res, 200, {}), 2_000));
  });
  afterAll(() => server.close());

  it('gives up by the call’s deadline, saying each retry and, in the error, the attempts made', async () => {
    const progress: string[] = [];
    // Real timeouts; the clock is a fake one that moves with the backoff sleeps only, so a loaded
    // machine cannot change how many attempts fit (2 or 3: the backoff is random).
    const clock = new FakeClock();
    const client = createHttpClient({
      label: 'Test',
      baseUrl: server.url,
      deps: {
        now: clock.now,
        sleep: clock.sleep,
        timeoutMs: 150,
        deadlineMs: 400,
        progress: (line) => progress.push(line),
      },
      secrets: () => [],
    });
    const result = await client.json({ method: 'GET', path: '/slow' }, anything);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PROVIDER_UNAVAILABLE');
    const said = /^Test: no answer within \d+ ms \(gave up after (\d) attempts in \d+ s\)$/.exec(result.error.message);
    const attempts = Number(said?.[1]);
    // The deadline, not the retry count, ended it; a last attempt cut very short may never reach the server.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThan(MAX_RETRIES + 1);
    expect(attempts).toBe(clock.sleeps.length + 1);
    expect(server.requests.length).toBeLessThanOrEqual(attempts);
    expect(progress).toHaveLength(attempts - 1);
    expect(progress[0]).toBe('Test: no answer within 150 ms; trying again (attempt 2 of 4)');
    console.log(
      `slow provider: ${attempts} attempts, ${clock.sleeps.join('+')} ms of backoff, within a 400 ms deadline`,
    );
  });
});
