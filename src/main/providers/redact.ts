/**
 * Removes secrets from anything that may be logged or shown: the known secrets the caller
 * passes, Authorization values, and strings shaped like tokens. Pure.
 */
export const REDACTED = '[REDACTED]';

/** Known secrets shorter than this are not searched for (they would match ordinary words). */
const MIN_KNOWN_SECRET = 4;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PATTERNS: readonly RegExp[] = [
  // Authorization header values and bare bearer/basic credentials.
  /\b(authorization["']?\s*[:=]\s*["']?)(?:bearer|basic|token)?\s*[^\s"',;]+/gi,
  /\b(bearer\s+)[^\s"',;]+/gi,
  // JWTs (header.payload.signature, header starts with {" → eyJ).
  /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  // Known provider token prefixes.
  /\b(?:sat_live_|sat_test_|syft_pat_)[A-Za-z0-9_-]+/g,
  /\bst_[A-Za-z0-9_-]{6,}/g,
  // Secret-named fields in JSON, form bodies and query strings.
  /(["']?(?:password|passwd|secret|token|access_token|refresh_token|token_access|api_key|apikey|key|data|authorization)["']?\s*[:=]\s*["']?)([^"'&\s,}]+)/gi,
];

/** Long base64url or hex runs, except UUIDs (ids we want to keep readable). */
const LONG_RUN = /[A-Za-z0-9_-]{32,}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const known = [...new Set(secrets.filter((s) => s.length >= MIN_KNOWN_SECRET))].sort((a, b) => b.length - a.length);
  for (const secret of known) {
    out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
    // The secret may also appear URL- or JSON-encoded.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), REDACTED);
    const jsonEncoded = JSON.stringify(secret).slice(1, -1);
    if (jsonEncoded !== secret) out = out.replace(new RegExp(escapeRegExp(jsonEncoded), 'g'), REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match: string, prefix: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out.replace(LONG_RUN, (run) => (UUID.test(run) ? run : REDACTED));
}

/** A redactor bound to a changing set of known secrets. */
export function createRedactor(secrets: () => readonly string[]): (text: string) => string {
  return (text) => redact(text, secrets());
}
