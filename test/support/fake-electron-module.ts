/**
 * The 'electron' module for the built out/main/index.js under plain Node (built-main.test.ts
 * compiles this file and points the 'electron' specifier at it). It drives the app as its window
 * would once the page has loaded, printing each step as a `fake-electron {json}` line on stdout
 * (its answer, or why the call was refused), then quits through app.quit(), and ends the process with the app's exit code.
 */
import { createFakeElectron } from './fake-electron';

const env = process.env;
const report = (event: Record<string, unknown>): void => {
  process.stdout.write(`fake-electron ${JSON.stringify(event)}\n`);
};

/** What the window does in this run: each channel and input in turn (FAKE_ELECTRON_STEPS, JSON). */
const steps = JSON.parse(env['FAKE_ELECTRON_STEPS'] ?? '[]') as [string, unknown][];

const fake = createFakeElectron({
  appPath: env['FAKE_ELECTRON_APP_PATH'] ?? process.cwd(),
  userData: env['FAKE_ELECTRON_USER_DATA'] ?? process.cwd(),
  onLog: (line) => {
    report({ log: line });
    if (line.startsWith('window.loaded')) setImmediate(() => void drive());
  },
  onExit: (code) => {
    report({ exit: code });
    process.exit(code);
  },
});

async function drive(): Promise<void> {
  const window = fake.windows[0];
  if (window === undefined) throw new Error('no window');
  for (const [channel, input] of steps) {
    // A channel main did not bind is refused, as Electron's ipcRenderer.invoke rejects: said, not a crash.
    try {
      report({ channel, answer: await fake.invoke(window, channel, input) });
    } catch (cause) {
      report({ channel, refused: cause instanceof Error ? cause.message : String(cause) });
    }
  }
  fake.app.quit();
}

export const {
  app,
  protocol,
  ipcMain,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  clipboard,
  ClipboardItem,
  safeStorage,
  powerMonitor,
  Notification,
  shell,
  dialog,
  globalShortcut,
  nativeTheme,
} = fake.electron;
