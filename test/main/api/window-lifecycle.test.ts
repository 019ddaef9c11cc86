/**
 * The window's provider actions through the real handlers, a real vault and the provider
 * emulators: connection forms and tests, create/rotate/revoke with their progress events, failures
 * in plain words, revoke-failed keys retried from the pending list, and the guided manual rotation.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleProgressEvent } from '../../../src/shared/window-events';
import { startSatoriEmulator, startSyftSpaceEmulator, startSynapTaskEmulator } from '../../emulators';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
let satori: Awaited<ReturnType<typeof startSatoriEmulator>>;
let synaptask: Awaited<ReturnType<typeof startSynapTaskEmulator>>;

beforeAll(async () => {
  satori = await startSatoriEmulator();
  synaptask = await startSynapTaskEmulator();
});

afterAll(async () => {
  await satori.close();
  await synaptask.close();
});

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});

afterEach(() => {
  satori.clearFaults();
  f.close();
});

const envId = (): string => f.vault().listEnvironments()[0]?.id ?? '';
const satoriForm = (token: string) => ({
  environmentId: envId(),
  provider: 'satori' as const,
  baseUrl: satori.url,
  settings: { tenantId: satori.seed.tenantId },
  credential: { kind: 'token' as const, token },
});

async function connectSatori(): Promise<void> {
  value(
    await f.api['connection:set']({
      tenant: 'acme',
      environment: 'prod',
      provider: 'satori',
      baseUrl: satori.url,
      settings: { tenantId: satori.seed.tenantId },
      credential: { kind: 'token', token: satori.seed.bootstrapToken },
    }),
  );
}

async function accepted(key: string): Promise<number> {
  const response = await fetch(`${satori.url}/api/tenants/${satori.seed.tenantId}/`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return response.status;
}

function progress(journalId?: string | null): LifecycleProgressEvent[] {
  return f.events.flatMap((e) =>
    e.name === 'lifecycle:progress' && (journalId === undefined || e.payload.journalId === journalId)
      ? [e.payload]
      : [],
  );
}

const steps = (events: LifecycleProgressEvent[]): string[] =>
  events.flatMap((e) => (e.kind === 'step' ? [e.step] : []));

describe('connecting an environment', () => {
  it('describes each provider’s form and abilities, and tests a connection with its cheapest call', async () => {
    const forms = value(await f.api['providers:forms']({}));
    const form = forms.find((p) => p.provider === 'satori');
    expect(form?.settings).toEqual([expect.objectContaining({ key: 'tenantId', required: true })]);
    expect(form?.credentials.map((c) => c.kind)).toEqual(['token']);
    expect(form?.abilitiesInWords).toContain('Creates new keys at Satori.');
    expect(forms.find((p) => p.provider === 'synaptask')?.abilitiesInWords).toContain('Rotation is guided by hand.');
    expect(forms.map((p) => p.provider)).toEqual(['syft-space', 'syfthub', 'satori', 'haut-ai', 'synaptask', 'manual']);

    expect(value(await f.api['connection:test'](satoriForm(satori.seed.bootstrapToken)))).toEqual({
      works: true,
      identity: expect.anything(),
      notes: [],
    });
    const wrong = await f.api['connection:test'](satoriForm('not-the-token'));
    expect(errorCode(wrong)).toBe('PROVIDER_UNAUTHORIZED');
    expect(JSON.stringify(wrong)).not.toContain('not-the-token');
    const stored = { ...satoriForm(''), credential: { kind: 'stored' as const } };
    expect(errorCode(await f.api['connection:test'](stored))).toBe('NOT_FOUND');
    await connectSatori();
    expect(value(await f.api['connection:test'](stored)).works).toBe(true);
    const outline = value(await f.api['vault:outline']({}));
    expect(outline.tenants[0]?.environments[0]?.connections).toEqual([{ id: expect.any(String), provider: 'satori' }]);
  });

  it('tells what to know although the connection works: a Syft Space server that accepts any key', async () => {
    const space = await startSyftSpaceEmulator({ profile: { flow: 'released', adminApiKey: '' } });
    try {
      const tested = value(
        await f.api['connection:test']({
          environmentId: envId(),
          provider: 'syft-space',
          baseUrl: space.url,
          settings: {},
          credential: { kind: 'token', token: 'sk_admin_any_value_works' },
        }),
      );
      expect(tested).toMatchObject({ works: true, identity: 'admin API key' });
      expect(tested.notes).toEqual([expect.stringMatching(/^this Syft Space server accepts any key/)]);
      expect(JSON.stringify(tested)).not.toContain('sk_admin_any_value_works');
    } finally {
      await space.close();
    }
  });
});

describe('create, rotate and revoke with live progress', () => {
  it('streams the journal’s steps, leaves exactly one live key after a rotation, and delete asks to revoke first', async () => {
    await connectSatori();
    const created = value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' }));
    const tokenId = created.token?.id ?? '';
    expect(steps(progress(created.journalId))).toEqual(['planned', 'created', 'tested', 'promoted', 'done']);
    const calls = progress(created.journalId).flatMap((e) => (e.kind === 'call' ? [e.title] : []));
    expect(calls).toContain('Asking Satori to create the new key');
    const first = value(await f.api['token:reveal']({ tokenId })).secret;

    f.events.length = 0;
    const rotated = value(await f.api['token:rotate']({ token: { tokenId } }));
    const events = progress(rotated.journalId);
    expect(steps(events)).toEqual(['planned', 'created', 'tested', 'promoted', 'done']);
    expect(events.every((e) => e.tokenId === tokenId && e.label === 'ci' && e.operation === 'rotate')).toBe(true);
    expect(events.find((e) => e.kind === 'step' && e.step === 'promoted')).toMatchObject({
      title: 'Switched to the new key; revoking the old one',
    });
    expect(f.events.filter((e) => e.name === 'vault:changed').map((e) => e.payload.scope)).toEqual([
      'tokens',
      'rotations',
    ]);
    const second = value(await f.api['token:reveal']({ tokenId })).secret;
    expect(satori.state.activeKeys().filter((k) => k.name.includes('ci'))).toHaveLength(1);
    expect(await accepted(first)).toBe(401);
    expect(await accepted(second)).toBe(200);

    const detail = value(await f.api['token:detail']({ tokenId }));
    expect(detail.versions.map((v) => v.status)).toEqual(['current', 'revoked']);
    expect(detail.versions.every((v) => v.providerKeyId !== null)).toBe(true);
    expect(detail.liveProviderKeyIds).toEqual([detail.versions[0]?.providerKeyId]);
    expect(detail.abilities).toMatchObject({ create: true, revoke: true, rotate: true, verify: true });
    expect(JSON.stringify(detail)).not.toContain(second);

    expect(errorCode(await f.api['token:delete']({ tokenId }))).toBe('TOKEN_LIVE_AT_PROVIDER');
    value(await f.api['token:revoke']({ token: { tokenId } }));
    expect(await accepted(second)).toBe(401);
    expect(value(await f.api['token:delete']({ tokenId }))).toEqual({ removed: tokenId });
    expect(f.invalidEvents).toEqual([]);
  });

  it('says in plain words when the new key fails its test: the old key stays current', async () => {
    await connectSatori();
    const created = value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' }));
    const tokenId = created.token?.id ?? '';
    const before = value(await f.api['token:reveal']({ tokenId })).secret;
    f.events.length = 0;
    satori.inject({
      fault: { kind: 'status', status: 401, body: '{"detail":"Invalid token."}' },
      method: 'GET',
      path: /^\/api\/tenants\/[^/]+\/$/,
      times: 1,
    });
    const answer = await f.api['token:rotate']({ token: { tokenId } });
    expect(errorCode(answer)).toBe('PROVIDER_REJECTED');
    const events = progress();
    expect(steps(events)).toEqual(['planned', 'created', 'discarding', 'abandoned']);
    expect(events.find((e) => e.kind === 'step' && e.step === 'discarding')).toMatchObject({
      title: expect.stringMatching(/old key stays current/),
    });
    const failed = events.find((e) => e.kind === 'failed');
    expect(failed).toMatchObject({ next: 'The old key stays current; nothing else changed.' });
    expect(failed?.kind === 'failed' && failed.reason).toMatch(/failed its test/);
    expect(value(await f.api['token:reveal']({ tokenId })).secret).toBe(before);
    expect(await accepted(before)).toBe(200);
    expect(satori.state.activeKeys().filter((k) => k.name.includes('ci'))).toHaveLength(1);
    expect(f.invalidEvents).toEqual([]);
  });

  it('lists a key the provider will not revoke, with what to do, and finishes it on retry', async () => {
    await connectSatori();
    const created = value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' }));
    const tokenId = created.token?.id ?? '';
    const oldKey = created.token?.providerKeyId;
    satori.inject({ fault: { kind: 'status', status: 403, body: '{"detail":"Nope."}' }, method: 'PUT', times: 100 });
    expect(errorCode(await f.api['token:rotate']({ token: { tokenId } }))).toBe('ROTATION_FAILED');
    expect(progress().some((e) => e.kind === 'needs-user')).toBe(true);
    const [pending] = value(await f.api['rotations:list']({}));
    expect(pending).toMatchObject({
      step: 'revoke-failed',
      keyId: oldKey,
      userAction: 'retry',
      title: 'Revoke failed',
    });
    expect(pending?.next).toMatch(/keeps retrying/);
    expect(value(await f.api['token:detail']({ tokenId })).rotation?.journalId).toBe(pending?.journalId);
    satori.clearFaults();
    const retried = value(await f.api['rotation:retry']({ journalId: pending?.journalId ?? '' }));
    expect(retried.status).toBe('done');
    expect(value(await f.api['rotations:list']({}))).toEqual([]);
    expect(satori.state.activeKeys().map((k) => k.id)).not.toContain(oldKey);
  });

  it('keeps the old key through the grace period and says until when', async () => {
    await connectSatori();
    const created = value(await f.api['token:create']({ tenant: 'acme', environment: 'prod', label: 'ci' }));
    const tokenId = created.token?.id ?? '';
    value(await f.api['token:update']({ tokenId, rotationPolicy: { graceMinutes: 30 } }));
    const rotated = value(await f.api['token:rotate']({ token: { tokenId } }));
    expect(rotated.status).toBe('waiting');
    const waiting = progress(rotated.journalId).find((e) => e.kind === 'waiting');
    expect(waiting).toMatchObject({ until: f.clock.now() + 30 * 60_000 });
    const [pending] = value(await f.api['rotations:list']({}));
    expect(pending).toMatchObject({ step: 'promoted', userAction: null });
    f.clock.advance(31 * 60_000);
    expect(value(await f.api['rotation:retry']({ journalId: rotated.journalId })).status).toBe('done');
  });
});

describe('manual rotation (SynapTask has no token API)', () => {
  it('guides: paste the new value, verified before it replaces the old one, then confirm the old one is revoked', async () => {
    value(
      await f.api['connection:set']({
        tenant: 'acme',
        environment: 'prod',
        provider: 'synaptask',
        baseUrl: synaptask.url,
        credential: { kind: 'token', token: synaptask.seed.token },
      }),
    );
    const oldValue = synaptask.state.issueToken(0);
    const token = value(
      await f.api['token:add']({
        tenant: 'acme',
        environment: 'prod',
        label: 'graph',
        secret: oldValue,
        provider: 'synaptask',
      }),
    );
    // Rotate asks for the value first: nothing is planned until the user has one to give.
    const asked = value(await f.api['token:rotate']({ token: { tokenId: token.id } }));
    expect(asked).toMatchObject({ status: 'needs-value', journalId: null });
    expect(value(await f.api['rotations:list']({}))).toEqual([]);

    const typo = await f.api['token:rotate']({ token: { tokenId: token.id }, newValue: 'st_not-a-real-token' });
    expect(errorCode(typo)).toBe('PROVIDER_REJECTED');
    expect(value(await f.api['token:reveal']({ tokenId: token.id })).secret).toBe(oldValue);

    const newValue = synaptask.state.issueToken(0);
    const submitted = value(await f.api['token:rotate']({ token: { tokenId: token.id }, newValue }));
    expect(submitted).toMatchObject({ status: 'awaiting-confirmation' });
    const journalId = submitted.journalId ?? '';
    const waiting = value(await f.api['rotations:list']({})).find((rotation) => rotation.journalId === journalId);
    expect(waiting).toMatchObject({ step: 'awaiting-confirmation', userAction: 'confirm-revoked' });
    expect(waiting?.next).toMatch(/Revoke the old key/);
    expect(errorCode(await f.api['token:delete']({ tokenId: token.id }))).toBe('ROTATION_IN_PROGRESS');
    expect(value(await f.api['token:reveal']({ tokenId: token.id })).secret).toBe(newValue);
    expect(steps(progress(journalId))).toEqual(['created', 'tested', 'promoted', 'awaiting-confirmation']);

    const confirmed = value(await f.api['rotation:manual-confirm']({ journalId }));
    expect(confirmed).toMatchObject({ step: 'done', userAction: null });
    const versions = value(await f.api['token:detail']({ tokenId: token.id })).versions.map((v) => v.status);
    expect(versions.sort()).toEqual(['current', 'revoked', 'revoked']);
    expect(steps(progress(journalId)).at(-1)).toBe('done');
    expect(f.invalidEvents).toEqual([]);
  });
});
