/** Seeds a small vault with every kind of sealed record, for tamper, swap and canary tests. */
import type { Vault } from '../../src/main/vault/types';

export interface Seeded {
  readonly tenantIds: string[];
  readonly envIds: string[];
  readonly tokenIds: string[];
  readonly connectionId: string;
  readonly journalId: string;
}

export function seedVault(v: Vault, tokens = 100, word = 'tok'): Seeded {
  const tenants = [v.addTenant(`${word}-tenant-a`), v.addTenant(`${word}-tenant-b`)];
  const envs = tenants.map((t, i) => v.addEnvironment(t.id, `${word}-env-${i}`, i === 0 ? 'production' : 'staging'));
  const connection = v.addConnection({
    tenantId: tenants[0]!.id, environmentId: envs[0]!.id, provider: 'satori', baseUrl: 'http://127.0.0.1:9/',
    settings: { tenant_id: `${word}-setting` }, credential: { kind: 'token', token: `${word}-credential` },
  });
  const views = v.addTokens(
    Array.from({ length: tokens }, (_, i) => ({
      environmentId: envs[i % 2]!.id, label: `${word}-label-${i}`, kind: 'api-key' as const, provider: 'manual' as const,
      secret: `${word}-secret-${i}`, providerKeyId: `pk-${i}`, notes: `${word}-note-${i}`, tags: [`${word}-tag`],
    })),
  );
  v.addVersion(views[0]!.id, `${word}-pending-secret`, { providerKeyId: 'pk-next' });
  v.setSetting('theme', `${word}-setting-value`);
  const journal = v.addJournal({ tokenId: views[0]!.id, operation: 'rotate', state: 'planned', data: { note: `${word}-journal` } });
  v.audit('reveal', views[0]!.id, `${word}-audit-detail`);
  return { tenantIds: tenants.map((t) => t.id), envIds: envs.map((e) => e.id), tokenIds: views.map((t) => t.id), connectionId: connection.id, journalId: journal.id };
}
