/**
 * Issue 9: `keyturn init` made the default folder 0755 and vault.db 0644. Now the folder it makes
 * is 0700 and the files 0600; a vault others can read is tightened by the next command, which
 * says so on stderr once.
 */
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keyturn, tempDir, type RunOptions } from './harness';

const config = tempDir('xdg');
const asUser: RunOptions = { env: { XDG_CONFIG_HOME: config, KEYTURN_PASSWORD: 'file-mode password' } };
const folder = join(config, 'Keyturn');
const vault = join(folder, 'vault.db');
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

beforeAll(async () => {
  await ensureBuilt();
});

describe.runIf(process.platform !== 'win32')('vault file modes through the CLI', () => {
  it('creates the default folder 0700 and the vault 0600', async () => {
    const init = await keyturn(['init', '--kdf', 'floor'], asUser);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`Created ${vault}`);
    expect(await keyturn(['tenant', 'add', 'acme'], asUser)).toMatchObject({ code: 0, stderr: '' });
    expect({ folder: modeOf(folder), vault: modeOf(vault) }).toEqual({ folder: '700', vault: '600' });
  });

  it('tightens a vault others can read on the next command and says so once', async () => {
    chmodSync(vault, 0o644);
    const first = await keyturn(['tenant', 'ls'], asUser);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(
      `Vault file: Made vault.db in ${folder} readable by you only: other users of this computer could read it (mode 0644)\n`,
    );
    expect(modeOf(vault)).toBe('600');
    const second = await keyturn(['tenant', 'ls'], asUser);
    expect(second).toMatchObject({ code: 0, stderr: '' });
  });
});
