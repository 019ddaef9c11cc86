/**
 * What an unlock's first screen does that needs no key, done once while the vault is locked (the
 * lock screen is up and the user types the password), so the first unlock after the app starts
 * does not pay for it (bench/README.md § the first unlock after the app starts):
 *
 * - the file's first-screen reads (the chunk revisions, the record's sealed parts): their pages
 *   are then in the OS's cache, and the statements have run once;
 * - the label collator, which the record's tag and the sidebar's order need (making the first
 *   one loads the locale's collation data);
 * - the opening code, run on a throwaway key and value: the first unlock otherwise runs @noble's
 *   cipher (every name, and every part and chunk under Electron, docs/vault.md § Bulk opening)
 *   in V8's interpreter.
 *
 * Nothing here reads a secret or keeps anything: the parts stay sealed and are dropped, and the
 * throwaway key is random and zeroed.
 */
import { randomBytes } from 'node:crypto';
import { openBulk } from './bulk-open';
import { open, randomKey, seal, utf8 } from './crypto';
import type { Db } from './database';
import { readSealedRecord } from './first-screen';
import { labelCollation } from './label-order';
import { read } from './session';

/** Opens of the throwaway value: enough for V8 to compile the cipher past its interpreter. */
const OPEN_ROUNDS = 48;
/** About a name's size, and a part's order of magnitude, so both paths' loops run. */
const VALUE_BYTES = [64, 4096] as const;
const AAD = 'warm-up';

/** Runs the first screen's key-free work on `db` (a locked vault file); returns the parts it found. */
export function warmForUnlock(db: Db): number {
  const parts = read(db, () => readSealedRecord(db));
  labelCollation();
  const key = randomKey();
  try {
    for (let round = 0; round < OPEN_ROUNDS; round++) {
      const value = new Uint8Array(randomBytes(VALUE_BYTES[round % VALUE_BYTES.length] as number));
      const sealed = seal(key, value, AAD);
      open(key, sealed, AAD, AAD);
      openBulk(key, sealed, utf8(AAD));
    }
  } finally {
    key.fill(0);
  }
  return parts;
}
