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
  const tenantA = v.addTenant(`${word}-tenant-a`);
  const tenantB = v.addTenant(`${word}-tenant-b`);
  const tenants = [tenantA, tenantB];
  const envs = [
    v.addEnvironment(tenantA.id, `${word}-env-0`, 'production'),
    v.addEnvironment(tenantB.id, `${word}-env-1`, 'staging'),
  ];
  const connection = v.addConnection({
    tenantId: tenantA.id,
    environmentId: envs[0]?.id ?? '',
    provider: 'satori',
    baseUrl: 'http://127.0.0.1:9/',
    settings: { tenant_id: `${word}-setting` },
    credential: { kind: 'token', token: `${word}-credential` },
  });
  const views = v.addTokens(
    Array.from({ length: tokens }, (_, i) => ({
      environmentId: envs[i % 2]?.id ?? '',
      label: `${word}-label-${i}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `${word}-secret-${i}`,
      providerKeyId: `pk-${i}`,
      notes: `${word}-note-${i}`,
      tags: [`${word}-tag`],
    })),
  );
  const first = views[0];
  if (!first) throw new Error('seedVault needs at least one token');
  v.addVersion(first.id, `${word}-pending-secret`, { providerKeyId: 'pk-next' });
  v.setSetting('theme', `${word}-setting-value`);
  const journal = v.addJournal({
    tokenId: first.id,
    operation: 'rotate',
    state: 'planned',
    data: { note: `${word}-journal` },
  });
  v.audit('reveal', first.id, `${word}-audit-detail`);
  return {
    tenantIds: tenants.map((t) => t.id),
    envIds: envs.map((e) => e.id),
    tokenIds: views.map((t) => t.id),
    connectionId: connection.id,
    journalId: journal.id,
  };
}
