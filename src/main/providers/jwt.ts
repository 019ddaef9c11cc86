/**
 * Reads a JWT's payload without verifying it: Keyturn only wants hints (expiry, issuer,
 * tenant), never trust. Pure; never throws.
 */
import { z } from 'zod';

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

const claimsSchema = z.looseObject({
  // A claim of an unexpected type is ignored rather than failing the whole payload.
  exp: z.number().finite().optional().catch(undefined),
  iat: z.number().finite().optional().catch(undefined),
  iss: z.string().optional().catch(undefined),
  sub: z.union([z.string(), z.number()]).optional().catch(undefined),
  email: z.string().optional().catch(undefined),
  tenant_name: z.string().optional().catch(undefined),
  token_type: z.string().optional().catch(undefined),
  // SyftHub: access and refresh tokens carry username, role (access only) and type; satellite tokens role.
  username: z.string().optional().catch(undefined),
  role: z.string().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
  tenant_id: z.unknown().optional(),
  token_id: z.unknown().optional(),
  company_id: z.unknown().optional(),
  user_id: z.unknown().optional(),
  env: z.unknown().optional(),
  environment: z.unknown().optional(),
  aud: z.unknown().optional(),
});

export type JwtClaims = z.infer<typeof claimsSchema>;

export function looksLikeJwt(value: string): boolean {
  return JWT_SHAPE.test(value.trim());
}

export function decodeJwt(value: string): JwtClaims | null {
  const trimmed = value.trim();
  if (!looksLikeJwt(trimmed)) return null;
  const [, payload] = trimmed.split('.');
  if (payload === undefined) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const parsed = claimsSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The `exp` claim as epoch milliseconds, or null when absent or not a JWT. */
export function jwtExpiresAt(value: string): number | null {
  const exp = decodeJwt(value)?.exp;
  return exp === undefined ? null : Math.round(exp * 1000);
}

/** The `iat` claim as epoch milliseconds, or null. */
export function jwtIssuedAt(value: string): number | null {
  const iat = decodeJwt(value)?.iat;
  return iat === undefined ? null : Math.round(iat * 1000);
}
