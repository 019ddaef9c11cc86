/**
 * The vault both window benches measure: 10 tenants × 2 environments and `size` Satori tokens
 * with tags, notes on every tenth, and expiries spread around now (a tenth already expired).
 * Returns the folder holding `vault.db`, locked.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVault } from '../../src/main/vault/index';
import type { NewToken } from '../../src/main/vault/types';
import { TEST_KDF_POLICY } from '../../test/support/vault-policy';

export function buildBenchVault(size: number, password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyturn-gui-bench-'));
  const { vault } = createVault(join(dir, 'vault.db'), password, { policy: TEST_KDF_POLICY, kdf: 'floor' });
  const envIds = Array.from({ length: 10 }, (_, t) => {
    const tenant = vault.addTenant(`tenant-${t}`);
    return ['production', 'staging'].map((name) => vault.addEnvironment(tenant.id, name, 'production').id);
  }).flat();
  const now = Date.now();
  const tokens: NewToken[] = Array.from({ length: size }, (_, i) => ({
    environmentId: envIds[i % envIds.length] as string,
    label: `service-${i}-${randomBytes(3).toString('hex')}`,
    kind: 'api-key',
    provider: 'satori',
    secret: `sk_live_${randomBytes(24).toString('base64url')}`,
    providerKeyId: randomBytes(8).toString('hex'),
    expiresAt: now + (i - size / 10) * 60_000,
    tags: ['prod', `team-${i % 17}`],
    notes: i % 10 === 0 ? 'rotated by ops' : '',
  }));
  if (size > 0) vault.addTokens(tokens);
  vault.lock();
  return dir;
}
