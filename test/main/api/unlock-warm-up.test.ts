/**
 * The first unlock's key-free work done while the lock screen is up (api/unlock-warm-up.ts,
 * vault/warm-up.ts): once per app, on main's clock after the window found the vault locked, never
 * while it is unlocked, never failing the status, and changing nothing in the file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../src/main/api';
import type { AppContext } from '../../../src/main/api/context';
import { openVault } from '../../../src/main/vault/index';
import type { VaultFile } from '../../../src/main/vault/types';
import { createTestContext, value } from '../../support/api-fixture';
import { tempDir } from '../../support/temp-dir';

const PASSWORD = 'correct horse battery';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A context whose vault files are the real ones, with each warm-up's answer written down. */
function world() {
  const warmUps: number[] = [];
  const observed = (file: VaultFile): VaultFile => {
    const warm = file.warmForUnlock.bind(file);
    return Object.assign(file, {
      warmForUnlock: () => {
        const parts = warm();
        warmUps.push(parts);
        return parts;
      },
    });
  };
  const { context, clock } = createTestContext(tempDir('warm-up'));
  const vaults: AppContext['vaults'] = {
    ...context.vaults,
    openVault: (path, options) => observed(openVault(path, options)),
  };
  const withVaults: AppContext = { ...context, vaults };
  cleanups.push(() => withVaults.session.lock('user'));
  return { context: withVaults, clock, api: createApiHandlers(withVaults), warmUps };
}

/** The vault's files (database, WAL), as the api fixture fingerprints them. */
function hashFiles(path: string): string {
  const dir = dirname(path);
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('-shm')) continue;
    hash.update(name).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex');
}

async function lockedVaultWithTokens(w: ReturnType<typeof world>): Promise<void> {
  value(await w.api['vault:create']({ password: PASSWORD }));
  const session = w.context.session.current();
  if (session.state !== 'unlocked') throw new Error('expected the new vault unlocked');
  const tenant = session.vault.addTenant('Acme');
  const environment = session.vault.addEnvironment(tenant.id, 'production', 'production');
  session.vault.addTokens(
    Array.from({ length: 300 }, (_, i) => ({
      environmentId: environment.id,
      label: `service-${i}`,
      kind: 'api-key' as const,
      provider: 'manual' as const,
      secret: `sk_live_${i}_abcdefghijklmnop`,
    })),
  );
  value(await w.api['vault:lock']({}));
}

describe('the warm-up while locked', () => {
  it('runs once, after the status that found the vault locked, reads the record and changes nothing', async () => {
    const w = world();
    await lockedVaultWithTokens(w);
    const before = hashFiles(w.context.vaultPath);
    expect(value(await w.api['vault:status']({}))).toMatchObject({ state: 'locked', tokenCount: 300 });
    expect(w.warmUps).toEqual([]);
    w.clock.advance(0);
    // The record a vault built through Keyturn holds: its one group part and its rows part.
    expect(w.warmUps).toEqual([2]);
    expect(hashFiles(w.context.vaultPath)).toBe(before);
    value(await w.api['vault:status']({}));
    w.clock.advance(1000);
    expect(w.warmUps).toEqual([2]);
    value(await w.api['vault:unlock']({ password: PASSWORD }));
    const window = value(
      await w.api['tokens:window']({ view: { kind: 'all' }, text: '', sort: 'label', offset: 0, limit: 3 }),
    );
    expect(window.rows.map((row) => row.label)).toEqual(['service-0', 'service-1', 'service-2']);
  });

  it('is not done for a vault unlocked before its turn, a missing vault or a damaged file', async () => {
    const w = world();
    await lockedVaultWithTokens(w);
    value(await w.api['vault:status']({}));
    value(await w.api['vault:unlock']({ password: PASSWORD }));
    w.clock.advance(0);
    expect(w.warmUps).toEqual([]);

    const missing = world();
    expect(value(await missing.api['vault:status']({}))).toMatchObject({ state: 'missing' });
    missing.clock.advance(0);
    expect(missing.warmUps).toEqual([]);

    const damaged = world();
    await lockedVaultWithTokens(damaged);
    value(await damaged.api['vault:status']({}));
    // Damaged between the status and the warm-up's turn: the warm-up gives up, silently.
    const garbage = Buffer.alloc(8192, 7);
    writeFileSync(damaged.context.vaultPath, garbage);
    expect(() => damaged.clock.advance(0)).not.toThrow();
    expect(damaged.warmUps).toEqual([]);
    expect(readFileSync(damaged.context.vaultPath)).toEqual(garbage);
  });

  it('counts no record part in a vault that has none', async () => {
    const w = world();
    value(await w.api['vault:create']({ password: PASSWORD }));
    value(await w.api['vault:lock']({}));
    value(await w.api['vault:status']({}));
    w.clock.advance(0);
    expect(w.warmUps).toEqual([0]);
  });
});
