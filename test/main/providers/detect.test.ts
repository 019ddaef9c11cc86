import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { detectToken, kindFor } from '../../../src/main/providers/detect';
import { decodeJwt, jwtExpiresAt } from '../../../src/main/providers/jwt';
import { makeJwt } from './jwt-fixtures';

const rest = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abc';

describe('token recognition', () => {
  it('files sat_live_ tokens as Syft Space satellite tokens for production', () => {
    expect(detectToken(`sat_live_${rest}`)).toEqual({
      provider: 'syft-space',
      kind: 'satellite-token',
      environmentKind: 'production',
      expiresAt: null,
      expirySource: null,
      confidence: 'high',
    });
  });

  it('files sat_test_ tokens under test', () => {
    expect(detectToken(`sat_test_${rest}`)).toMatchObject({ provider: 'syft-space', environmentKind: 'test' });
  });

  it('recognises SyftHub PATs and SynapTask tokens by prefix, even pasted with "Bearer "', () => {
    expect(detectToken(`syft_pat_${rest}`)).toMatchObject({ provider: 'syfthub', kind: 'personal-access-token' });
    expect(detectToken(`Bearer st_${rest}`)).toMatchObject({ provider: 'synaptask', kind: 'api-key' });
  });

  it('reads a JWT expiry from exp without verifying the signature', () => {
    const token = makeJwt({ exp: 2_000_000_000, iat: 1_999_996_400, email: 'a@b.c', tenant_name: 'acme' });
    expect(detectToken(token)).toMatchObject({
      provider: 'syft-space',
      kind: 'session',
      expiresAt: 2_000_000_000_000,
      expirySource: 'jwt',
    });
    expect(jwtExpiresAt(token)).toBe(2_000_000_000_000);
  });

  it('recognises Satori and Haut.AI JWTs by issuer, telling a session from a private token by lifetime', () => {
    expect(detectToken(makeJwt({ iss: 'https://api.satorivault.com', exp: 2_000_000_000 }))).toMatchObject({
      provider: 'satori',
      confidence: 'high',
    });
    const hautSession = makeJwt({ iss: 'saas.haut.ai', iat: 1_000, exp: 4_600 });
    const hautPrivate = makeJwt({ iss: 'saas.haut.ai', iat: 1_000, exp: 1_000 + 90 * 86_400 });
    expect(detectToken(hautSession)).toMatchObject({ provider: 'haut-ai', kind: 'session' });
    expect(detectToken(hautPrivate)).toMatchObject({ provider: 'haut-ai', kind: 'api-key' });
  });

  it('recognises a Satori token by its tenant and token claims when it has no issuer', () => {
    expect(detectToken(makeJwt({ tenant_id: 'x', token_id: 'y', iat: 1 }))).toMatchObject({
      provider: 'satori',
      confidence: 'medium',
      expiresAt: null,
    });
  });

  it('recognises a Haut.AI private token by its simplejwt claims', () => {
    expect(
      detectToken(makeJwt({ token_type: 'private', user_id: 'u', token_id: 3, iat: 1_000, exp: 1_000 + 90 * 86_400 })),
    ).toMatchObject({
      provider: 'haut-ai',
      kind: 'api-key',
      confidence: 'medium',
    });
  });

  it('reads the environment from a JWT claim where one is present', () => {
    expect(detectToken(makeJwt({ iss: 'satori', env: 'staging' })).environmentKind).toBe('staging');
  });

  it('recognises the real SyftHub access and refresh tokens: {sub, username, role?, exp, type}, no iss or iat', () => {
    const access = makeJwt({ sub: '1', username: 'hubuser', role: 'user', exp: 2_000_000_000, type: 'access' });
    expect(detectToken(access)).toEqual({
      provider: 'syfthub',
      kind: 'session',
      environmentKind: null,
      expiresAt: 2_000_000_000_000,
      expirySource: 'jwt',
      confidence: 'medium',
    });
    const refresh = makeJwt({ sub: '1', username: 'hubuser', exp: 2_000_000_000, type: 'refresh' });
    expect(detectToken(refresh)).toMatchObject({ provider: 'syfthub', kind: 'session' });
    // The seed's shape (an issuer naming syfthub, and iat) is still recognised.
    expect(detectToken(makeJwt({ iss: 'https://syfthub.example', iat: 1, exp: 1801 }))).toMatchObject({
      provider: 'syfthub',
      kind: 'session',
    });
  });

  it('recognises a SyftHub satellite token as a short-lived Syft Space satellite token, its aud not an environment', () => {
    const claims = { sub: '7', iss: 'https://hub.syft.com', aud: 'prod-space', exp: 2_000_000_060, iat: 2_000_000_000 };
    expect(detectToken(makeJwt({ ...claims, role: 'user' }))).toEqual({
      provider: 'syft-space',
      kind: 'satellite-token',
      environmentKind: null,
      expiresAt: 2_000_000_060_000,
      expirySource: 'jwt',
      confidence: 'high',
    });
    // Without a role, or with a type, it is not one.
    expect(detectToken(makeJwt(claims)).kind).not.toBe('satellite-token');
  });

  it('recognises sk_admin_ keys as Syft Space admin keys, and gives a value the kind it has for the provider named', () => {
    expect(detectToken(`sk_admin_${rest}`)).toMatchObject({ provider: 'syft-space', kind: 'admin-key' });
    expect(kindFor('syft-space', 'whatever-the-operator-chose')).toBe('admin-key');
    expect(kindFor('syft-space', makeJwt({ email: 'a@b.c', exp: 1 }))).toBe('session');
    expect(kindFor('syfthub', 'opaque')).toBe('personal-access-token');
    expect(kindFor('synaptask', 'opaque')).toBe('api-key');
    expect(kindFor('manual', `syft_pat_${rest}`)).toBe('manual');
  });

  it('falls back to a manual token with low confidence for anything else', () => {
    expect(detectToken('just-some-opaque-value')).toEqual({
      provider: 'manual',
      kind: 'manual',
      environmentKind: null,
      expiresAt: null,
      expirySource: null,
      confidence: 'low',
    });
    expect(decodeJwt('eyJ.not.ajwt')).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const detected = detectToken(value);
        expect(typeof detected.provider).toBe('string');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => {
        const token = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
        expect(() => detectToken(token)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
