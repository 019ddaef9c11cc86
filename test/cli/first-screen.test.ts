/**
 * Issue 12: the `keyturn` CLI's writes (a real child process each) move the window's first-screen
 * record along, so the app's next unlock answers its first screen from the record, equal to a full
 * decode of the list, instead of decrypting the list.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordCurrent, onAnotherConnection, renewRecord } from '../support/first-screen-check';
import { ensureBuilt, initVault, keyturn, tempDir, type RunOptions } from './harness';

const dir = tempDir('first-screen');
const path = join(dir, 'vault.db');
const password = 'first screen password';
const asUser: RunOptions = { env: { KEYTURN_VAULT: path, KEYTURN_PASSWORD: password } };

async function ok(args: string[], stdin?: string): Promise<void> {
  const result = await keyturn(args, stdin === undefined ? asUser : { ...asUser, stdin });
  expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ args, code: 0 });
}

beforeAll(async () => {
  await ensureBuilt();
  await initVault(asUser, ['acme/prod', 'acme/dev']);
  for (const name of ['b', 'd', 'f']) await ok(['add', `acme/prod/${name}`, '--expires', '30d'], `value ${name}\n`);
  onAnotherConnection(path, password, renewRecord);
});

describe('the first-screen record after keyturn writes', () => {
  it('is current and exact after add, mv and rm, each by its own keyturn process', async () => {
    const writes: [string[], string | undefined][] = [
      [['add', 'acme/dev/a', '--expires', '2d'], 'value a\n'],
      [['add', 'acme/prod/e'], 'value e\n'],
      [['mv', 'acme/prod/d', 'acme/prod/z'], undefined],
      [['rm', 'acme/prod/b'], undefined],
    ];
    for (const [args, stdin] of writes) {
      await ok(args, stdin);
      const { record, list } = expectRecordCurrent(path, password);
      expect(record.rows).toHaveLength(list.length);
    }
    const { record } = expectRecordCurrent(path, password);
    expect(record.rows.map((row) => row.label)).toEqual(['a', 'e', 'f', 'z']);
  });
});
