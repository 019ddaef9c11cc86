/**
 * A journal entry whose sealed data opens but is not a record Keyturn writes (a field missing, an
 * unknown step in the plaintext column) is a damaged vault record: every command that reads it
 * says so in a sentence (VAULT_CORRUPT), never with the schema's issue list and never INTERNAL.
 * `get` still hands out the token's current value, with that sentence as a note.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openVault } from '../../src/main/vault/index';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions, type RunResult } from './harness';
import * as s from './schemas';

const PASSWORD = 'damaged journal password';
const vaultPath = join(tempDir('damaged-journal'), 'vault.db');
const asUser: RunOptions = { env: { KEYTURN_VAULT: vaultPath, KEYTURN_PASSWORD: PASSWORD } };
const DAMAGED = /^The vault record journal entry \S+ is damaged and cannot be opened$/;
const journalIds: Record<string, string> = {};

/** The error line of a --json run (notes may come before it on stderr). */
function errorOf(result: RunResult): { code: string; message: string } {
  return s.parseJson(s.errorOutput, result.stderr.trim().split('\n').at(-1) ?? '').error;
}

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/prod']);
  const file = openVault(vaultPath);
  const vault = file.unlock(PASSWORD);
  const [environment] = vault.listEnvironments();
  if (environment === undefined) throw new Error('no environment');
  const add = (label: string): string =>
    vault.addToken({
      environmentId: environment.id,
      label,
      kind: 'api-key',
      provider: 'manual',
      secret: `value-of-${label}`,
    }).id;
  const alpha = add('alpha');
  const beta = add('beta');
  // Data that is no rotation record at all (the shape a test fixture once wrote).
  journalIds.alpha = vault.addJournal({ tokenId: alpha, operation: 'rotate', state: 'planned', data: {} }).id;
  // A whole record under a step no Keyturn writes.
  const context = {
    tokenId: beta,
    connectionId: null,
    label: 'beta',
    environmentId: environment.id,
    previousVersionId: null,
    previousKeyId: null,
    graceMinutes: 0,
  };
  journalIds.beta = vault.addJournal({ tokenId: beta, operation: 'rotate', state: 'sideways', data: context }).id;
  vault.lock();
  file.close();
}, 120_000);

describe('a damaged journal entry on the command line', () => {
  it('get hands out the current value and notes in a sentence that the entry is damaged', async () => {
    for (const label of ['alpha', 'beta']) {
      const got = await keyturn(['get', `acme/prod/${label}`, '--json'], asUser);
      expect({ label, code: got.code, stderr: got.stderr }).toMatchObject({ code: 0 });
      expect(s.parseJson(s.getOutput, got.stdout).secret).toBe(`value-of-${label}`);
      expect(got.stderr.trim()).toBe(
        `Unfinished work: “${label}”: what was left open could not be finished now (The vault record journal entry ${journalIds[label]} is damaged and cannot be opened)`,
      );
    }
  });

  it('rotate, revoke and reconcile refuse with VAULT_CORRUPT and a sentence, and change nothing', async () => {
    for (const args of [['rotate', 'acme/prod/alpha'], ['revoke', 'acme/prod/beta'], ['reconcile']]) {
      const refused = await keyturn([...args, '--json'], asUser);
      expect({ args, code: refused.code }).toEqual({ args, code: 1 });
      expect(errorOf(refused)).toMatchObject({ code: 'VAULT_CORRUPT', message: expect.stringMatching(DAMAGED) });
    }
    const rows = s.parseJson(s.tokenList, (await keyturn(['ls', 'acme/prod', '--json'], asUser)).stdout);
    expect(rows.map((row) => [row.label, row.revoked])).toEqual([
      ['alpha', false],
      ['beta', false],
    ]);
  });
});
