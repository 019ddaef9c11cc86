import { describe, expect, it } from 'vitest';
import type { TokenView } from '../../../src/shared/model';
import { CodecError, decodeTokens, encodeTokens } from '../../../src/main/vault/token-codec';
import { TokenInterner } from '../../../src/main/vault/token-intern';

const base: TokenView = {
  id: 'tok-1',
  tenantId: 'ten-1',
  environmentId: 'env-1',
  label: 'Ünïcode label 🔑',
  kind: 'personal-access-token',
  provider: 'syfthub',
  connectionId: null,
  providerKeyId: null,
  expiresAt: null,
  expirySource: null,
  lastVerifiedAt: null,
  lastUsedAt: null,
  rotationPolicy: null,
  tags: [],
  notes: '',
  revoked: false,
  createdAt: 1,
  updatedAt: 2,
};

describe('token metadata codec', () => {
  it('round-trips every field, nulls, empty strings and multi-line notes', () => {
    const tokens: TokenView[] = [
      base,
      {
        ...base,
        id: 'tok-2',
        connectionId: 'con-1',
        providerKeyId: '',
        expiresAt: 1_900_000_000_000,
        expirySource: 'jwt',
        lastVerifiedAt: 5,
        lastUsedAt: 6,
        rotationPolicy: { everyDays: 30, graceMinutes: 10 },
        tags: ['ci', 'backend team'],
        notes: 'line one\nline two\ttabbed',
        revoked: true,
        kind: 'session',
        provider: 'manual',
      },
      { ...base, id: 'tok-3', providerKeyId: '42', tags: ['solo'], expirySource: 'user', expiresAt: 0 },
    ];
    expect(decodeTokens(encodeTokens(tokens))).toEqual(tokens);
    expect(decodeTokens(encodeTokens([]))).toEqual([]);
  });

  it('refuses to encode a NUL, and refuses truncated or reformatted data', () => {
    expect(() => encodeTokens([{ ...base, notes: 'a\u0000b' }])).toThrow(CodecError);
    const encoded = encodeTokens([base]);
    expect(() => decodeTokens(encoded.subarray(0, encoded.length - 1))).toThrow(CodecError);
    const reformatted = encoded.slice();
    reformatted[0] = 9;
    expect(() => decodeTokens(reformatted)).toThrow(CodecError);
  });
});

describe('token metadata codec over a Node Buffer', () => {
  it('decodes from a Buffer that is a view into a larger slab', () => {
    const encoded = encodeTokens([{ ...base, expiresAt: 123, createdAt: 7, updatedAt: 8 }]);
    const slab = Buffer.alloc(encoded.length + 64, 0xff);
    slab.set(encoded, 32);
    expect(decodeTokens(slab.subarray(32, 32 + encoded.length))[0]).toMatchObject({ expiresAt: 123, createdAt: 7 });
  });
});

describe('token metadata codec with a shared value pool', () => {
  it('shares repeated ids, tag lists and policies between views, frozen, and decodes the same values', () => {
    const tokens: TokenView[] = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      id: `tok-${i}`,
      connectionId: 'con-1',
      tags: ['prod', `team-${i % 3}`],
      rotationPolicy: { everyDays: 30 },
    }));
    const pool = new TokenInterner();
    const first = decodeTokens(encodeTokens(tokens), pool);
    const second = decodeTokens(encodeTokens(tokens), pool);
    expect(first).toEqual(tokens);
    const [a, b, d] = [first[0], first[3], second[0]] as [TokenView, TokenView, TokenView];
    expect(a.tags).toBe(b.tags);
    expect(a.tags).toBe(d.tags);
    expect(a.rotationPolicy).toBe(d.rotationPolicy);
    expect(new Set(first.map((t) => t.tags)).size).toBe(3);
    expect(Object.isFrozen(a.tags) && Object.isFrozen(a.rotationPolicy)).toBe(true);
    expect(() => (a.tags as string[]).push('leak')).toThrow(TypeError);
    const unpooled = decodeTokens(encodeTokens(tokens));
    expect(unpooled[0]?.tags).not.toBe(unpooled[3]?.tags);
  });
});
