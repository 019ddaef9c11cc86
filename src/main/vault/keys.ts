/**
 * The key hierarchy below the vault key: one purpose key per use, derived with HKDF-SHA256, so a
 * key used for records never doubles as a MAC key. Lock zeroes every array held here.
 */
import { deriveKey, macText } from './crypto';

export interface PurposeKeys {
  readonly vaultKey: Uint8Array;
  readonly records: Uint8Array;
  readonly index: Uint8Array;
  readonly audit: Uint8Array;
}

export function derivePurposeKeys(vaultKey: Uint8Array): PurposeKeys {
  return {
    vaultKey,
    records: deriveKey(vaultKey, undefined, 'keyturn/v1/records'),
    index: deriveKey(vaultKey, undefined, 'keyturn/v1/blind-index'),
    audit: deriveKey(vaultKey, undefined, 'keyturn/v1/audit-mac'),
  };
}

export function zeroKeys(keys: PurposeKeys): void {
  keys.vaultKey.fill(0);
  keys.records.fill(0);
  keys.index.fill(0);
  keys.audit.fill(0);
}

/** Names compare case-insensitively after NFC and trimming. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/** A blind-index tag: HMAC of the normalised name and its parent, stored in a unique column. */
export function blindTag(indexKey: Uint8Array, scope: string, parentId: string, name: string): string {
  return Buffer.from(macText(indexKey, `${scope}\u0000${parentId}\u0000${normaliseName(name)}`)).toString('base64url');
}
