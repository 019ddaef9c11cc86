/** Small pieces every adapter shares. */
import { err, type Result } from '../../shared/errors';
import { createHttpClient, type HttpClient } from './http';
import type { ProviderConnection, ProviderDeps } from './types';

export function unsupported<T>(label: string, what: string): Promise<Result<T>> {
  return Promise.resolve(err<T>('PROVIDER_UNSUPPORTED', `${label} has no API to ${what}`));
}

/** The connection's own secrets (password or token), for redaction. */
function credentialSecrets(connection: ProviderConnection): string[] {
  const { credential } = connection;
  if (credential.kind === 'password') return [credential.password];
  if (credential.kind === 'token') return [credential.token];
  return [];
}

/**
 * The adapter's HTTP client for a connection: its base URL, with the connection's credential and
 * whatever `live()` returns (session and refresh tokens held now) redacted from anything reported.
 */
export function connectionHttp(
  label: string,
  connection: ProviderConnection,
  deps: ProviderDeps,
  live: () => readonly string[] = () => [],
): HttpClient {
  return createHttpClient({
    label,
    baseUrl: connection.baseUrl,
    deps,
    secrets: () => [...credentialSecrets(connection), ...live()],
  });
}

/** A date and time with no offset: `2026-12-01T21:35:36.046000` (or a space for the T). */
const OFFSETLESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * An ISO-8601 timestamp from the provider as epoch ms; null when absent or unreadable. One with
 * no offset is UTC, never this computer's local time: SyftHub on SQLite prints its UTC times so.
 */
export function parseTime(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  const ms = Date.parse(OFFSETLESS.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed);
  return Number.isNaN(ms) ? null : ms;
}

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function requireSetting(connection: ProviderConnection, label: string, key: string): Result<string> {
  const value = connection.settings[key];
  return value === undefined || value === ''
    ? err('INVALID_INPUT', `${label} needs the connection setting "${key}"`)
    : { ok: true, value };
}
