/**
 * Maps an HTTP answer to Keyturn's provider error codes, as the provider contracts' README
 * says. Pure: status, headers and parsed body in, error data out.
 */
import type { ErrorCode, ErrorData } from '../../shared/errors';

/** Pulls the provider's own message out of the error envelopes the providers use. */
export function extractProviderMessage(body: unknown): string | null {
  if (typeof body === 'string') return body.trim().slice(0, 300) || null;
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  // DRF / FastAPI: {"detail": "..."} or {"detail": [{"msg": "..."}]}
  if (typeof record.detail === 'string') return record.detail;
  if (Array.isArray(record.detail)) {
    const messages = record.detail.map(messageOfItem).filter((m): m is string => m !== null);
    if (messages.length > 0) return messages.join('; ');
  }
  // drf-standardized-errors: {"type": ..., "errors": [{"code", "detail", "attr"}]}
  if (Array.isArray(record.errors)) {
    const messages = record.errors.map(messageOfItem).filter((m): m is string => m !== null);
    if (messages.length > 0) return messages.join('; ');
  }
  // SynapTask: {"error": "<code>", "message": "..."}
  if (typeof record.message === 'string') return record.message;
  if (typeof record.error === 'string') return record.error;
  return null;
}

function messageOfItem(item: unknown): string | null {
  if (typeof item === 'string') return item;
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  const text = typeof record.detail === 'string' ? record.detail : typeof record.msg === 'string' ? record.msg : null;
  if (text === null) return null;
  const attr = typeof record.attr === 'string' ? record.attr : null;
  return attr === null ? text : `${attr}: ${text}`;
}

/** Retry-After in seconds or as an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function codeForStatus(status: number, message: string | null): ErrorCode {
  if (status === 429) return 'PROVIDER_RATE_LIMITED';
  // Syft Space's rate limiter answers 403 "Rate limit exceeded", not 429.
  if (status === 403 && message !== null && /rate limit exceeded/i.test(message)) return 'PROVIDER_RATE_LIMITED';
  if (status === 401) return 'PROVIDER_UNAUTHORIZED';
  if (status === 403) return 'PROVIDER_FORBIDDEN';
  if (status === 404) return 'PROVIDER_NOT_FOUND';
  if (status >= 500) return 'PROVIDER_UNAVAILABLE';
  if (status >= 400) return 'PROVIDER_REJECTED';
  return 'PROVIDER_BAD_RESPONSE';
}

export function errorForStatus(
  label: string,
  status: number,
  body: unknown,
  retryAfterSeconds: number | null,
): ErrorData {
  const message = extractProviderMessage(body);
  const code = codeForStatus(status, message);
  const text = `${label} answered ${status}${message === null ? '' : `: ${message}`}`;
  return code === 'PROVIDER_RATE_LIMITED' && retryAfterSeconds !== null
    ? { code, message: text, retryAfterSeconds }
    : { code, message: text };
}

export function isRetryable(code: ErrorCode): boolean {
  return code === 'PROVIDER_UNAVAILABLE' || code === 'PROVIDER_RATE_LIMITED';
}
