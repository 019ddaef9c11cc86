/**
 * SyftHub's satellite tokens (`GET /api/v1/token?aud=<username>`): RS256 JWTs with a `kid`,
 * claims `{sub, iss, aud, exp, iat, role}`, `iss` the hub's issuer URL (default
 * `https://hub.syft.com`), `aud` an active username (lower case), living 60 seconds. Syft Space
 * accepts them as callers' identities. The RSA key is made on first use (it costs tens of ms).
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { detail } from './fastapi';
import { json, type Reply, type RequestContext } from './harness';
import type { HubUser, World } from './syft-hub-world';

const HUB_ISSUER = 'https://hub.syft.com';
const SATELLITE_SECONDS = 60;
const KEY_ID = 'hub-key-emulator';

let signingKey: KeyObject | null = null;

function rsaKey(): KeyObject {
  signingKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return signingKey;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function signSatellite(claims: Record<string, unknown>): string {
  const head = `${encode({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(rsaKey()).toString('base64url');
  return `${head}.${signature}`;
}

export function satelliteToken(ctx: RequestContext, world: World, user: HubUser): Reply {
  const aud = (ctx.query.get('aud') ?? '').trim().toLowerCase();
  if (aud === '') {
    return json(400, { detail: { code: 'MISSING_AUDIENCE', message: "The 'aud' query parameter is required." } });
  }
  if (!world.state.users.some((u) => u.username.toLowerCase() === aud)) {
    return detail(404, `Audience '${aud}' is not a registered user.`);
  }
  const iat = Math.floor(world.now() / 1000);
  const token = signSatellite({
    sub: String(user.id),
    iss: HUB_ISSUER,
    aud,
    exp: iat + SATELLITE_SECONDS,
    iat,
    role: 'user',
  });
  return json(200, { target_token: token, expires_in: SATELLITE_SECONDS });
}
