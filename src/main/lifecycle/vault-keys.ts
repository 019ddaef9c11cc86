/** What the vault knows about provider keys: read-only helpers over versions and the journal. */
import type { VersionView } from '../../shared/model';
import type { Vault } from '../vault/types';
import { parseJournal } from './rotation-state';

/** Provider key ids of every version not yet revoked, over all tokens. */
export function liveKeyIds(vault: Vault): Set<string> {
  const ids = new Set<string>();
  for (const token of vault.listTokens()) {
    // Only tokens bound to a provider account can hold provider keys.
    if (token.connectionId === null) continue;
    for (const version of vault.listVersions(token.id)) {
      if (version.status !== 'revoked' && version.providerKeyId !== null) ids.add(version.providerKeyId);
    }
  }
  return ids;
}

/** Keys shown as `revoke failed`: known, still live at the provider, retried on every start. */
export function revokeFailedKeyIds(vault: Vault): Set<string> {
  const ids = new Set<string>();
  for (const entry of vault.listJournal({ unfinishedOnly: true })) {
    const { rotation } = parseJournal(entry);
    if (rotation.step === 'revoke-failed') ids.add(rotation.keyId);
  }
  return ids;
}

export function versionWithStatus(vault: Vault, tokenId: string, status: VersionView['status']): VersionView | null {
  return vault.listVersions(tokenId).find((version) => version.status === status) ?? null;
}

export function findVersion(vault: Vault, tokenId: string, versionId: string): VersionView | null {
  return vault.listVersions(tokenId).find((version) => version.id === versionId) ?? null;
}
