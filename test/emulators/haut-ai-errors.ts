import { json, type Reply } from './harness';

/** Haut.AI answers every DRF error in the drf-standardized-errors envelope. */
export type ErrorType = 'validation_error' | 'client_error' | 'server_error';

export function hautError(
  status: number,
  type: ErrorType,
  code: string,
  detail: string,
  attr: string | null = null,
  headers?: Record<string, string>,
): Reply {
  return json(status, { type, errors: [{ code, detail, attr, extra: null }] }, headers);
}

export const invalidToken = (): Reply =>
  hautError(401, 'client_error', 'invalid_token', 'The provided token is expired or invalid.');
export const notAuthenticated = (): Reply =>
  hautError(401, 'client_error', 'not_authenticated', 'Authentication credentials were not provided.');
export const permissionDenied = (): Reply =>
  hautError(403, 'client_error', 'permission_denied', 'You do not have permission to perform this action.');
export const notFound = (detail = 'Not found.'): Reply => hautError(404, 'client_error', 'not_found', detail);
export const required = (attr: string): Reply =>
  hautError(400, 'validation_error', 'required', 'This field is required.', attr);
export const methodNotAllowed = (method: string): Reply =>
  hautError(405, 'client_error', 'method_not_allowed', `Method "${method}" not allowed.`);

export function throttled(retryAfter: string | undefined): Reply {
  const suffix = retryAfter === undefined ? '' : ` Expected available in ${retryAfter} seconds.`;
  return hautError(
    429,
    'client_error',
    'throttled',
    `Request was throttled.${suffix}`,
    null,
    retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  );
}

/** Django's own 404 page for a URL no view matches (for example a missing trailing slash). */
export const djangoNotFound = (): Reply => ({
  status: 404,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '<!doctype html><html lang="en"><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>',
});
