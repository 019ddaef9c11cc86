/**
 * Tenants, environments and tokens edited from the window, by id, through the real handlers: rename,
 * removal with its impact (and a stale count refused), recognition of a pasted token, the detail
 * pane, edit, and delete that refuses to strand a live provider key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planForToken } from '../../../src/main/lifecycle/rotation';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';
import { makeJwt } from '../providers/jwt-fixtures';

let f: ApiFixture;

beforeEach(async () => {
  f = await createApiFixture();
});

afterEach(() => f.close());

async function seed() {
  const acme = value(await f.api['tenant:add']({ name: 'Acme' }));
  const prod = value(await f.api['environment:add']({ tenant: 'Acme', name: 'prod' }));
  const dev = value(await f.api['environment:add']({ tenant: 'Acme', name: 'dev' }));
  const key = value(await f.api['token:add']({ tenant: 'Acme', environment: 'prod', label: 'ci', secret: 'sk-ci-1' }));
  value(await f.api['token:add']({ tenant: 'Acme', environment: 'prod', label: 'deploy', secret: 'sk-deploy-1' }));
  value(await f.api['token:add']({ tenant: 'Acme', environment: 'dev', label: 'local', secret: 'sk-local-1' }));
  return { acme, prod, dev, key };
}

describe('tenants and environments by id', () => {
  it('renames a tenant and an environment (and its kind), keeping names unique', async () => {
    const { acme, prod, dev } = await seed();
    expect(value(await f.api['tenant:rename']({ tenantId: acme.id, name: 'Acme Corp' })).name).toBe('Acme Corp');
    const staged = value(
      await f.api['environment:update']({ environmentId: dev.id, name: 'staging', kind: 'staging' }),
    );
    expect(staged).toMatchObject({ name: 'staging', kind: 'staging', tenantId: acme.id });
    expect(errorCode(await f.api['environment:update']({ environmentId: prod.id, name: 'STAGING' }))).toBe('DUPLICATE');
    expect(errorCode(await f.api['environment:update']({ environmentId: prod.id }))).toBe('INVALID_INPUT');
    const outline = value(await f.api['vault:outline']({}));
    expect(outline.tenants[0]?.name).toBe('Acme Corp');
    expect(outline.tenants[0]?.environments.map((e) => `${e.name}:${e.kind}`)).toEqual([
      'prod:production',
      'staging:staging',
    ]);
    expect(f.vault().findToken('Acme Corp', 'staging', 'local')).not.toBeNull();
  });

  it('says what a removal takes with it, refuses a stale count, then removes everything in one go', async () => {
    const { acme, prod } = await seed();
    expect(value(await f.api['environment:removal']({ environmentId: prod.id }))).toEqual({
      environments: 1,
      connections: 0,
      tokens: 2,
      tokensWithLiveKeys: 0,
      tokensInRotation: 0,
    });
    const before = f.hashFiles();
    const stale = await f.api['environment:delete']({ environmentId: prod.id, expectedTokens: 1 });
    expect(errorCode(stale)).toBe('INVALID_INPUT');
    expect(f.hashFiles()).toBe(before);
    expect(value(await f.api['environment:delete']({ environmentId: prod.id, expectedTokens: 2 }))).toEqual({
      removed: prod.id,
      tokens: 2,
    });
    expect(value(await f.api['tenant:removal']({ tenantId: acme.id }))).toMatchObject({ environments: 1, tokens: 1 });
    expect(value(await f.api['tenant:delete']({ tenantId: acme.id, expectedTokens: 1 }))).toEqual({
      removed: acme.id,
      tokens: 1,
    });
    expect(f.vault().listTenants()).toEqual([]);
    expect(f.vault().listTokens()).toEqual([]);
    const deletes = f
      .vault()
      .listAudit()
      .filter((e) => e.action === 'delete');
    expect(deletes.map((e) => e.subjectId)).toEqual([prod.id, acme.id]);
    expect(errorCode(await f.api['tenant:removal']({ tenantId: acme.id }))).toBe('NOT_FOUND');
    const events = f.events.filter((e) => e.name === 'vault:changed').map((e) => e.payload);
    expect(events).toContainEqual(expect.objectContaining({ scope: 'structure' }));
    expect(f.invalidEvents).toEqual([]);
  });

  it('keeps every token of an environment whose removal is refused for a running rotation', async () => {
    const { prod, key } = await seed();
    planForToken(f.vault(), key.id, 'manual-rotate');
    const before = f.hashFiles();
    const refused = await f.api['environment:delete']({ environmentId: prod.id, expectedTokens: 2 });
    expect(errorCode(refused)).toBe('ROTATION_IN_PROGRESS');
    expect(f.hashFiles()).toBe(before);
    // The vault refuses it by itself too, if the window's check were bypassed.
    expect(() => f.vault().removeEnvironmentCascade(prod.id)).toThrow(/rotation in progress/);
    expect(f.vault().listTokens()).toHaveLength(3);
  });
});

describe('tokens by id', () => {
  it('recognises a pasted token offline: provider, kind, environment hint and JWT expiry', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600 * 24 * 30;
    const jwt = makeJwt({ iss: 'https://satori.example', exp, iat: exp - 3600 * 24 * 60, env: 'production' });
    expect(value(await f.api['token:recognise']({ secret: jwt }))).toEqual({
      provider: 'satori',
      kind: 'api-key',
      environmentKind: 'production',
      expiresAt: exp * 1000,
      expirySource: 'jwt',
      confidence: 'high',
    });
    expect(value(await f.api['token:recognise']({ secret: 'sat_test_0123456789abcdef' }))).toMatchObject({
      provider: 'syft-space',
      kind: 'satellite-token',
      environmentKind: 'test',
    });
    expect(value(await f.api['token:recognise']({ secret: 'just some text' }))).toMatchObject({
      provider: null,
      kind: null,
      confidence: 'low',
    });
  });

  it('shows the detail pane without a secret, and edits label, expiry, tags, notes and rotation policy', async () => {
    const { key } = await seed();
    const at = Date.UTC(2030, 0, 1);
    const edited = value(
      await f.api['token:update']({
        tokenId: key.id,
        label: 'CI deploys',
        expiresAt: at,
        tags: ['ci', 'deploy'],
        notes: 'Rotated by ops.',
        rotationPolicy: { everyDays: 30, graceMinutes: 15 },
      }),
    );
    expect(edited).toMatchObject({ label: 'CI deploys', expiresAt: at, expirySource: 'user', tags: ['ci', 'deploy'] });
    const detail = value(await f.api['token:detail']({ tokenId: key.id }));
    expect(detail.token).toMatchObject({
      label: 'CI deploys',
      tenantName: 'Acme',
      environmentName: 'prod',
      environmentKind: 'production',
      notes: 'Rotated by ops.',
      rotationPolicy: { everyDays: 30, graceMinutes: 15 },
    });
    expect(detail).toMatchObject({ expirySource: 'user', connection: null, liveProviderKeyIds: [], rotation: null });
    expect(detail.versions.map((v) => v.status)).toEqual(['current']);
    expect(detail.abilities).toMatchObject({ create: false, revoke: false, rotate: false });
    expect(JSON.stringify(detail)).not.toContain('sk-ci-1');
    const cleared = value(await f.api['token:update']({ tokenId: key.id, expiresAt: null }));
    expect(cleared).toMatchObject({ expiresAt: null, expirySource: null });
    expect(
      f
        .vault()
        .listAudit()
        .filter((e) => e.action === 'update'),
    ).toHaveLength(2);
  });

  it('deletes a token, but not one whose key is still alive at the provider unless told to leave it', async () => {
    const { prod, key } = await seed();
    const vault = f.vault();
    const live = vault.addToken({
      environmentId: prod.id,
      label: 'managed',
      kind: 'api-key',
      provider: 'satori',
      secret: 'sk-managed',
      providerKeyId: 'key-123',
    });
    const refused = await f.api['token:delete']({ tokenId: live.id });
    if (refused.ok) throw new Error('deleted a token with a live key');
    expect(refused.error).toMatchObject({ code: 'TOKEN_LIVE_AT_PROVIDER' });
    expect(refused.error.message).toMatch(/Revoke it first/);
    expect(value(await f.api['token:detail']({ tokenId: live.id })).liveProviderKeyIds).toEqual(['key-123']);
    expect(value(await f.api['token:delete']({ tokenId: key.id }))).toEqual({ removed: key.id });
    expect(value(await f.api['token:delete']({ tokenId: live.id, leaveLiveKeys: true }))).toEqual({ removed: live.id });
    expect(vault.listTokens().map((t) => t.label)).toEqual(['deploy', 'local']);
    const audit = vault.listAudit().filter((e) => e.action === 'delete');
    expect(audit.map((e) => e.detail)).toEqual(['test delete', 'test delete; left 1 provider key(s) alive']);
    expect(errorCode(await f.api['token:detail']({ tokenId: key.id }))).toBe('NOT_FOUND');
  });
});
