/**
 * The whole main process (src/main/index.ts) built with fakes of Electron's objects only: the
 * vault file, the api handlers, the lifecycle and the scheduler are real. Paths come from the
 * repository as the app path, so they must resolve to what `electron-vite build` wrote in out/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchMain, startMain, type MainHost } from '../../../src/main/index';
import { windowChannels } from '../../../src/main/electron/ipc-binding';
import type { BusMessage, ScreenSaverBus } from '../../../src/main/electron/screen-lock';
import { STRICT_CSP_HEADER } from '../../../src/main/electron/csp';
import { createVault } from '../../../src/main/vault/index';
import { createFakeElectron, type FakeElectron } from '../../support/fake-electron';
import { dataFolderIn } from '../../support/app-link-fixture';
import { tempDir } from '../../support/temp-dir';
import { ensureBuilt, keyturn } from '../../cli/harness';
import type { CliApprovalsChangedEvent } from '../../../src/shared/cli-approval';

const ROOT = resolve('.');
const PASSWORD = 'correct horse battery';
const SECRET = 'sk-live-quit-test-0123456789';

interface Started {
  readonly fake: FakeElectron;
  readonly started: Promise<void>;
  readonly userData: string;
  readonly logged: string[];
}

const running: FakeElectron[] = [];
afterEach(() => {
  // Stop every app's timers and listeners through its own quit path.
  for (const fake of running.splice(0)) if (fake.exitCode() === null) fake.app.quit();
});

function start(
  options: {
    platform?: NodeJS.Platform;
    holdLoads?: boolean;
    appPath?: string;
    bus?: ScreenSaverBus;
    userData?: string;
  } = {},
): Started {
  const userData = options.userData ?? tempDir('main');
  const fake = createFakeElectron({ appPath: options.appPath ?? ROOT, userData, holdLoads: options.holdLoads });
  running.push(fake);
  const logged: string[] = [];
  const host: MainHost = {
    platform: options.platform ?? 'linux',
    env: {},
    screenSaverBus: options.bus ?? null,
    log: (message) => logged.push(message),
  };
  return { fake, started: launchMain(fake.electron, host), userData, logged };
}

/** A vault with one token at userData/vault.db, made at the production KDF floor (the app refuses less). */
function seedVault(userData: string): string {
  const { vault } = createVault(join(userData, 'vault.db'), PASSWORD, { kdf: 'floor' });
  const environment = vault.addEnvironment(vault.addTenant('Acme').id, 'prod', 'production');
  const { id } = vault.addToken({
    environmentId: environment.id,
    label: 'api',
    kind: 'api-key',
    provider: 'manual',
    secret: SECRET,
  });
  vault.lock();
  return id;
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error('timed out waiting for the fake app');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const firstWindow = (fake: FakeElectron) => {
  const window = fake.windows[0];
  if (window === undefined) throw new Error('no window yet');
  return window;
};
const at = (log: readonly string[], prefix: string): number => log.findIndex((line) => line.startsWith(prefix));

describe('the main process, started with fake Electron objects', () => {
  it('starts in order: scheme and app events before ready, IPC before the window, the page last', async () => {
    const { fake, started } = start();
    await started;
    const log = fake.log;
    const order = [
      'protocol.registerSchemesAsPrivileged app',
      'app.requestSingleInstanceLock',
      'app.on window-all-closed',
      'app.whenReady',
      'protocol.handle app',
      'ipcMain.handle',
      'Tray.new',
      'BrowserWindow.new',
      'window.loadURL app://keyturn/index.html',
      'window.loaded',
    ].map((step) => at(log, step));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(fake.errorBoxes).toEqual([]);
    expect(fake.windows[0]?.isVisible).toBe(true);
  });

  it("binds only the window's actions", async () => {
    const { fake, started } = start();
    await started;
    expect(fake.boundChannels().sort()).toEqual([...windowChannels()].sort());
    await expect(fake.invoke(firstWindow(fake), 'environment:secrets', {})).rejects.toThrow(/No handler/);
  });

  it("accepts the window's first call while its page is still loading (the id is taken at creation)", async () => {
    const { fake, started, userData } = start({ holdLoads: true });
    await until(() => fake.windows.length === 1 && firstWindow(fake).url !== null);
    const status = (await fake.invoke(firstWindow(fake), 'vault:status')) as { ok: boolean; value?: unknown };
    expect(status).toEqual({ ok: true, value: { state: 'missing', path: join(userData, 'vault.db') } });
    fake.releaseLoads();
    await started;
  });

  it('refuses a call from any other web contents, or from another page', async () => {
    const { fake, started } = start();
    await started;
    const other = { webContents: { id: 99 }, url: 'app://keyturn/index.html' };
    expect(await fake.invoke(other, 'vault:status')).toMatchObject({ ok: false });
    const elsewhere = { webContents: firstWindow(fake).webContents, url: 'https://evil.example/' };
    expect(await fake.invoke(elsewhere, 'vault:status')).toMatchObject({ ok: false });
  });

  it('computes paths that resolve to the files electron-vite build wrote', async () => {
    const { fake, started } = start();
    await started;
    const preload = firstWindow(fake).options.webPreferences?.preload ?? '';
    expect(preload).toBe(join(ROOT, 'out', 'preload', 'index.cjs'));
    expect(existsSync(preload)).toBe(true);
    expect(existsSync(fake.trays[0]?.iconPath ?? '')).toBe(true);

    const page = await fake.fetch('app://keyturn/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(STRICT_CSP_HEADER);
    const html = await page.text();
    expect(html).toBe(readFileSync(join(ROOT, 'out', 'renderer', 'index.html'), 'utf8'));
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fake.fetch(`app://keyturn/${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /javascript/ : /css/);
    }
    expect((await fake.fetch('app://keyturn/../../package.json')).status).toBe(404);
    expect((await fake.fetch('app://keyturn/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await fake.fetch('app://elsewhere/index.html')).status).toBe(404);
  });

  it('quitting from the tray locks the vault and clears a copied token still on the clipboard, then exits', async () => {
    const { fake, started, userData } = start();
    const tokenId = seedVault(userData);
    await started;
    const window = firstWindow(fake);
    expect(await fake.invoke(window, 'vault:unlock', { password: PASSWORD })).toMatchObject({ ok: true });
    expect(await fake.invoke(window, 'token:copy', { tokenId })).toMatchObject({ ok: true });
    expect(fake.clipboard.items['text/plain']).toBe(SECRET);
    // Linux clipboard managers that honour KDE's hint keep no copy of it.
    expect(fake.clipboard.items['electron application/osclipboard;format="x-kde-passwordManagerHint"']).toBe('secret');

    fake.trays[0]?.click('Quit');
    // The keys go at once, synchronously, before the clipboard is even read.
    expect(await fake.invoke(window, 'token:reveal', { tokenId })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED' },
    });
    await until(() => fake.exitCode() !== null);
    expect(fake.exitCode()).toBe(0);
    expect(fake.clipboard.items).toEqual({});
    expect(at(fake.log, 'clipboard.clear')).toBeLessThan(at(fake.log, 'app.exited'));
    // Quit closed the window: nothing answers it any more.
    expect(await fake.invoke(window, 'vault:status')).toMatchObject({ ok: false });
  });

  it('leaves the clipboard alone on quit when the user copied something else since', async () => {
    const { fake, started, userData } = start();
    const tokenId = seedVault(userData);
    await started;
    const window = firstWindow(fake);
    await fake.invoke(window, 'vault:unlock', { password: PASSWORD });
    await fake.invoke(window, 'token:copy', { tokenId });
    await fake.electron.clipboard.write([new fake.electron.ClipboardItem({ 'text/plain': 'a shopping list' })]);
    fake.app.quit();
    await until(() => fake.exitCode() !== null);
    expect(fake.clipboard.items['text/plain']).toBe('a shopping list');
  });

  it('shows a start-up error in a dialog and exits non-zero', async () => {
    const { fake, started } = start({ appPath: tempDir('no-app') });
    await started;
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.title).toBe('Keyturn could not start');
    expect(fake.errorBoxes[0]?.content).toMatch(/tray icon is missing/);
    expect(fake.exitCode()).toBe(1);
  });

  it('leaves at once, building nothing, when another Keyturn is running', async () => {
    const fake = createFakeElectron({ appPath: ROOT, userData: tempDir('main'), isFirstInstance: false });
    await startMain(fake.electron, { platform: 'linux', env: {}, screenSaverBus: null, log: () => undefined });
    expect(fake.log).toContain('app.quit');
    expect(fake.log.some((line) => line.startsWith('app.whenReady') || line.startsWith('BrowserWindow'))).toBe(false);
  });

  it("sets Windows' AppUserModelId to the installer's appId, on Windows only", async () => {
    const windows = start({ platform: 'win32' });
    await windows.started;
    expect(windows.fake.app.userModelId).toBe('app.keyturn.desktop');
    const linux = start({ platform: 'linux' });
    await linux.started;
    expect(linux.fake.app.userModelId).toBeNull();
  });

  it('locks when the last window closes but keeps running in the tray; activate opens a new window', async () => {
    const { fake, started, userData } = start({ platform: 'darwin' });
    seedVault(userData);
    await started;
    const first = firstWindow(fake);
    await fake.invoke(first, 'vault:unlock', { password: PASSWORD });
    first.close();
    expect(fake.exitCode()).toBeNull();
    fake.app.emit('activate');
    await until(() => fake.windows.length === 2);
    const second = fake.windows[1];
    if (second === undefined) throw new Error('no second window');
    expect(await fake.invoke(second, 'vault:status')).toMatchObject({ ok: true, value: { state: 'locked' } });
    // The closed window's id is trusted no more.
    expect(await fake.invoke(first, 'vault:status')).toMatchObject({ ok: false });
    expect(fake.trays[0]?.iconPath).toMatch(/trayTemplate\.png$/);
  });

  it('restores a minimised window when Keyturn is launched again, instead of opening another', async () => {
    const { fake, started } = start();
    await started;
    const window = firstWindow(fake);
    window.minimize();
    fake.app.emit('second-instance');
    expect(window.restores).toBe(1);
    expect(window.isMinimized()).toBe(false);
    expect(fake.windows).toHaveLength(1);
  });

  it('applies the theme and the global shortcut at once; the shortcut opens the palette, and goes on quit', async () => {
    const { fake, started, userData } = start();
    seedVault(userData);
    await started;
    const window = firstWindow(fake);
    await fake.invoke(window, 'vault:unlock', { password: PASSWORD });
    expect(fake.globalShortcut.registered.size).toBe(0);
    const saved = await fake.invoke(window, 'settings:set', { theme: 'light', globalShortcut: 'Alt+Shift+K' });
    expect(saved).toMatchObject({ ok: true, value: { theme: 'light', globalShortcut: 'Alt+Shift+K' } });
    expect(fake.nativeTheme.themeSource).toBe('light');
    fake.globalShortcut.press('Alt+Shift+K');
    await until(() => window.webContents.sent.some((sent) => sent.channel === 'palette:open'));
    expect(window.isVisible).toBe(true);
    // Turning device unlock on from the tray would change the protection without the password: it asks in the window.
    fake.trays[0]?.click('Unlock with this device (OS keychain)');
    expect(fake.log).toContain('notification Device unlock');
    expect(await fake.invoke(window, 'settings:get')).toMatchObject({ ok: true, value: { deviceUnlock: 'off' } });
    fake.app.quit();
    await until(() => fake.exitCode() !== null);
    expect(fake.globalShortcut.registered.size).toBe(0);
  });

  it("imports and exports through main's own file dialogs: the window sends an environment, never a path", async () => {
    const { fake, started, userData } = start();
    seedVault(userData);
    await started;
    const window = firstWindow(fake);
    await fake.invoke(window, 'vault:unlock', { password: PASSWORD });
    const outline = (await fake.invoke(window, 'vault:outline')) as {
      value: { tenants: { environments: { id: string }[] }[] };
    };
    const environmentId = outline.value.tenants[0]?.environments[0]?.id;
    const source = join(userData, 'more.env');
    writeFileSync(source, 'EXTRA=sk-extra\n');
    fake.dialogs.answers.push(source);
    const preview = (await fake.invoke(window, 'import:choose', { environmentId })) as {
      value: { handle: string; counts: unknown };
    };
    expect(preview.value.counts).toEqual({ new: 1, same: 0, changed: 0, skipped: 0 });
    const applied = await fake.invoke(window, 'import:apply', { handle: preview.value.handle, overwrite: false });
    expect(applied).toMatchObject({ ok: true, value: { added: 1 } });
    const target = join(userData, 'prod.env');
    fake.dialogs.answers.push(target);
    const exported = await fake.invoke(window, 'export:environment', {
      environmentId,
      format: 'dotenv',
      plaintextAcknowledged: true,
    });
    expect(exported).toMatchObject({ ok: true, value: { saved: true, path: target, tokens: 2 } });
    expect(readFileSync(target, 'utf8')).toBe(`API=${SECRET}\nEXTRA=sk-extra\n`);
  });

  it("lists a pinned token in the tray at once; its copy there is audited as the tray's", async () => {
    const { fake, started, userData } = start();
    const tokenId = seedVault(userData);
    await started;
    const window = firstWindow(fake);
    await fake.invoke(window, 'vault:unlock', { password: PASSWORD });
    expect(await fake.invoke(window, 'tray:pin', { tokenId })).toMatchObject({ ok: true });
    await until(() => fake.trays[0]?.menuLabels().includes('⚠ api') === true);
    fake.trays[0]?.click('⚠ api');
    type Copies = { value: { entries: { source: string | null; subject: string | null }[] } };
    let copies: Copies = { value: { entries: [] } };
    // The tray's click copies, then records the use: wait for the entry.
    for (let tries = 0; copies.value.entries.length === 0 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      copies = (await fake.invoke(window, 'audit:query', { actions: ['copy'] })) as Copies;
    }
    expect(fake.clipboard.items['text/plain']).toBe(SECRET);
    expect(copies.value.entries[0]).toMatchObject({ source: 'tray', subject: 'Acme/prod/api' });
  });

  it("locks on Linux when the session's screensaver becomes active", async () => {
    let deliver: (message: BusMessage) => void = () => undefined;
    const bus: ScreenSaverBus = {
      listen: async (_rules, onMessage) => {
        deliver = onMessage;
        return () => undefined;
      },
    };
    const { fake, started, userData } = start({ bus });
    seedVault(userData);
    await started;
    const window = firstWindow(fake);
    await fake.invoke(window, 'vault:unlock', { password: PASSWORD });
    const screenLocked = {
      type: 4,
      interface: 'org.gnome.ScreenSaver',
      member: 'ActiveChanged',
      signature: 'b',
      body: [true],
    };
    // Switched off in the settings: the screen lock leaves the vault open.
    await fake.invoke(window, 'settings:set', { lockOnScreenLock: false });
    deliver(screenLocked);
    expect(await fake.invoke(window, 'vault:status')).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    await fake.invoke(window, 'settings:set', { lockOnScreenLock: true });
    deliver(screenLocked);
    expect(await fake.invoke(window, 'vault:status')).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(window.webContents.sent.at(-1)).toEqual({
      channel: 'session:changed',
      args: [{ state: 'locked', reason: 'screen-lock' }],
    });
  });

  it('serves keyturn commands on the app link: "locked" until unlocked, approved in the window, refused on lock, gone on quit', async () => {
    await ensureBuilt();
    // The data folder where the CLI on this platform finds it, and main on this platform's endpoint.
    const root = process.platform === 'darwin' ? tempDir('main-link', '/tmp') : tempDir('main-link');
    const { userData, env: finding } = dataFolderIn(root);
    mkdirSync(userData, { recursive: true });
    const { fake, started } = start({ userData, platform: process.platform });
    seedVault(userData);
    await started;
    // A Unix socket, or on Windows the named pipe's name file (the pipe itself is no file).
    const socket = join(userData, 'app-link', process.platform === 'win32' ? 'pipe-name' : 'cli.sock');
    // The link starts beside the window (on Windows its pipe is made private first).
    await until(() => existsSync(socket));
    const env = { ...finding, KEYTURN_VAULT: join(userData, 'vault.db') };
    const get = () => keyturn(['get', 'Acme/prod/api'], { env });
    const window = firstWindow(fake);

    const locked = await get();
    expect(locked).toMatchObject({
      code: 3,
      stdout: '',
      stderr: 'keyturn: Keyturn is locked: unlock Keyturn, or run with --no-app\n',
    });

    expect(await fake.invoke(window, 'vault:unlock', { password: PASSWORD })).toMatchObject({ ok: true });
    const asking = get();
    const approvals = (): CliApprovalsChangedEvent[] =>
      window.webContents.sent
        .filter((sent) => sent.channel === 'cli-approvals:changed')
        .map((sent) => sent.args[0] as CliApprovalsChangedEvent);
    await until(() => approvals().length > 0);
    const [request] = approvals()[0]?.pending ?? [];
    expect(request).toMatchObject({ command: 'get', target: 'Acme/prod/api', targetKind: 'token', purpose: 'get' });
    expect(fake.log).toContain('notification A terminal is asking');
    expect(await fake.invoke(window, 'cli-approvals:pending')).toEqual({ ok: true, value: [request] });
    expect(await fake.invoke(window, 'cli-approval:answer', { id: request?.id, decision: 'approve' })).toEqual({
      ok: true,
      value: { settled: true },
    });
    expect(await asking).toMatchObject({ code: 0, stdout: `${SECRET}\n` });
    expect(approvals().at(-1)).toEqual({ pending: [] });
    // Approved: the same session is not asked again.
    expect(await get()).toMatchObject({ code: 0, stdout: `${SECRET}\n` });
    expect(approvals()).toHaveLength(2);

    expect(await fake.invoke(window, 'vault:lock')).toMatchObject({ ok: true });
    expect(await get()).toMatchObject({
      code: 3,
      stderr: 'keyturn: Keyturn is locked: unlock Keyturn, or run with --no-app\n',
    });

    fake.app.quit();
    await until(() => fake.exitCode() !== null);
    await until(() => !existsSync(socket));
    // No app: the command unlocks the vault itself (and here has no password to do it with).
    expect((await get()).stderr).toMatch(/No password/);
  });
});
