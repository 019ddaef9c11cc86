/** Builds unsigned-looking JWTs for tests (Keyturn never verifies signatures). */
export function makeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('signature-bytes-here').toString('base64url')}`;
}
