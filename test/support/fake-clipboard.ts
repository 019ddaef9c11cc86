/**
 * A fake X clipboard for CLI tests: an `xclip` executable on PATH that keeps the clipboard in a
 * file. The CLI finds it exactly as it would find the real tool.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class FakeClipboard {
  readonly binDir: string;
  readonly file: string;

  constructor(dir: string) {
    this.binDir = join(dir, 'bin');
    this.file = join(dir, 'clipboard.txt');
    mkdirSync(this.binDir, { recursive: true });
    const script = [
      '#!/bin/sh',
      `if [ "$3" = "-o" ]; then cat "${this.file}" 2>/dev/null; exit 0; fi`,
      `cat > "${this.file}"`,
      '',
    ].join('\n');
    writeFileSync(join(this.binDir, 'xclip'), script);
    chmodSync(join(this.binDir, 'xclip'), 0o755);
  }

  /** Environment for a CLI child that should use this clipboard. */
  env(): Record<string, string> {
    return { PATH: `${this.binDir}:${process.env.PATH ?? ''}`, DISPLAY: ':99', WAYLAND_DISPLAY: '' };
  }

  read(): string {
    return existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
  }

  write(value: string): void {
    writeFileSync(this.file, value);
  }
}
