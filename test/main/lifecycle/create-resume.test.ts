/**
 * The create step after a crash (step-create.ts): a run stopped after the new secret was stored
 * but before its journal entry moved on is resumed by adopting what the vault holds (no second
 * key at the provider), for a rotation and for a new token (found by its environment and label,
 * in any case). A secret the vault could not store is not left live at the provider. A real Satori
 * emulator on 127.0.0.1, a real vault file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createManagedToken, rotateToken, runJournal } from '../../../src/main/lifecycle/rotation';
import { crashableSatoriToken, type Cleanups } from '../../support/managed-token';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function managedToken() {
  const made = await crashableSatoriToken(cleanups);
  const { vault, emulator } = made;
  const active = (): string[] => emulator.state.activeKeys().map((key) => key.id);
  const openEntry = () => {
    const [open] = vault.listJournal({ unfinishedOnly: true });
    if (open === undefined) throw new Error('no open journal entry');
    return open;
  };
  return { ...made, active, openEntry };
}

describe('a rotation stopped after its new secret was stored', () => {
  it('adopts the stored version on resume and makes no second key', async () => {
    const s = await managedToken();
    s.crashBefore('before commit journal created');
    await expect(rotateToken(s.vault, s.tokenId, s.deps)).rejects.toThrow(/^stopped at/);
    const open = s.openEntry();
    expect(open.state).toBe('planned');
    const stored = s.vault.listVersions(s.tokenId).find((version) => version.status === 'pending');
    s.crashBefore(null);
    s.points.splice(0);

    expect(await runJournal(s.vault, open.id, s.deps)).toMatchObject({ status: 'done' });
    expect(s.points).not.toContain('before createKey');
    expect(s.vault.listVersions(s.tokenId).map((version) => [version.id, version.status])).toEqual([
      [expect.any(String), 'revoked'],
      [stored?.id, 'current'],
    ]);
    expect(s.vault.getToken(s.tokenId).providerKeyId).toBe(stored?.providerKeyId);
  });
});

describe('a create stopped after its new token was stored', () => {
  it('adopts the token of its environment and label (in any case) on resume', async () => {
    const s = await managedToken();
    // The same label in another environment is another token.
    const tenantId = s.vault.getToken(s.tokenId).tenantId;
    const elsewhere = s.vault.addEnvironment(tenantId, 'staging', 'staging');
    const other = s.vault.addToken({
      environmentId: elsewhere.id,
      label: 'Second',
      kind: 'api-key',
      provider: 'satori',
      secret: 'another-secret',
    });
    s.crashBefore('before commit journal created');
    const request = { environmentId: s.world.environmentId, connectionId: s.world.connectionId, label: 'Second' };
    await expect(createManagedToken(s.vault, request, s.deps)).rejects.toThrow(/^stopped at/);
    const open = s.openEntry();
    const made = s.vault
      .listTokens()
      .find((token) => token.environmentId === s.world.environmentId && token.label === 'Second');
    if (made === undefined) throw new Error('setup: the new token was not stored');
    s.crashBefore(null);
    s.points.splice(0);

    expect(await runJournal(s.vault, open.id, s.deps)).toMatchObject({ status: 'done', tokenId: made.id });
    expect(s.points).not.toContain('before createKey');
    expect(s.vault.getToken(made.id)).toMatchObject({ revoked: false, expirySource: 'provider' });
    expect(s.active()).toContain(s.vault.getToken(made.id).providerKeyId);
    expect(s.vault.listVersions(other.id).map((version) => version.status)).toEqual(['current']);
  });
});

describe('a new secret the vault could not store', () => {
  it('is revoked at the provider, and the error is not hidden', async () => {
    const s = await managedToken();
    const before = new Set(s.active());
    s.crashBefore('before commit store secret');
    s.points.splice(0);

    await expect(rotateToken(s.vault, s.tokenId, s.deps)).rejects.toThrow(/^stopped at before commit store secret$/);

    expect(s.points.slice(s.points.indexOf('before commit store secret'))).toEqual([
      'before commit store secret',
      'before revokeKey',
      'after revokeKey',
    ]);
    expect(s.active().filter((id) => !before.has(id))).toEqual([]);
    expect(s.vault.listVersions(s.tokenId).map((version) => version.status)).toEqual(['current']);
  });
});
