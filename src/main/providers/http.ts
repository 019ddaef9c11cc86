/**
 * The one HTTP client every adapter uses: per-request timeout, `https:` except loopback, no
 * cross-origin redirects, capped bodies parsed with zod, normalised errors, bounded retries
 * with backoff for idempotent calls only, and redacted logs and messages.
 */
import type { z } from 'zod';

import { err, ok, type ErrorData, type Result } from '../../shared/errors';
import { errorForStatus, parseRetryAfter } from './http-errors';
import { describeNetworkError, isRedirect, parseBody, readCapped, safeResolve } from './http-io';
import { attemptsNote, DEFAULT_DEADLINE_MS, MAX_RETRIES, planRetry, type RateLimitRule } from './http-retry';
import { redact } from './redact';
import type { ProviderDeps } from './types';
import { allowedUrl, joinUrl } from './url-policy';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** An API path under the base URL, or an absolute URL of the same origin (pagination `next`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  readonly bearer?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  /** Retry on 5xx, network errors and rate limits. Default: GET, PUT, DELETE yes; POST, PATCH no. */
  readonly retry?: boolean;
  /** Secrets in this request beyond the client's own, to redact from logs and errors. */
  readonly secrets?: readonly string[];
  /** The provider's known limit for this call, waited out when its 429 says nothing of when. */
  readonly rateLimit?: RateLimitRule;
}

export interface HttpClient {
  json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<Result<z.output<S>>>;
  /** For calls whose answer has no useful body (204); a body present must still be JSON. */
  empty(request: HttpRequest): Promise<Result<void>>;
}

export interface HttpClientOptions {
  /** The provider's name, for messages ("Satori answered 401: …"). */
  readonly label: string;
  readonly baseUrl: string;
  readonly deps: ProviderDeps;
  /** The connection's current secrets (password, tokens, sessions), redacted everywhere. */
  readonly secrets: () => readonly string[];
}

export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;

interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

type Outcome =
  { readonly ok: true; readonly response: RawResponse } | { readonly ok: false; readonly error: ErrorData };

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { label, deps } = options;
  const sleep = deps.sleep ?? realSleep;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const timeoutSignal = deps.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));

  const scrub = (text: string, request: HttpRequest): string =>
    redact(text, [...options.secrets(), ...(request.secrets ?? []), ...(request.bearer ? [request.bearer] : [])]);
  const log = (line: string, request: HttpRequest): void => deps.log?.(scrub(`[${label}] ${line}`, request));
  const fail = (request: HttpRequest, code: ErrorData['code'], message: string): ErrorData => ({
    code,
    message: scrub(`${label}: ${message}`, request),
  });

  function resolveUrl(request: HttpRequest): URL | ErrorData {
    const base = allowedUrl(options.baseUrl);
    if (base === null)
      return fail(request, 'PROVIDER_INSECURE_URL', 'the base URL must be https:// (http:// only for this computer)');
    const target = /^https?:\/\//i.test(request.path)
      ? allowedUrl(request.path)
      : allowedUrl(joinUrl(base.href, request.path));
    if (target === null || target.origin !== base.origin) {
      return fail(request, 'PROVIDER_INSECURE_URL', 'refused a URL outside the provider’s origin');
    }
    for (const [key, value] of Object.entries(request.query ?? {})) target.searchParams.set(key, String(value));
    return target;
  }

  function buildInit(request: HttpRequest, method: HttpMethod, withBody: boolean, limitMs: number): RequestInit {
    const headers = new Headers({ accept: 'application/json', ...request.headers });
    if (request.bearer !== undefined) headers.set('authorization', `Bearer ${request.bearer}`);
    let body: string | undefined;
    if (withBody && request.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(request.json);
    } else if (withBody && request.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams({ ...request.form }).toString();
    }
    return { method, headers, body, redirect: 'manual', signal: timeoutSignal(limitMs) };
  }

  async function sendOnce(
    request: HttpRequest,
    url: URL,
    method: HttpMethod,
    withBody: boolean,
    limitMs: number,
  ): Promise<Outcome> {
    const init = buildInit(request, method, withBody, limitMs);
    const auth = request.bearer === undefined ? '' : ` authorization: Bearer ${request.bearer}`;
    log(`→ ${method} ${url.href}${auth}${typeof init.body === 'string' ? ` body=${init.body}` : ''}`, request);
    const started = Date.now();
    try {
      const response = await fetch(url, init);
      const text = await readCapped(response, MAX_BODY_BYTES);
      if (text === null) {
        log(`← ${response.status} ${method} ${url.pathname}: body over ${MAX_BODY_BYTES} bytes`, request);
        return {
          ok: false,
          error: fail(request, 'PROVIDER_BAD_RESPONSE', `the answer is larger than ${MAX_BODY_BYTES} bytes`),
        };
      }
      log(`← ${response.status} ${method} ${url.pathname} (${text.length} chars, ${Date.now() - started} ms)`, request);
      return { ok: true, response: { status: response.status, headers: response.headers, text } };
    } catch (cause) {
      const message = describeNetworkError(cause, limitMs);
      log(`✕ ${method} ${url.pathname}: ${message}`, request);
      return { ok: false, error: fail(request, 'PROVIDER_UNAVAILABLE', message) };
    }
  }

  /** One attempt, following a single same-origin redirect. */
  async function sendAttempt(request: HttpRequest, url: URL, limitMs: number): Promise<Outcome> {
    const first = await sendOnce(request, url, request.method, true, limitMs);
    if (!first.ok || !isRedirect(first.response.status)) return first;
    const location = first.response.headers.get('location');
    const next = location === null ? null : safeResolve(location, url);
    if (next === null)
      return { ok: false, error: fail(request, 'PROVIDER_BAD_RESPONSE', 'a redirect without a usable Location') };
    if (next.origin !== url.origin) {
      return {
        ok: false,
        error: fail(request, 'PROVIDER_INSECURE_URL', `refused a redirect to another origin (${next.origin})`),
      };
    }
    const method = first.response.status === 303 ? 'GET' : request.method;
    const second = await sendOnce(request, next, method, method === request.method, limitMs);
    if (second.ok && isRedirect(second.response.status)) {
      return { ok: false, error: fail(request, 'PROVIDER_BAD_RESPONSE', 'too many redirects') };
    }
    return second;
  }

  async function send(request: HttpRequest): Promise<Result<RawResponse>> {
    const url = resolveUrl(request);
    if (!(url instanceof URL)) return { ok: false, error: url };
    const retry =
      request.retry ?? (request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE');
    const started = deps.now();
    // Time spent trying (attempts and backoff); waits the provider announced are not counted.
    let spent = 0;
    let mayHaveHappened = false;
    for (let attempt = 0; ; attempt += 1) {
      const attemptStart = deps.now();
      const outcome = await sendAttempt(request, url, Math.max(1, Math.min(timeoutMs, deadlineMs - spent)));
      spent += deps.now() - attemptStart;
      const error = outcome.ok ? statusError(request, outcome.response) : outcome.error;
      if (error === null && outcome.ok) return ok(outcome.response);
      if (error === null) return err('INTERNAL', 'Unexpected internal error');
      // A DELETE whose answer was lost may have succeeded: "not found" on the retry means done.
      if (mayHaveHappened && request.method === 'DELETE' && error.code === 'PROVIDER_NOT_FOUND') {
        log(`DELETE already took effect on an earlier attempt`, request);
        return ok({ status: 204, headers: new Headers(), text: '' });
      }
      mayHaveHappened ||= !outcome.ok;
      const plan = planRetry({ error, attempt, retry, rateLimit: request.rateLimit, budgetLeftMs: deadlineMs - spent });
      if (plan.kind === 'stop') {
        const note = attemptsNote(attempt + 1, deps.now() - started);
        const retryAfter = plan.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: plan.retryAfterSeconds };
        return { ok: false, error: { ...error, ...retryAfter, message: `${error.message}${note}` } };
      }
      const next = `attempt ${attempt + 2} of ${MAX_RETRIES + 1}`;
      const seconds = Math.ceil(plan.ms / 1000);
      deps.progress?.(
        plan.announced
          ? `${label} ${plan.why}: waiting ${seconds} s before ${next}`
          : scrub(`${plan.why}; trying again (${next})`, request),
      );
      log(`retrying ${request.method} after ${plan.ms} ms (${error.code})`, request);
      if (!plan.announced) spent += plan.ms;
      await sleep(plan.ms);
    }
  }

  function statusError(request: HttpRequest, response: RawResponse): ErrorData | null {
    if (response.status >= 200 && response.status < 300) return null;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), deps.now());
    const error = errorForStatus(label, response.status, parseBody(response.text), retryAfter);
    return { ...error, message: scrub(error.message, request) };
  }

  return {
    async json(request, schema) {
      const sent = await send(request);
      if (!sent.ok) return sent;
      const body = parseBody(sent.value.text);
      if (body === undefined)
        return { ok: false, error: fail(request, 'PROVIDER_BAD_RESPONSE', 'the answer is not JSON') };
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').slice(0, 5);
        return {
          ok: false,
          error: fail(request, 'PROVIDER_BAD_RESPONSE', `unexpected answer shape at ${paths.join(', ')}`),
        };
      }
      return ok(parsed.data);
    },
    async empty(request) {
      const sent = await send(request);
      if (!sent.ok) return sent;
      // No body is expected, but one that is there must at least be JSON.
      if (sent.value.text.trim() !== '' && parseBody(sent.value.text) === undefined) {
        return { ok: false, error: fail(request, 'PROVIDER_BAD_RESPONSE', 'the answer is not JSON') };
      }
      return ok(undefined);
    },
  };
}
