/**
 * BENCH ONLY: the app's side of `keyturn get` through the app, as main runs it (the same endpoint,
 * handlers and vault code), under Node: opens VAULT (made with the cheap test KDF), unlocks it,
 * serves the app link in DATA/app-link with an approver that says yes (the bench cannot click),
 * prints `ready` and serves until its stdin closes.
 *
 * node --import tsx bench/app-link-server.ts VAULT DATA PASSWORD
 */
import { createSessionState } from '../src/main/api/session-state';
import { systemClock } from '../src/main/api/ports';
import { endpointPlace } from '../src/main/app-link/endpoint-address';
import { startAppLink } from '../src/main/app-link/endpoint';
import { createVaultAsync, openVault } from '../src/main/vault/index';
import { TEST_KDF_POLICY } from '../test/support/vault-policy';

const [vaultPath = '', data = '', password = ''] = process.argv.slice(2);
const session = createSessionState();
const file = openVault(vaultPath, { policy: TEST_KDF_POLICY });
session.unlocked(file.unlock(password), file);
const link = await startAppLink({
  place: endpointPlace(data, process.platform),
  platform: process.platform,
  context: {
    vaultPath,
    vaults: { createVaultAsync, openVault },
    session,
    clock: systemClock(),
    clipboard: { copy: () => Promise.reject(new Error('no clipboard')), clearIfOurs: async () => undefined },
    notifier: { notify: () => undefined },
  },
  approver: { ask: async () => 'approved' },
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void link.close().then(() => {
    session.lock('user');
    process.exit(0);
  });
});
