/**
 * Which sign-in a Syft Space server speaks, asked without any credential. The released server
 * (OpenMined/syft-space, AdminKeyMiddleware) has no `/auth` routes: with SYFT_ADMIN_API_KEY set,
 * every non-public route answers 401 "Admin API key required"; with it empty ("dev mode") nothing
 * is checked and an unknown route is a plain 404. The seed contract's server answers its own 401
 * on `/api/v1/auth/me`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

import { err, ok, type Result } from '../../shared/errors';
import type { HttpClient } from './http';

export type SpaceFlow =
  /** The seed contract: email + password → a one-hour session JWT. */
  | 'email-password'
  /** The released server with an admin key set. */
  | 'admin-key'
  /** The released server without an admin key: it accepts anything. */
  | 'unprotected';

const API = '/api/v1';
const anyJson = z.unknown();
export const ADMIN_KEY_REQUIRED = /admin api key required/i;

export const UNPROTECTED_NOTE =
  'this Syft Space server accepts any key (it runs without SYFT_ADMIN_API_KEY, "dev mode"): anyone who can reach it can administer it';

export function describeFlow(flow: SpaceFlow): string {
  switch (flow) {
    case 'email-password':
      return 'the server signs in with email and password (the seed contract)';
    case 'admin-key':
      return 'the server is protected by an admin API key (SYFT_ADMIN_API_KEY)';
    case 'unprotected':
      return UNPROTECTED_NOTE;
  }
}

export async function probeFlow(http: HttpClient): Promise<Result<SpaceFlow>> {
  const answer = await http.json({ method: 'GET', path: `${API}/auth/me` }, anyJson);
  if (answer.ok) return ok('unprotected');
  const { code, message } = answer.error;
  if (code === 'PROVIDER_UNAUTHORIZED') return ok(ADMIN_KEY_REQUIRED.test(message) ? 'admin-key' : 'email-password');
  if (code === 'PROVIDER_NOT_FOUND') return ok('unprotected');
  return code === 'PROVIDER_BAD_RESPONSE'
    ? err('PROVIDER_BAD_RESPONSE', 'Syft Space: the server did not answer like a Syft Space server')
    : answer;
}

/** True when the admin routes also accept a key nobody has: the server checks nothing. */
export async function acceptsAnyKey(http: HttpClient): Promise<Result<boolean>> {
  const bogus = `keyturn-probe-${randomBytes(12).toString('hex')}`;
  const answer = await http.json({ method: 'GET', path: `${API}/tenants`, bearer: bogus, secrets: [bogus] }, anyJson);
  if (answer.ok) return ok(true);
  return answer.error.code === 'PROVIDER_UNAUTHORIZED' || answer.error.code === 'PROVIDER_FORBIDDEN'
    ? ok(false)
    : answer;
}
