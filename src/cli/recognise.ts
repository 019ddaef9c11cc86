/**
 * What a pasted token tells about itself: a JWT's `exp` and issuer hints. Providers' own
 * recognition (src/main/providers/detect.ts) is richer; this covers the JWT fallback.
 */
import { z } from 'zod';
import type { ProviderId, TokenKind } from '../shared/model';

export interface Recognition {
  readonly provider: ProviderId | null;
  readonly kind: TokenKind | null;
  readonly expiresAt: number | null;
}

const JwtClaims = z.object({ exp: z.number().optional(), iss: z.string().optional() }).loose();

function decodeJwtClaims(secret: string): z.infer<typeof JwtClaims> | null {
  const parts = secret.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    const parsed = JwtClaims.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function recognise(secret: string): Recognition {
  const claims = decodeJwtClaims(secret);
  if (!claims) return { provider: null, kind: null, expiresAt: null };
  return { provider: null, kind: null, expiresAt: claims.exp === undefined ? null : claims.exp * 1000 };
}
