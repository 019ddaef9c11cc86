import { describe, expect, it } from 'vitest';
import { createTempVault } from '../../support/vault-temp';
import { thrownCode } from '../../support/thrown-code';

function vaultWithToken(): { vault: ReturnType<typeof createTempVault>['vault']; tokenId: string } {
  const t = createTempVault();
  const env = t.vault.addEnvironment(t.vault.addTenant('acme').id, 'prod', 'production');
  const token = t.vault.addToken({
    environmentId: env.id,
    label: 'stripe',
    kind: 'api-key',
    provider: 'manual',
    secret: 'v1',
  });
  return { vault: t.vault, tokenId: token.id };
}

const statuses = (v: ReturnType<typeof vaultWithToken>['vault'], tokenId: string): string[] =>
  v.listVersions(tokenId).map((x) => `${v.openSecret(tokenId, x.id)}:${x.status}`);

describe('a new current version and a pending one left behind', () => {
  it('replaces a pending version no open journal owns, keeping it as previous', () => {
    const { vault, tokenId } = vaultWithToken();
    // What a kill between the two steps of the old `import --overwrite` left behind.
    vault.addVersion(tokenId, 'stuck', { status: 'pending' });
    vault.addVersion(tokenId, 'v2', { status: 'current' });
    expect(statuses(vault, tokenId)).toEqual(['v1:previous', 'stuck:previous', 'v2:current']);
    expect(vault.openSecret(tokenId)).toBe('v2');
    vault.addVersion(tokenId, 'v3', { status: 'current' });
    expect(vault.openSecret(tokenId)).toBe('v3');
  });

  it('leaves a pending version an open journal owns, changing nothing, until the journal is finished', () => {
    const { vault, tokenId } = vaultWithToken();
    const journal = vault.addJournal({ tokenId, operation: 'rotate', state: 'created', data: {} });
    vault.addVersion(tokenId, 'rotating', { status: 'pending' });
    expect(thrownCode(() => vault.addVersion(tokenId, 'v2', { status: 'current' }))).toBe('ROTATION_IN_PROGRESS');
    expect(statuses(vault, tokenId)).toEqual(['v1:current', 'rotating:pending']);
    vault.updateJournal(journal.id, 'abandoned', {});
    vault.addVersion(tokenId, 'v2', { status: 'current' });
    expect(statuses(vault, tokenId)).toEqual(['v1:previous', 'rotating:previous', 'v2:current']);
  });
});
