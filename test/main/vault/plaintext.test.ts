import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVault } from '../../../src/main/vault/index';
import { TEST_KDF_POLICY } from '../../support/vault-policy';
import { seedVault } from '../../support/vault-seed';
import { createTempVault } from '../../support/vault-temp';

function encodings(canary: string): Buffer[] {
  const utf8 = Buffer.from(canary, 'utf8');
  return [
    utf8,
    Buffer.from(canary, 'utf16le'),
    Buffer.from(utf8.toString('base64')),
    Buffer.from(utf8.toString('base64url')),
    Buffer.from(utf8.toString('hex')),
  ];
}

describe('no plaintext on disk', () => {
  it('finds no canary name or secret in the vault, WAL, SHM or temp dir after a session', () => {
    const t = createTempVault('canary-master-Pw9');
    const seeded = seedVault(t.vault, 20, 'kqzcanary');
    const [a, b, c] = seeded.tokenIds as [string, string, string];
    t.vault.updateToken(a, { label: 'kqzcanary-renamed', notes: 'kqzcanary-new-note' });
    const next = t.vault.addVersion(b, 'kqzcanary-rotated-secret');
    t.vault.promoteVersion(b, next.id);
    t.vault.replaceSecret(next.id, 'kqzcanary-refreshed-secret', null);
    t.vault.removeToken(c);
    t.vault.renameTenant(seeded.tenantIds[0] as string, 'kqzcanary-tenant-renamed');
    t.vault.lock();
    openVault(t.path, { policy: TEST_KDF_POLICY }).unlock('canary-master-Pw9').lock();
    const canaries = [
      'kqzcanary',
      'canary-master-Pw9',
      'tok-secret',
      'kqzcanary-secret-1',
      'kqzcanary-label-5',
      'kqzcanary-tenant-a',
      'kqzcanary-env-0',
      'kqzcanary-credential',
      'kqzcanary-journal',
      'kqzcanary-audit-detail',
      'kqzcanary-setting-value',
      'kqzcanary-rotated-secret',
    ];
    const files = readdirSync(t.dir)
      .map((f) => join(t.dir, f))
      .filter((f) => statSync(f).isFile());
    expect(files.some((f) => f.endsWith('-wal') || existsSync(`${t.path}-wal`))).toBe(true);
    let hits = 0;
    let checks = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const canary of canaries) {
        for (const needle of encodings(canary)) {
          checks++;
          if (bytes.includes(needle)) hits++;
        }
      }
    }
    console.log(`${files.length} files, ${canaries.length} canaries × 5 encodings: ${checks} checks, ${hits} hits`);
    expect(hits).toBe(0);
  });
});
