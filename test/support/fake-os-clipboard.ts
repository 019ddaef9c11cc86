/**
 * An in-memory OS clipboard with the same (asynchronous) shape as Electron 45's, for the
 * app's SecretClipboard. (fake-clipboard.ts is the CLI's xclip stand-in.)
 */
import type { Clipboard } from '../../src/main/electron/clipboard';

export class FakeOsClipboard implements Clipboard {
  text = '';
  clears = 0;
  /** Answers reads a macrotask later, as a real clipboard (another process) does. */
  slowReads = false;

  async readText(): Promise<string> {
    if (this.slowReads) await new Promise((resolve) => setImmediate(resolve));
    return this.text;
  }

  async writeText(text: string): Promise<void> {
    this.text = text;
  }

  clear(): void {
    this.text = '';
    this.clears += 1;
  }
}
