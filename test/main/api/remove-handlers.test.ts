/**
 * Issue 9: no token could be removed or renamed and no connection removed, so `env rm` of a
 * non-empty environment ("remove them first") was impossible. token:remove, token:rename and
 * connection:remove, over a real vault.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../src/shared/model';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
const ref = (label: string) => ({ ref: { tenant: 'acme', environment: 'prod', label } });

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});

afterEach(() => f.close());

async function add(label: string, provider: ProviderId): Promise<string> {
  const input = { tenant: 'acme', environment: 'prod', label, secret: `${label}-secret-value`, provider };
  return value(await f.api['token:add'](input)).id;
}

/** A connection written straight to the vault (connection:set may check it with the provider). */
function connect(provider: ProviderId): string {
  const vault = f.vault();
  const environment = vault.listEnvironments()[0];
  if (!environment) throw new Error('no environment');
  return vault.addConnection({
    tenantId: environment.tenantId,
    environmentId: environment.id,
    provider,
    baseUrl: 'http://127.0.0.1:9/',
    settings: { tenantId: 't1' },
    credential: { kind: 'token', token: 'bootstrap-credential' },
  }).id;
}

function audit(): string[] {
  return f
    .vault()
    .listAudit({ limit: 100 })
    .map((e) => `${e.action}:${e.detail}`);
}

describe('removing and renaming tokens', () => {
  it('removes a manual token with every version, and audits it', async () => {
    const id = await add('notes', 'manual');
    f.vault().addVersion(id, 'second value', { status: 'current' });
    expect(value(await f.api['token:remove']({ token: ref('notes') }))).toEqual({ removed: id, label: 'notes' });
    expect(errorCode(await f.api['token:secret']({ token: ref('notes'), purpose: 'get' }))).toBe('NOT_FOUND');
    const db = new Database(f.context.vaultPath, { readonly: true });
    const rows = db.prepare('SELECT count(*) FROM versions WHERE token_id = ?').pluck().get(id);
    db.close();
    expect(rows).toBe(0);
    expect(audit()).toContain('delete:test removed token “notes”');
  });

  it('refuses to forget a token that may still work at its provider, unless forced or revoked', async () => {
    const id = await add('ci', 'satori');
    const refused = await f.api['token:remove']({ token: ref('ci') });
    expect(errorCode(refused)).toBe('INVALID_INPUT');
    expect(refused.ok ? '' : refused.error.message).toBe(
      '“ci” may still work at satori: revoke it first (keyturn revoke), or remove it anyway with --force',
    );
    expect(f.vault().getToken(id).label).toBe('ci');
    value(await f.api['token:remove']({ token: ref('ci'), force: true }));
    expect(audit()).toContain('delete:test removed token “ci” (forced)');

    const revoked = await add('old', 'satori');
    for (const v of f.vault().listVersions(revoked)) f.vault().setVersionStatus(v.id, 'revoked');
    f.vault().updateToken(revoked, { revoked: true });
    value(await f.api['token:remove']({ token: ref('old') }));
  });

  it('refuses to remove a token whose provider operation is unfinished, even forced', async () => {
    const id = await add('busy', 'satori');
    f.vault().addJournal({ tokenId: id, operation: 'rotate', state: 'created', data: {} });
    const refused = await f.api['token:remove']({ token: ref('busy'), force: true });
    expect(errorCode(refused)).toBe('ROTATION_IN_PROGRESS');
    expect(f.vault().getToken(id).label).toBe('busy');
  });

  it('renames within the environment, refusing a label in use', async () => {
    const id = await add('ci', 'manual');
    await add('deploy', 'manual');
    const renamed = value(await f.api['token:rename']({ token: ref('ci'), label: 'build' }));
    expect(renamed).toMatchObject({ id, label: 'build' });
    expect(value(await f.api['token:secret']({ token: ref('build'), purpose: 'get' })).secret).toBe('ci-secret-value');
    expect(errorCode(await f.api['token:secret']({ token: ref('ci'), purpose: 'get' }))).toBe('NOT_FOUND');
    expect(errorCode(await f.api['token:rename']({ token: ref('build'), label: 'DEPLOY' }))).toBe('DUPLICATE');
    expect(audit()).toContain('update:test renamed “ci” to “build”');
  });
});

describe('disconnecting', () => {
  it('unbinds the tokens and removes the connection, refusing while a bound token may be live', async () => {
    const connection = connect('satori');
    const id = await add('ci', 'satori');
    expect(f.vault().getToken(id).connectionId).toBe(connection);
    const refused = await f.api['connection:remove']({ tenant: 'acme', environment: 'prod' });
    expect(errorCode(refused)).toBe('INVALID_INPUT');
    expect(refused.ok ? '' : refused.error.message).toContain('1 token(s) of acme/prod may still work at satori (ci)');
    expect(f.vault().listConnections()).toHaveLength(1);

    const removed = value(await f.api['connection:remove']({ tenant: 'acme', environment: 'prod', force: true }));
    expect(removed).toEqual({ removed: connection, provider: 'satori', unbound: 1 });
    expect(f.vault().listConnections()).toEqual([]);
    expect(f.vault().getToken(id).connectionId).toBeNull();
    expect(audit()).toContain('delete:test disconnected satori; 1 token(s) unbound');
    expect(errorCode(await f.api['connection:remove']({ tenant: 'acme', environment: 'prod' }))).toBe('NOT_FOUND');
  });

  it('asks which provider when there are several, and waits for unfinished journals', async () => {
    const satori = connect('satori');
    connect('haut-ai');
    const ambiguous = await f.api['connection:remove']({ tenant: 'acme', environment: 'prod' });
    expect(ambiguous.ok ? '' : ambiguous.error.message).toBe(
      'acme/prod is connected to satori and haut-ai: name the provider to disconnect',
    );
    f.vault().addJournal({ tokenId: null, operation: 'create', state: 'planned', data: { connectionId: satori } });
    const busy = await f.api['connection:remove']({ tenant: 'acme', environment: 'prod', provider: 'satori' });
    expect(errorCode(busy)).toBe('ROTATION_IN_PROGRESS');
    value(await f.api['connection:remove']({ tenant: 'acme', environment: 'prod', provider: 'haut-ai' }));
  });

  it('lets a non-empty environment be removed once its tokens and connection are gone', async () => {
    connect('satori');
    await add('one', 'manual');
    const refused = await f.api['environment:remove']({ tenant: 'acme', environment: 'prod' });
    expect(refused.ok ? '' : refused.error.message).toBe(
      'acme/prod still holds 1 token(s) (keyturn rm acme/prod/LABEL) and 1 connection(s) (keyturn disconnect acme/prod): remove them first',
    );
    value(await f.api['token:remove']({ token: ref('one') }));
    value(await f.api['connection:remove']({ tenant: 'acme', environment: 'prod' }));
    value(await f.api['environment:remove']({ tenant: 'acme', environment: 'prod' }));
    value(await f.api['tenant:remove']({ tenant: 'acme' }));
  });
});
