import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** HS256 JWTs for the emulators, signed with node:crypto. */
export type Claims = Record<string, unknown>;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function newSigningKey(): Buffer {
  return randomBytes(32);
}

export function signJwt(claims: Claims, key: Buffer): string {
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', key).update(head).digest('base64url');
  return `${head}.${signature}`;
}

/** The claims of a token signed with `key`, or undefined when it is not one. Expiry is the caller's job. */
export function verifyJwt(token: string, key: Buffer): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', key).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null || (header as Claims).alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** True when the `exp` claim (seconds) is missing or not after `nowMs`. */
export function isJwtExpired(claims: Claims, nowMs: number): boolean {
  return typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs;
}
