/**
 * A child process that writes tokens to a vault and prints each committed token id on its own
 * line (`committed <id>`), for the crash and two-process tests.
 * Usage: node --import tsx test/support/vault-writer.ts <vault> <password> <environmentId> <count> <prefix>
 * (processes.test.ts runs it bundled by vault-bundle.ts, with the same arguments)
 */
import { openVault } from '../../src/main/vault/index';
import { TEST_KDF_POLICY } from './vault-policy';

const [path, password, environmentId, countText, prefix] = process.argv.slice(2);
if (!path || !password || !environmentId || !countText || !prefix) {
  process.stderr.write('usage: vault-writer <vault> <password> <environmentId> <count> <prefix>\n');
  process.exit(2);
}
const file = openVault(path, { policy: TEST_KDF_POLICY });
const vault = file.unlock(password);
process.stdout.write('ready\n');
for (let i = 0; i < Number(countText); i++) {
  const token = vault.addToken({
    environmentId,
    label: `${prefix}-${i}`,
    kind: 'api-key',
    provider: 'manual',
    secret: `secret-${prefix}-${i}`,
  });
  process.stdout.write(`committed ${token.id} ${prefix}-${i}\n`);
}
vault.lock();
file.close();
