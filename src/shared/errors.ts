/**
 * Stable error codes and the Result type that crosses every boundary (IPC, CLI, providers).
 * A message is for humans and must never contain a secret.
 */
export const ERROR_CODES = [
  // input
  'INVALID_INPUT',
  'NOT_FOUND',
  'DUPLICATE',
  // vault file and keys
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'VAULT_WRONG_PASSWORD',
  'VAULT_HEADER_INVALID',
  'VAULT_KDF_OUT_OF_BOUNDS',
  'VAULT_TOO_NEW',
  'VAULT_CORRUPT',
  'VAULT_BUSY',
  'VAULT_IO',
  'VAULT_DISK_FULL',
  'VAULT_READ_ONLY',
  // tokens and lifecycle
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  /** Removing it would leave a key alive at the provider: revoke first (or say to keep it). */
  'TOKEN_LIVE_AT_PROVIDER',
  'ROTATION_IN_PROGRESS',
  'ROTATION_FAILED',
  // providers
  'PROVIDER_UNAUTHORIZED',
  'PROVIDER_FORBIDDEN',
  'PROVIDER_NOT_FOUND',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_BAD_RESPONSE',
  'PROVIDER_REJECTED',
  'PROVIDER_UNSUPPORTED',
  'PROVIDER_INSECURE_URL',
  // the app link (a `keyturn` command asking the running app)
  'APPROVAL_DENIED',
  'APPROVAL_TIMEOUT',
  'APP_BUSY',
  // anything else (a bug): the message says so without detail
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The plain-data form of an error: what crosses IPC and what `--json` prints. */
export interface ErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  /** Seconds to wait before trying again, when a provider said so. */
  readonly retryAfterSeconds?: number;
}

/** Thrown inside main-process modules; turned into a Result at every boundary. */
export class KeyturnError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options?: { retryAfterSeconds?: number }) {
    super(message);
    this.name = 'KeyturnError';
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  toData(): ErrorData {
    return this.retryAfterSeconds === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfterSeconds: this.retryAfterSeconds };
  }
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string, retryAfterSeconds?: number): Result<T> {
  return {
    ok: false,
    error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds },
  };
}

/** Unknown throwables become INTERNAL with a fixed message: their text may hold anything. */
export function toErrorData(cause: unknown): ErrorData {
  if (cause instanceof KeyturnError) return cause.toData();
  return { code: 'INTERNAL', message: 'Unexpected internal error' };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
