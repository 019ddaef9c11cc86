import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/main/lifecycle/expiry';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
const ref = (label: string) => ({ ref: { tenant: 'acme', environment: 'prod', label } });

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod' }));
});

afterEach(() => f.close());

async function add(label: string, secret: string, expiresInDays?: number): Promise<string> {
  const expiry = expiresInDays === undefined ? {} : { expiresAt: f.clock.now() + expiresInDays * DAY_MS };
  return value(await f.api['token:add']({ tenant: 'acme', environment: 'prod', label, secret, ...expiry })).id;
}

function auditActions(): string[] {
  return f
    .vault()
    .listAudit({ limit: 100 })
    .map((e) => `${e.action}:${e.detail}`);
}

describe('secret handlers: fresh values, audited', () => {
  it('gets a secret by reference or id, audits each reveal with its purpose and marks it used', async () => {
    const id = await add('stripe', 'sk_live_value');
    const byRef = value(await f.api['token:secret']({ token: ref('stripe'), purpose: 'get' }));
    expect(byRef).toEqual({ tokenId: id, secret: 'sk_live_value', expiresAt: null, refreshed: false });
    value(await f.api['token:secret']({ token: { tokenId: id }, purpose: 'run' }));
    expect(auditActions()).toEqual(expect.arrayContaining(['reveal:test get', 'reveal:test run']));
    expect(f.vault().getToken(id).lastUsedAt).toBe(f.clock.now());
  });

  it('refuses revoked, expired and unknown tokens without handing out a value', async () => {
    const revoked = await add('old', 'old-value');
    f.vault().updateToken(revoked, { revoked: true });
    await add('expired', 'expired-value', -1);
    const answers = [
      await f.api['token:secret']({ token: ref('old'), purpose: 'get' }),
      await f.api['token:secret']({ token: ref('expired'), purpose: 'get' }),
      await f.api['token:secret']({ token: ref('nope'), purpose: 'get' }),
    ];
    expect(answers.map(errorCode)).toEqual(['TOKEN_REVOKED', 'TOKEN_EXPIRED', 'NOT_FOUND']);
    expect(JSON.stringify(answers)).not.toMatch(/old-value|expired-value/);
    expect(auditActions().filter((a) => a.startsWith('reveal'))).toEqual([]);
  });

  it('copies through the clipboard port with the delay from the vault setting, audited as copy', async () => {
    await add('stripe', 'sk_live_value');
    f.vault().setSetting('clipboard.clearAfterSeconds', '45');
    const receipt = value(await f.api['token:copy-fresh']({ token: ref('stripe') }));
    expect(receipt.clearAfterMs).toBe(45_000);
    expect(f.os.text).toBe('sk_live_value');
    expect(JSON.stringify(receipt)).not.toContain('sk_live_value');
    f.clock.advance(44_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.os.text).toBe('sk_live_value');
    f.clock.advance(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(f.os.text).toBe('');
    const quick = value(await f.api['token:copy-fresh']({ token: ref('stripe'), clearAfterSeconds: 5 }));
    expect(quick.clearAfterMs).toBe(5_000);
    expect(auditActions().filter((a) => a.startsWith('copy'))).toHaveLength(2);
  });

  it('prints an environment as variables, and refuses a name clash before revealing anything', async () => {
    await add('stripe live key', 'v1');
    await add('db-url', 'v2');
    const { entries } = value(
      await f.api['environment:secrets']({ tenant: 'acme', environment: 'prod', purpose: 'env' }),
    );
    expect(entries.map((e) => [e.name, e.secret]).sort()).toEqual([
      ['DB_URL', 'v2'],
      ['STRIPE_LIVE_KEY', 'v1'],
    ]);
    await add('DB URL', 'v3');
    const revealsBefore = auditActions().filter((a) => a.startsWith('reveal')).length;
    const clash = await f.api['environment:secrets']({ tenant: 'acme', environment: 'prod', purpose: 'export' });
    expect(errorCode(clash)).toBe('INVALID_INPUT');
    expect(auditActions().filter((a) => a.startsWith('reveal') || a.startsWith('export'))).toHaveLength(revealsBefore);
  });

  it('leaves an expired token out of an environment, says which, and hands out every other one', async () => {
    await add('live', 'live-value', 30);
    const expired = await add('stale', 'stale-value', -1);
    const answer = value(
      await f.api['environment:secrets']({ tenant: 'acme', environment: 'prod', purpose: 'export' }),
    );
    expect(answer.entries.map((e) => [e.name, e.secret])).toEqual([['LIVE', 'live-value']]);
    expect(answer.skipped).toEqual([{ tokenId: expired, label: 'stale', reason: '“stale” has expired' }]);
    expect(JSON.stringify(answer)).not.toContain('stale-value');
    expect(auditActions().filter((a) => a.startsWith('export'))).toEqual(['export:test export']);
  });
});
