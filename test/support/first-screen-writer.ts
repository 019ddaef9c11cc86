/**
 * A child process that changes tokens and renews the first-screen record after each change, as
 * the app does (two transactions: the chunk's write, then the record's), printing `renewed <n>`
 * after each round; the crash test kills it anywhere in between. With `plain` it renews nothing,
 * as the CLI: each write moves the record in its own transaction; it also renames and revokes.
 * Usage: node first-screen-writer.mjs <vault> <password> <environmentId> <rounds> <prefix> [plain]
 */
import { firstScreenRows, firstScreenTag } from '../../src/main/api/first-screen';
import { TokenOrders } from '../../src/main/api/token-order';
import { openVault } from '../../src/main/vault/index';
import { TEST_KDF_POLICY } from './vault-policy';

const [path, password, environmentId, roundsText, prefix, mode] = process.argv.slice(2);
if (!path || !password || !environmentId || !roundsText || !prefix) {
  process.stderr.write('usage: first-screen-writer <vault> <password> <environmentId> <rounds> <prefix>\n');
  process.exit(2);
}
const file = openVault(path, { policy: TEST_KDF_POLICY });
const vault = file.unlock(password);
const orders = new TokenOrders();
process.stdout.write('ready\n');
for (let round = 0; round < Number(roundsText); round++) {
  // A label that sorts first, so every round changes the first rows as well as the counts.
  const added = vault.addToken({
    environmentId,
    label: `0 ${prefix} ${round}`,
    kind: 'api-key',
    provider: 'manual',
    secret: `secret-${round}`,
    expiresAt: Date.now() + round * 60_000,
  });
  if (round % 3 === 2) vault.removeToken(added.id);
  if (mode === 'plain') {
    if (round % 3 === 1) vault.updateToken(added.id, { label: `zz ${prefix} ${round}`, revoked: round % 2 === 0 });
    process.stdout.write(`renewed ${round}\n`);
    continue;
  }
  vault.writeFirstScreen(firstScreenTag(), (list) => firstScreenRows(list, orders.order(list, 'label')));
  process.stdout.write(`renewed ${round}\n`);
}
vault.lock();
file.close();
