/**
 * The sidebar outline and the windowed token query through the real handlers over a real vault:
 * counts, views, sorts, slices, highlight ranges, revisions, and the answer checked against a
 * brute-force reference over a few thousand tokens.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialize } from 'node:v8';
import type { TokenView } from '../../../src/shared/model';
import type { TokenWindow } from '../../../src/shared/window-views';
import { DAY_MS } from '../../../src/main/lifecycle/expiry';
import { compareLabels } from '../../../src/main/vault/label-order';
import { keptTokenWindows } from '../../../src/main/api/token-window';
import { API_PASSWORD, createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
let ids: { acme: string; prod: string; dev: string; beta: string; stage: string };

beforeEach(async () => {
  f = await createApiFixture();
  const vault = f.vault();
  const acme = vault.addTenant('Acme');
  const beta = vault.addTenant('Beta');
  const prod = vault.addEnvironment(acme.id, 'prod', 'production');
  const dev = vault.addEnvironment(acme.id, 'dev', 'development');
  const stage = vault.addEnvironment(beta.id, 'stage', 'staging');
  ids = { acme: acme.id, prod: prod.id, dev: dev.id, beta: beta.id, stage: stage.id };
  const now = f.clock.now();
  const add = (environmentId: string, label: string, expiresAt: number | null) =>
    vault.addToken({ environmentId, label, kind: 'api-key', provider: 'manual', secret: `s-${label}`, expiresAt });
  add(prod.id, 'Key 10', now + 90 * DAY_MS);
  add(prod.id, 'key 2', now + 3 * DAY_MS); // expiring (api keys: 14 days)
  add(prod.id, 'Deploy key', now - DAY_MS); // expired
  add(dev.id, 'dev key', null);
  const old = add(dev.id, 'old key', now + 30 * DAY_MS);
  vault.updateToken(old.id, { revoked: true });
  add(stage.id, 'stage token', now + 1 * DAY_MS); // expiring
});

afterEach(() => f.close());

const labels = (answer: TokenWindow): string[] => answer.rows.map((row) => row.label);

describe('vault:outline', () => {
  it('counts live, expiring, expired and revoked tokens per environment and tenant, sorted by name', async () => {
    const outline = value(await f.api['vault:outline']({}));
    expect(outline.all).toEqual({ tokens: 5, expiring: 2, expired: 1, revoked: 1 });
    expect(outline.tenants.map((t) => t.name)).toEqual(['Acme', 'Beta']);
    const [acme, beta] = outline.tenants;
    expect(acme).toMatchObject({ tokens: 4, expiring: 1, expired: 1, revoked: 1 });
    expect(acme?.environments.map((e) => [e.name, e.kind, e.tokens, e.expiring, e.expired, e.revoked])).toEqual([
      ['dev', 'development', 1, 0, 0, 1],
      ['prod', 'production', 3, 1, 1, 0],
    ]);
    expect(beta?.environments[0]).toMatchObject({ name: 'stage', tokens: 1, expiring: 1, connections: [] });
    expect(JSON.stringify(outline)).not.toMatch(/s-(Key|key|dev|old|stage|Deploy)/);
  });
});

describe('tokens:window', () => {
  it('sorts by label as people read numbers, and counts what is in view and matched', async () => {
    const all = value(await f.api['tokens:window']({}));
    expect(labels(all)).toEqual(['Deploy key', 'dev key', 'key 2', 'Key 10', 'old key', 'stage token']);
    expect(all).toMatchObject({ inView: 6, matched: 6, expiring: 2, expired: 1, offset: 0 });
    expect(all.rows[0]).toMatchObject({ tenantName: 'Acme', environmentName: 'prod', environmentKind: 'production' });
    expect(all.rows.find((r) => r.label === 'old key')).toMatchObject({ revoked: true, expiryState: 'revoked' });
    // The secrets are `s-<label>`; random ids can hold "s-" too (base64url), so look for the secrets.
    expect(JSON.stringify(all)).not.toMatch(/s-(Key|key|dev|old|stage|Deploy)/);
  });

  it('matches the search text case-insensitively and says where in each label it matched', async () => {
    const answer = value(await f.api['tokens:window']({ text: '  KEY ' }));
    expect(labels(answer)).toEqual(['Deploy key', 'dev key', 'key 2', 'Key 10', 'old key']);
    expect(answer.rows.map((r) => r.labelMatches)).toEqual([[[7, 10]], [[4, 7]], [[0, 3]], [[0, 3]], [[4, 7]]]);
    // A tenant's name matches its tokens; their labels have nothing to highlight.
    const beta = value(await f.api['tokens:window']({ text: 'beta' }));
    expect(labels(beta)).toEqual(['stage token']);
    expect(beta.rows[0]?.labelMatches).toEqual([]);
  });

  it('filters by view: a tenant, an environment, or expiring and expired only', async () => {
    const tenant = value(await f.api['tokens:window']({ view: { kind: 'tenant', tenantId: ids.acme }, text: 'key' }));
    expect(tenant).toMatchObject({ inView: 5, matched: 5 });
    const env = value(await f.api['tokens:window']({ view: { kind: 'environment', environmentId: ids.prod } }));
    expect(labels(env)).toEqual(['Deploy key', 'key 2', 'Key 10']);
    const soon = value(await f.api['tokens:window']({ view: { kind: 'expiring' }, sort: 'expiry' }));
    expect(labels(soon)).toEqual(['Deploy key', 'stage token', 'key 2']);
    expect(soon).toMatchObject({ inView: 3, matched: 3, expiring: 2, expired: 1 });
    const gone = await f.api['tokens:window']({ view: { kind: 'environment', environmentId: 'no-such-env' } });
    expect(errorCode(gone)).toBe('NOT_FOUND');
  });

  it('counts a token as expiring from the start of its lead time and as expired from its expiry, between two keystrokes', async () => {
    const query = async (view: { kind: 'all' } | { kind: 'expiring' } = { kind: 'all' }): Promise<TokenWindow> =>
      value(await f.api['tokens:window']({ view, text: 'k' }));
    const leadDays = (days: number): void =>
      f.vault().setSetting('reminders.leadDays', JSON.stringify({ 'api-key': days }));
    expect(await query()).toMatchObject({ matched: 6, expiring: 2, expired: 1 });
    leadDays(100); // Key 10 expires in 90 days
    expect(await query()).toMatchObject({ matched: 6, expiring: 3, expired: 1 });
    leadDays(14);
    expect(await query()).toMatchObject({ matched: 6, expiring: 2, expired: 1 });
    f.clock.advance(DAY_MS - 1);
    expect(await query()).toMatchObject({ matched: 6, expiring: 2, expired: 1 });
    f.clock.advance(1); // the stage token's expiry
    expect(await query()).toMatchObject({ matched: 6, expiring: 1, expired: 2 });
    f.clock.advance(75 * DAY_MS); // Key 10: 14 days to go, an api key's lead time
    expect(await query()).toMatchObject({ matched: 6, expiring: 1, expired: 3 });
    expect(labels(await query({ kind: 'expiring' }))).toEqual(['Deploy key', 'key 2', 'Key 10', 'stage token']);
  });

  it('sorts by expiry (none last) and by last use (most recent first, unused by label)', async () => {
    const expiry = value(await f.api['tokens:window']({ sort: 'expiry' }));
    expect(labels(expiry)).toEqual(['Deploy key', 'stage token', 'key 2', 'Key 10', 'dev key', 'old key']);
    const tokens = f.vault().listTokens();
    const byLabel = (label: string): TokenView => tokens.find((t) => t.label === label) as TokenView;
    value(await f.api['token:copy']({ tokenId: byLabel('stage token').id }));
    f.clock.advance(1000);
    value(await f.api['token:copy']({ tokenId: byLabel('dev key').id }));
    const recent = value(await f.api['tokens:window']({ sort: 'recent' }));
    expect(labels(recent)).toEqual(['dev key', 'stage token', 'Deploy key', 'key 2', 'Key 10', 'old key']);
  });

  it('answers the slice asked for, clamps a slice past the end, and keeps its revision until something changes', async () => {
    const page = value(await f.api['tokens:window']({ offset: 2, limit: 2 }));
    expect(labels(page)).toEqual(['key 2', 'Key 10']);
    expect(page).toMatchObject({ matched: 6, offset: 2 });
    const past = value(await f.api['tokens:window']({ offset: 50, limit: 4 }));
    expect(past.offset).toBe(2);
    expect(labels(past)).toEqual(['key 2', 'Key 10', 'old key', 'stage token']);
    const again = value(await f.api['tokens:window']({ offset: 0, limit: 1 }));
    expect(again.revision).toBe(page.revision);
    f.vault().addToken({ environmentId: ids.dev, label: 'Another', kind: 'manual', provider: 'manual', secret: 'x' });
    const after = value(await f.api['tokens:window']({ offset: 0, limit: 1 }));
    expect(after.revision).toBeGreaterThan(page.revision);
    expect(labels(after)).toEqual(['Another']);
    f.vault().renameTenant(ids.beta, 'Gamma');
    const renamed = value(await f.api['tokens:window']({ text: 'stage' }));
    expect(renamed.revision).toBeGreaterThan(after.revision);
    expect(renamed.rows[0]?.tenantName).toBe('Gamma');
  });

  it('drops what it keeps between keystrokes (decrypted metadata) when the vault locks', async () => {
    value(await f.api['tokens:window']({ offset: 0, limit: 10 }));
    expect(keptTokenWindows()).toBe(1);
    value(await f.api['vault:lock']({}));
    expect(keptTokenWindows()).toBe(0);
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    expect(value(await f.api['tokens:window']({})).matched).toBe(6);
  });

  it('refuses a slice larger than a screenful or two, in a sentence', async () => {
    const answer = await f.api['tokens:window']({ limit: 5000 });
    if (answer.ok) throw new Error('a 5000-row slice was answered');
    expect(answer.error.message).toBe('The number of rows must be at most 500.');
  });

  it('agrees with a brute-force reference over 3,000 tokens, near the top and deep down, and sends a fraction of the full match set', async () => {
    const vault = f.vault();
    const now = f.clock.now();
    vault.addTokens(
      Array.from({ length: 3000 }, (_, i) => ({
        environmentId: [ids.prod, ids.dev, ids.stage][i % 3] as string,
        label: `service ${i % 700} ${['alpha', 'beta', 'gamma', 'Δelta'][i % 4]} ${i}`,
        kind: 'api-key' as const,
        provider: 'manual' as const,
        secret: `bulk-${i}`,
        expiresAt: i % 5 === 0 ? null : now + (i % 40) * DAY_MS - 5 * DAY_MS,
      })),
    );
    const byLabel = (a: TokenView, b: TokenView): number => compareLabels(a.label, b.label);
    const all = vault.listTokens();
    const texts = ['', 'service 1', 'GAMMA', 'δelta 2', 'acme', 'zzz'];
    const references = texts.map((text) => {
      const found = new Set(vault.searchTokens(text).map((t) => t.id));
      return all
        .filter((t) => found.has(t.id))
        .sort((a, b) => byLabel(a, b) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    });
    // The first answer sorts and keeps the order; later ones (deep down, near the top) walk it.
    for (const offset of [37, 1500, 0]) {
      for (const [i, text] of texts.entries()) {
        const reference = references[i] ?? [];
        const answer = value(await f.api['tokens:window']({ text, offset, limit: 50 }));
        expect(answer.matched, text).toBe(reference.length);
        const from = offset < reference.length ? offset : Math.max(0, reference.length - 50);
        expect(answer.offset, text).toBe(from);
        const ids = answer.rows.map((r) => r.id);
        expect(ids, `${text} @${offset}`).toEqual(reference.slice(from, from + 50).map((t) => t.id));
      }
    }
    const full = value(await f.api['tokens:search']({ query: '' }));
    const slice = value(await f.api['tokens:window']({ limit: 100 }));
    const ratio = serialize(slice).length / serialize(full).length;
    expect(ratio).toBeLessThan(0.05);
    console.log(
      `3006 tokens: full match set ${serialize(full).length} bytes, a 100-row window ${serialize(slice).length} bytes (${(ratio * 100).toFixed(1)}%)`,
    );
  });
});
