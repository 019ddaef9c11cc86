/**
 * The client's check of what the app sends: the same rules as `appFrameSchema` and
 * `APP_LINK_OUTPUTS` (src/shared/app-link-protocol.ts), written out by hand because loading zod
 * costs a `keyturn get` through the app more than everything else it does (bench/README.md).
 * The types are the schemas' own (z.infer); test/cli/app-frame-guard.test.ts runs both over the
 * fuzz corpus and random values and requires the same verdict on every one.
 */
import type { AppLinkChannel, FallbackReason } from '../shared/app-link-constants';
import type { AppFrame } from '../shared/app-link-protocol';
import { ERROR_CODES, type ErrorData } from '../shared/errors';
import type { AppOutput } from './app-client';

type Plain = Record<string, unknown>;

const FALLBACKS: readonly string[] = ['other-vault', 'off', 'version'] satisfies readonly FallbackReason[];
const CODES: readonly string[] = ERROR_CODES;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Exactly these keys (optional ones may be missing), as z.strictObject allows. */
function hasOnly(value: Plain, required: readonly string[], optional: readonly string[] = []): boolean {
  const keys = Object.keys(value);
  return required.every((key) => key in value) && keys.every((key) => required.includes(key) || optional.includes(key));
}

/** z.maxLength counts code points; a string within `max` UTF-16 units is within it either way. */
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && (value.length <= max || [...value].length <= max);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 2 ** 31 - 1;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** errorSchema is a z.object: unknown keys are allowed and dropped. */
function asError(value: unknown): ErrorData | null {
  if (!isPlain(value) || typeof value.code !== 'string' || !CODES.includes(value.code)) return null;
  if (!isText(value.message, 2000)) return null;
  const retry = value.retryAfterSeconds;
  if (retry !== undefined && !isNumber(retry)) return null;
  const code = value.code as ErrorData['code'];
  return retry === undefined
    ? { code, message: value.message }
    : { code, message: value.message, retryAfterSeconds: retry };
}

function asResult(value: unknown): Extract<AppFrame, { kind: 'answer' }>['result'] | null {
  if (!isPlain(value)) return null;
  if (value.ok === true) return hasOnly(value, ['ok', 'value']) ? { ok: true, value: value.value } : null;
  if (value.ok !== false || !hasOnly(value, ['ok', 'error'])) return null;
  const error = asError(value.error);
  return error === null ? null : { ok: false, error };
}

/** The frame, as appFrameSchema would parse it, or null where it would refuse it. */
export function asAppFrame(value: unknown): AppFrame | null {
  if (!isPlain(value) || !isNumber(value.v)) return null;
  const v = value.v;
  switch (value.kind) {
    case 'challenge': {
      if (!hasOnly(value, ['v', 'kind', 'nonce'], ['proof']) || !isText(value.nonce, 64)) return null;
      const proof = value.proof;
      if (proof === undefined) return { v, kind: 'challenge', nonce: value.nonce };
      return isText(proof, 64) ? { v, kind: 'challenge', nonce: value.nonce, proof } : null;
    }
    case 'refused': {
      const error = hasOnly(value, ['v', 'kind', 'error']) ? asError(value.error) : null;
      return error === null ? null : { v, kind: 'refused', error };
    }
    case 'fallback':
      return hasOnly(value, ['v', 'kind', 'reason']) &&
        typeof value.reason === 'string' &&
        FALLBACKS.includes(value.reason)
        ? { v, kind: 'fallback', reason: value.reason as FallbackReason }
        : null;
    case 'answer': {
      const result = hasOnly(value, ['v', 'kind', 'id', 'result']) && isCount(value.id) ? asResult(value.result) : null;
      return result === null ? null : { v, kind: 'answer', id: value.id as number, result };
    }
    default:
      return null;
  }
}

function asSecret(value: unknown): AppOutput<'token:secret'> | null {
  if (!isPlain(value) || typeof value.tokenId !== 'string' || typeof value.secret !== 'string') return null;
  if (typeof value.refreshed !== 'boolean') return null;
  if (value.expiresAt !== null && !isNumber(value.expiresAt)) return null;
  return { tokenId: value.tokenId, secret: value.secret, expiresAt: value.expiresAt, refreshed: value.refreshed };
}

function asEnvironmentSecrets(value: unknown): AppOutput<'environment:secrets'> | null {
  if (!isPlain(value) || !Array.isArray(value.entries) || !Array.isArray(value.skipped)) return null;
  const entries = [];
  for (const entry of value.entries as unknown[]) {
    if (!isPlain(entry) || typeof entry.tokenId !== 'string' || typeof entry.name !== 'string') return null;
    if (typeof entry.secret !== 'string') return null;
    entries.push({ tokenId: entry.tokenId, name: entry.name, secret: entry.secret });
  }
  const skipped = [];
  for (const left of value.skipped as unknown[]) {
    if (!isPlain(left) || typeof left.tokenId !== 'string' || typeof left.label !== 'string') return null;
    if (typeof left.reason !== 'string') return null;
    skipped.push({ tokenId: left.tokenId, label: left.label, reason: left.reason });
  }
  return { entries, skipped };
}

/** An answer's value, as APP_LINK_OUTPUTS[channel] would parse it, or null. */
export function asOutput<C extends AppLinkChannel>(channel: C, value: unknown): AppOutput<C> | null {
  const parsed = channel === 'token:secret' ? asSecret(value) : asEnvironmentSecrets(value);
  return parsed as AppOutput<C> | null;
}
