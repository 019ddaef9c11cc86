/**
 * The tray after an unlock leaves the token list to the window's first screen: it draws the
 * unlocked menu at once and its tokens once the list is decrypted (by the window's idle work or,
 * failing that, by itself a couple of seconds later), never decrypting the list at the unlock.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallerHandlers } from '../../../src/main/api';
import { trayTokens } from '../../../src/main/api/tray-tokens';
import { startAppTray } from '../../../src/main/electron/app-tray';
import { createDeviceKeyStore } from '../../../src/main/electron/device-unlock';
import { createKeychain } from '../../../src/main/electron/keychain';
import { createFakeElectron, type FakeElectron } from '../../support/fake-electron';
import { FakeSafeStorage } from '../../support/fake-keychain';
import { FakeNotifier } from '../../support/fake-notifier';
import { API_PASSWORD, createApiFixture, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
let fake: FakeElectron;

beforeEach(async () => {
  f = await createApiFixture();
  const vault = f.vault();
  const env = vault.addEnvironment(vault.addTenant('Acme').id, 'prod', 'production').id;
  const token = vault.addToken({ environmentId: env, label: 'api', kind: 'api-key', provider: 'manual', secret: 's' });
  vault.setSetting('tray.pinnedTokenIds', token.id);
  value(await f.api['vault:lock']({}));
  fake = createFakeElectron({ appPath: f.dir, userData: f.dir });
  await startAppTray({
    electron: fake.electron,
    resourcesDir: join(__dirname, '../../../resources'),
    iconFile: 'tray.png',
    handlers: createCallerHandlers(f.context, 'tray'),
    trayTokens: (pinnedIds, limit) => trayTokens(f.context, pinnedIds, limit),
    session: f.context.session,
    keychain: createKeychain(new FakeSafeStorage(), 'linux'),
    deviceKeys: createDeviceKeyStore(join(f.dir, 'device-key')),
    notifier: new FakeNotifier(),
    openWindow: () => undefined,
    quit: () => undefined,
  });
});

afterEach(() => f.close());

const tray = () => fake.trays[0];
/** Until the tray's menu shows the pinned token `api`. */
const tokenShown = () =>
  expect
    .poll(
      () =>
        tray()
          ?.menuLabels()
          .some((label) => label.includes('api')),
      { timeout: 15_000 },
    )
    .toBe(true);

describe('the tray after an unlock', () => {
  it('shows the unlocked menu without decrypting the list, then the pinned token once the list is in', async () => {
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    await expect.poll(() => tray()?.menuLabels().includes('Lock')).toBe(true);
    expect(f.vault().isTokenListLoaded()).toBe(false);
    expect(
      tray()
        ?.menuLabels()
        .filter((label) => label.includes('api')),
    ).toEqual([]);
    // Said as it is: the tokens are coming, not absent.
    expect(tray()?.menuLabels()).toContain('Opening your tokens…');
    expect(tray()?.menuLabels()).not.toContain('No pinned or recent tokens');
    f.vault().listTokens();
    await tokenShown();
  });

  it('decrypts the list itself when nothing else does', async () => {
    value(await f.api['vault:unlock']({ password: API_PASSWORD }));
    await tokenShown();
    expect(f.vault().isTokenListLoaded()).toBe(true);
  });
});
